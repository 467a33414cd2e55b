import type { Command } from 'commander';
import { UserError } from '../model/errors.js';
import { isComplete } from '../storage/publish.js';
import { parseDatasetArg } from './dataset-arg.js';
import { versionDirArg } from './version-arg.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { addEngineOptions, parseWholeNumber, type EngineFlags } from './options.js';
import { openEngine, parseEngineName } from '../engines/registry.js';
import { formatCount } from '../observe/logger.js';
import type { PipelineRegistry } from '../project/registry.js';
import { pipelineAndDataDir } from './pipeline-arg.js';

export function registerShow(program: Command, registry: PipelineRegistry): void {
  const command = program
    .command('show')
    .description('print the first rows of a dataset and its row count')
    .argument('<pipeline>', registry.names.join(', '))
    .argument('<dataset>', 'layer/dataset, e.g. gold/customer_analytics')
    .option('--limit <n>', 'rows to print', '20')
    .option('--data-dir <dir>', 'data directory of the pipeline')
    .option('--as-of <version>', "read the version a past run published: its run id, or for Delta tables also a version number or an ISO timestamp (see 'medallion history')");
  addEngineOptions(command).action(async (target: string, datasetArg: string, flags: EngineFlags & { limit: string; dataDir?: string; asOf?: string }) => {
    const { pipeline, dataDir } = pipelineAndDataDir(registry, target, flags.dataDir);
    const name = parseDatasetArg(datasetArg, pipeline);
    const limit = parseWholeNumber('--limit', flags.limit, 0);
    const store = openDatasetStore(dataDir);
    const dir = store.currentPath(name);
    if (!isComplete(dir)) throw new UserError(`${name} has not been built in ${dataDir}: run 'medallion run ${pipeline.name}' first`);
    // A run id is checked against the kept versions, so that the error lists them; Delta tables
    // also take a version number or a timestamp, which their store resolves.
    const runId = flags.asOf !== undefined && !/^v?\d+$|^\d{4}-\d{2}-\d{2}/.test(flags.asOf);
    const shown = runId ? await versionDirArg(store, name, flags.asOf!, pipeline.name) : dir;
    const engine = await openEngine({ engine: parseEngineName(flags.engine), ...(flags.remote ? { remote: flags.remote } : {}) });
    try {
      const relation = await store.relation(name, engine.dialect, flags.asOf);
      const [count] = await engine.query(`SELECT count(*) AS n FROM ${relation} AS s`);
      const rows = await engine.query(`SELECT * FROM ${relation} AS s LIMIT ${limit}`);
      const columns = (await engine.describe(`SELECT * FROM ${relation} AS s`)).map((c) => c.name);
      const { default: Table } = await import('cli-table3');
      const table = new Table({
        head: columns,
        style: { head: [], border: [] },
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const row of rows) table.push(columns.map((c) => formatCell(row[c])));
      process.stdout.write(`${name} (${shown})\n${table.toString()}\n${formatCount(Number(count?.['n'] ?? 0))} rows\n`);
    } finally {
      await engine.close();
    }
  });
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/(\.000)?Z$/, '');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
