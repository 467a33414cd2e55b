import type { Command } from 'commander';
import { printOut } from './print.js';
import { visible } from '../observe/terminal-text.js';
import { diffDataset, type DatasetDiff, type DiffSide } from '../compare/dataset-diff.js';
import { openEngine, parseEngineName } from '../engines/registry.js';
import { UserError } from '../model/errors.js';
import { formatCount } from '../observe/logger.js';
import type { PipelineRegistry } from '../project/registry.js';
import type { DatasetStore } from '../storage/dataset-store.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { showRow } from '../testing/row-diff.js';
import { parseDatasetArg } from './dataset-arg.js';
import { addEngineOptions, type EngineFlags } from './options.js';
import { pipelineAndDataDir } from './pipeline-arg.js';
import { keptVersions } from './version-arg.js';

interface DiffFlags extends EngineFlags {
  dataDir?: string;
  from?: string;
  to?: string;
  against?: string;
  key?: string[];
  tolerance?: string;
  format?: string;
  exitCode?: boolean;
}

/**
 * `medallion diff <pipeline> <dataset>`: what changed between two versions of a dataset (by
 * default the previous and the current one), or between this data dir's and another's current
 * version (`--against`), read through the store's snapshots on the engine chosen.
 */
export function registerDiff(program: Command, registry: PipelineRegistry): void {
  const command = program
    .command('diff')
    .description('compare two versions of a dataset by its keys: rows added, removed and changed, per column (default: the previous version against the current one)')
    .argument('<pipeline>', registry.names.join(', '))
    .argument('<dataset>', 'layer/dataset, e.g. gold/customer_analytics')
    .option('--data-dir <dir>', 'data directory of the pipeline')
    .option('--from <version>', "the older side: a run id (see 'medallion history'), or for Delta tables a version number (default: the version before the current one)")
    .option('--to <version>', 'the newer side (default: the current version)')
    .option('--against <data-dir>', "compare with this other data dir's current version (the older side), e.g. a Spark run's against a DuckDB run's")
    .option('--key <columns...>', "columns that identify a row (default: the dataset's keys; without keys, whole rows are compared)")
    .option('--tolerance <x>', 'numbers differing by at most this are equal (default 0)')
    .option('--format <format>', 'text or json', 'text')
    .option('--exit-code', 'exit 1 when the versions differ, as git diff --exit-code does');
  addEngineOptions(command).action(async (target: string, datasetArg: string, flags: DiffFlags) => {
    const { pipeline, dataDir } = pipelineAndDataDir(registry, target, flags.dataDir);
    const name = parseDatasetArg(datasetArg, pipeline);
    if (flags.format !== 'text' && flags.format !== 'json') throw new UserError(`--format: expected text or json, got '${flags.format}'`);
    if (flags.against !== undefined && flags.from !== undefined) throw new UserError('--against and --from both name the older side: give one');
    const tolerance = flags.tolerance === undefined ? 0 : Number(flags.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0) throw new UserError(`--tolerance: expected a number of 0 or more, got '${flags.tolerance}'`);
    const dataset = pipeline.datasets.find((d) => d.name === name)!;
    const keys = flags.key ?? [...(dataset.keys ?? [])];
    const store = openDatasetStore(dataDir);
    const versions = await keptVersions(store, name, pipeline.name);
    const engine = await openEngine({ engine: parseEngineName(flags.engine), ...(flags.remote ? { remote: flags.remote } : {}) });
    let diff: DatasetDiff;
    try {
      const side = async (on: DatasetStore, version: string | undefined, label: string, flag: string): Promise<DiffSide> => {
        try {
          return { label, relation: await on.relation(name, engine.dialect, version) };
        } catch (error) {
          // The store words a version it does not keep for `show --as-of`; here the flag is --from or --to.
          if (error instanceof UserError) throw new UserError(error.message.replace(/^--as-of/, flag));
          throw error;
        }
      };
      const to = await side(store, flags.to, flags.to === undefined ? `current (run ${versions[0]!.versionId})` : `run ${flags.to}`, '--to');
      let from: DiffSide;
      if (flags.against !== undefined) {
        const other = openDatasetStore(flags.against);
        await keptVersions(other, name, pipeline.name);
        from = await side(other, undefined, flags.against, '--against');
      } else if (flags.from !== undefined) {
        from = await side(store, flags.from, `run ${flags.from}`, '--from');
      } else {
        const previous = versions[1];
        if (!previous) throw new UserError(`${name} has one version in ${dataDir}: nothing to compare it with (run again, or give --against <data-dir>)`);
        from = await side(store, previous.versionId, `previous (run ${previous.versionId})`, '--from');
      }
      try {
        diff = await diffDataset(engine, from, to, keys, tolerance);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('no column')) throw new UserError(`--key: ${error.message}`);
        throw error;
      }
    } finally {
      await engine.close();
    }
    printOut(flags.format === 'json' ? `${JSON.stringify({ dataset: name, ...diff }, null, 2)}\n` : diffText(name, diff));
    if (flags.exitCode && (diff.added || diff.removed || diff.changed || diff.columnsAdded.length || diff.columnsRemoved.length)) process.exitCode = 1;
  });
}

const rowsOf = (n: number) => `${formatCount(n)} row${n === 1 ? '' : 's'}`;
const show = (value: unknown) => (typeof value === 'string' ? `'${visible(value)}'` : visible(String(value)));

function diffText(name: string, diff: DatasetDiff): string {
  const by = diff.keys.length ? `by ${diff.keys.join(', ')}` : 'whole rows';
  const byColumn = Object.entries(diff.changedByColumn).sort((x, y) => y[1] - x[1]).map(([c, n]) => `${c} ${formatCount(n)}`).join(', ');
  const lines = [
    `${name}: ${diff.from.label}, ${rowsOf(diff.from.rows)} → ${diff.to.label}, ${rowsOf(diff.to.rows)}; ${by}`,
    ...(diff.keyNote ? [`  (${diff.keyNote})`] : []),
    ...(diff.columnsAdded.length ? [`  columns added:   ${diff.columnsAdded.join(', ')}`] : []),
    ...(diff.columnsRemoved.length ? [`  columns removed: ${diff.columnsRemoved.join(', ')}`] : []),
    `  added     ${rowsOf(diff.added)}`,
    `  removed   ${rowsOf(diff.removed)}`,
    ...(diff.keys.length ? [`  changed   ${rowsOf(diff.changed)}${byColumn ? `: ${byColumn}` : ''}`] : []),
    `  unchanged ${rowsOf(diff.unchanged)}`,
  ];
  const examples = [
    ...diff.examples.added.map((r) => `  added    ${showRow(r)}`),
    ...diff.examples.removed.map((r) => `  removed  ${showRow(r)}`),
    ...diff.examples.changed.map((c) => `  changed  ${showRow(c.key)}: ${c.cells.map((cell) => `${cell.column} ${show(cell.from)} → ${show(cell.to)}`).join(', ')}`),
  ];
  if (examples.length) lines.push('examples:', ...examples);
  return `${lines.join('\n')}\n`;
}
