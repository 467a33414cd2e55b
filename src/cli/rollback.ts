import type { Command } from 'commander';
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
    .argument('<run-id>', 'the run whose versions to restore')
    .option('--data-dir <dir>', 'data directory of the pipeline')
    .action(async (pipelineArg: string, runId: string, flags: { dataDir?: string }) => {
      const { pipeline, dataDir } = pipelineAndDataDir(registry, pipelineArg, flags.dataDir);
      const datasets = pipeline.datasets.map((d) => d.name);
      const record = await rollbackToRun(openDatasetStore(dataDir), datasets, runId);
      const slash = (name: string) => name.replace('.', '/');
      const lines = [
        `Rolled back ${dataDir} to run ${runId} (rollback ${record.rollbackId}):`,
        ...record.changed.map((c) => `  ${slash(c.dataset)}: ${c.from ?? 'none'} -> ${c.to}`),
        ...record.alreadyCurrent.map((d) => `  ${slash(d)}: already current`),
        ...record.untouched.map((d) => `  ${slash(d)}: unchanged (no kept version from that run)`),
      ];
      process.stdout.write(lines.join('\n') + '\n');
      // The catalog's views read each table's current files: they follow the rollback. A catalog
      // that cannot be rewritten costs no data, so the rollback still succeeds.
      await refreshCatalogAfterCommit(dataDir).catch((error: unknown) => process.stderr.write(`medallion: warning: ${errorMessage(error)}\n`));
    });
}
