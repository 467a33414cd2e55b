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
import { fitColumns, outputWidth, truncateCell } from '../observe/table-layout.js';
import { visible } from '../observe/terminal-text.js';
import { printOut, renderTable } from './print.js';
import { pinnedDirectory } from '../storage/pinned-directory.js';

export function registerShow(program: Command, registry: PipelineRegistry): void {
  const command = program
    .command('show')
    .description('print the first rows of a dataset and its row count')
    .argument('<pipeline>', registry.names.join(', '))
    .argument('<dataset>', 'layer/dataset, e.g. gold/customer_analytics; _quarantine/layer.dataset for the rows its expectations set aside')
    .option('--limit <n>', 'rows to print', '20')
    .option('--data-dir <dir>', 'data directory of the pipeline')
    .option('--as-of <version>', "read the version a past run published: its run id, or for Delta tables also a version number or an ISO timestamp (see 'medallion history')");
  addEngineOptions(command).action(async (target: string, datasetArg: string, flags: EngineFlags & { limit: string; dataDir?: string; asOf?: string }) => {
    const { pipeline, dataDir } = pipelineAndDataDir(registry, target, flags.dataDir);
    const quarantined = QUARANTINE.exec(datasetArg);
    const name = parseDatasetArg(quarantined ? quarantined[1]! : datasetArg, pipeline);
    const limit = parseWholeNumber('--limit', flags.limit, 0);
    const store = openDatasetStore(dataDir);
    let dir: string;
    if (quarantined) {
      if (flags.asOf !== undefined) throw new UserError(`--as-of: only the last run's quarantine is kept; leave out --as-of`);
      dir = store.quarantinePath(name);
      if (!isComplete(dir)) throw new UserError(`${name} has no quarantined rows in ${dataDir}`);
    } else {
      dir = store.currentPath(name);
      if (!isComplete(dir)) throw new UserError(`${name} has not been built in ${dataDir}: run 'medallion run ${pipeline.name}' first`);
      // A run id is checked against the kept versions, so that the error lists them; Delta tables
      // also take a version number or a timestamp, which their store resolves.
      const runId = flags.asOf !== undefined && !/^v?\d+$|^\d{4}-\d{2}-\d{2}/.test(flags.asOf);
      if (runId) dir = await versionDirArg(store, name, flags.asOf!, pipeline.name);
    }
    const engine = await openEngine({ engine: parseEngineName(flags.engine), ...(flags.remote ? { remote: flags.remote } : {}) });
    try {
      // Pinned: the count, the rows and the columns are read of one version.
      const relation = quarantined ? engine.dialect.readParquet(pinnedDirectory(dir)) : await store.relation(name, engine.dialect, flags.asOf);
      const [count] = await engine.query(`SELECT count(*) AS n FROM ${relation} AS s`);
      const rows = await engine.query(`SELECT * FROM ${relation} AS s LIMIT ${limit}`);
      const described = await engine.describe(`SELECT * FROM ${relation} AS s`);
      // A quarantined row is read for why it was set aside: the rule and the reason come first.
      const first = quarantined ? ['_expectation', '_reason'] : [];
      const columns = [...first.flatMap((n) => described.filter((c) => c.name === n)), ...described.filter((c) => !first.includes(c.name))];
      const cells = rows.map((row) => columns.map((c) => formatCell(row[c.name], c.type)));
      const natural = columns.map((c, i) => Math.max(c.name.length, ...cells.map((r) => r[i]!.length)));
      const { widths, hidden } = fitColumns(natural, outputWidth(process.stdout));
      const fit = (values: readonly string[]) => widths.map((w, i) => truncateCell(values[i]!, w));
      const table = await renderTable(fit(columns.map((c) => c.name)), cells.map(fit));
      const total = Number(count?.['n'] ?? 0);
      const shown = rows.length < total ? `${formatCount(rows.length)} of ${formatCount(total)} rows` : `${formatCount(total)} row${total === 1 ? '' : 's'}`;
      const more = hidden ? `; ${hidden} more column${hidden > 1 ? 's' : ''} not shown (too wide for the terminal): ${columns.slice(widths.length).map((c) => c.name).join(', ')}` : '';
      printOut(`${name}${quarantined ? ' quarantine' : ''} (${dir})\n${table}\n${shown}${more}\n`);
    } finally {
      await engine.close();
    }
  });
}

/** `_quarantine/<layer>.<dataset>` (as on disk) or `_quarantine/<layer>/<dataset>`. */
const QUARANTINE = /^_quarantine\/(.+)$/;

function formatCell(value: unknown, type: string): string {
  return visible(cellText(value, type));
}

function cellText(value: unknown, type: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date && type === 'DATE') return value.toISOString().slice(0, 10);
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/(\.000)?Z$/, '');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
