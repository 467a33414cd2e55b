import type { Command } from 'commander';
import { printOut } from './print.js';
import { UserError } from '../model/errors.js';
import type { DatasetStore } from '../storage/dataset-store.js';
import type { PipelineRegistry } from '../project/registry.js';
import { pipelineAndDataDir } from './pipeline-arg.js';
import { errorMessage } from '../model/errors.js';
import { refreshCatalogAfterCommit } from '../report/catalog.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { rollbackToRun } from '../storage/rollback-to-run.js';

/** `medallion rollback <pipeline> <run-id>`: makes a past run's versions current again. */
export function registerRollback(program: Command, registry: PipelineRegistry): void {
  program
    .command('rollback')
    .description("make the versions a past run published current again, atomically per dataset (see 'medallion history')")
    .argument('<pipeline>', registry.names.join(', '))
    .argument('[run-id]', 'the run whose versions to restore (without it, the runs one can roll back to are listed)')
    .option('--data-dir <dir>', 'data directory of the pipeline')
    .action(async (pipelineArg: string, runId: string | undefined, flags: { dataDir?: string }) => {
      const { pipeline, dataDir } = pipelineAndDataDir(registry, pipelineArg, flags.dataDir);
      const datasets = pipeline.datasets.map((d) => d.name);
      if (runId === undefined) {
        await listRuns(openDatasetStore(dataDir), datasets, pipeline.name, dataDir);
        return;
      }
      const record = await rollbackToRun(openDatasetStore(dataDir), datasets, runId);
      const slash = (name: string) => name.replace('.', '/');
      const lines = [
        `Rolled back ${dataDir} to run ${runId} (rollback ${record.rollbackId}):`,
        ...record.changed.map((c) => `  ${slash(c.dataset)}: ${c.from ?? 'none'} -> ${c.to}`),
        ...record.alreadyCurrent.map((d) => `  ${slash(d)}: already current`),
        ...record.untouched.map((d) => `  ${slash(d)}: unchanged (no kept version from that run)`),
      ];
      printOut(lines.join('\n') + '\n');
      // The catalog's views read each table's current files: they follow the rollback. A catalog
      // that cannot be rewritten costs no data, so the rollback still succeeds.
      await refreshCatalogAfterCommit(dataDir).catch((error: unknown) => process.stderr.write(`medallion: warning: ${errorMessage(error)}\n`));
    });
}

/**
 * The runs whose versions are kept, newest first, with how many datasets each can restore and
 * whether they are current; then a usage error (exit 2), since no run was named.
 */
async function listRuns(store: DatasetStore, datasets: readonly string[], pipeline: string, dataDir: string): Promise<void> {
  const runs = new Map<string, { createdAt: string; kept: number; current: number }>();
  for (const dataset of datasets) {
    for (const version of await store.versions(dataset)) {
      const run = runs.get(version.versionId) ?? { createdAt: version.createdAt, kept: 0, current: 0 };
      run.kept++;
      if (version.current) run.current++;
      runs.set(version.versionId, run);
    }
  }
  if (!runs.size) throw new UserError(`nothing has been built in ${dataDir}: there is no run to roll back to`);
  const newestFirst = [...runs.entries()].sort((a, b) => b[1].createdAt.localeCompare(a[1].createdAt));
  const lines = [
    `Runs of ${pipeline} in ${dataDir} that can be rolled back to (versions kept of ${datasets.length} datasets):`,
    ...newestFirst.map(([id, run]) => `  ${id}  ${run.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}  ${run.kept} dataset${run.kept === 1 ? '' : 's'}${run.current === run.kept ? ', current' : run.current ? `, ${run.current} current` : ''}`),
  ];
  printOut(`${lines.join('\n')}\n`);
  throw new UserError(`rollback needs the run to go back to: medallion rollback ${pipeline} <run-id>, with a run id listed above`);
}
