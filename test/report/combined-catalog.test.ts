import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { latestColumnLineage, readRunRecords } from '../../src/report/run-records.js';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const env = { ...process.env, CI: 'true' };
const medallion = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const run = promisify(execFile);
const SMALL = ['--customers', '300', '--transactions', '1200', '--products', '30', '--events', '2000', '--users', '100', '--event-products', '20', '--seed', '3', '--as-of', '2026-01-10'];

const root = tempDir();
const catalog = join(root, 'catalog_both.duckdb');
let report: ReturnType<typeof medallion>;
before(() => {
  const both = medallion('run', 'both', '--data-dir', root, '--quiet', ...SMALL);
  assert.equal(both.code, 0, both.stderr);
  report = medallion('report', 'both', '--data-dir', root);
});

/** Every non-internal view of the catalog with its row count, read as a BI tool does: read-only. */
async function viewCounts(file = catalog): Promise<Map<string, number>> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const views = (await connection.runAndReadAll('SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1, 2')).getRowObjectsJS();
    const counts = new Map<string, number>();
    for (const v of views) {
      const [row] = (await connection.runAndReadAll(`SELECT count(*) AS n FROM "${String(v['schema_name'])}"."${String(v['view_name'])}"`)).getRowObjectsJS();
      counts.set(`${String(v['schema_name'])}.${String(v['view_name'])}`, Number(row?.['n']));
    }
    const [runs] = (await connection.runAndReadAll('SELECT count(*) AS n FROM medallion.runs')).getRowObjectsJS();
    counts.set('medallion.runs', Number(runs?.['n']));
    return counts;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The row count `medallion show` prints last: `0 of 1,234 rows`, `1 row`, `12 rows`. */
async function shownCount(pipeline: string, dataset: string): Promise<number> {
  const { stdout } = await run(process.execPath, [CLI, 'show', pipeline, dataset, '--data-dir', join(root, pipeline), '--limit', '0'], { env });
  const last = stdout.trim().split('\n').at(-1)!;
  const match = /(?:of )?([\d,]+) rows?$/.exec(last);
  assert.ok(match, `no count in '${last}'`);
  return Number(match[1]!.replaceAll(',', ''));
}

test('report both writes one catalog over both pipelines, schemas <pipeline>_<layer>, and names it', () => {
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, new RegExp(`\\nCatalog: ${catalog} \\(29 views of data and mapreduce, in schemas data_gold, mapreduce_gold, …\\)\\n$`));
});

test('every view of the combined catalog, opened read-only, counts the rows medallion show counts', async () => {
  const counts = await viewCounts();
  const datasets = [...counts.keys()].filter((k) => /^(data|mapreduce)_(bronze|silver|gold)\./.test(k));
  assert.equal(datasets.length, 29, datasets.join(', '));
  assert.ok(counts.has('data_gold.customer_analytics') && counts.has('mapreduce_gold.event_funnel'));
  const quarantines = [...counts.keys()].filter((k) => /^(data|mapreduce)_quarantine\./.test(k));
  assert.ok(quarantines.includes('data_quarantine.silver_transactions_clean'), quarantines.join(', '));
  const expected = [
    ...datasets.map((k) => {
      const [, pipeline, layer, name] = /^(data|mapreduce)_(\w+)\.(\w+)$/.exec(k)!;
      return { key: k, pipeline: pipeline!, arg: `${layer}/${name}` };
    }),
    ...quarantines.map((k) => {
      const [, pipeline, layer, name] = /^(data|mapreduce)_quarantine\.(bronze|silver|gold)_(\w+)$/.exec(k)!;
      return { key: k, pipeline: pipeline!, arg: `_quarantine/${layer}.${name}` };
    }),
  ];
  // Two at a time: each `show` is a process of its own, and the machine may have two cores.
  for (let i = 0; i < expected.length; i += 2) {
    await Promise.all(
      expected.slice(i, i + 2).map(async ({ key, pipeline, arg }) => assert.equal(counts.get(key), await shownCount(pipeline, arg), `${key} = show ${pipeline} ${arg}`)),
    );
  }
  assert.equal(counts.get('data_bronze.customers'), 300);
  assert.equal(counts.get('mapreduce_bronze.raw_events'), 2000);
  assert.equal(counts.get('medallion.runs'), 2, 'the runs of both pipelines');
});

/** Rows of a query over a catalog file, opened read-only. */
async function query(file: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('the catalog holds the column lineage the report shows, as medallion.column_lineage', async () => {
  const lineage = (file: string) =>
    query(file, `SELECT "column", transform, source_dataset, source_column, relation FROM medallion.column_lineage
                 WHERE pipeline = 'data' AND dataset = 'gold.customer_analytics' AND "column" IN ('segment_revenue', 'customer_count', 'city') ORDER BY "column"`);
  const expected = [
    { column: 'city', transform: 'copy', source_dataset: 'silver.customers_enriched', source_column: 'city', relation: 'reads' },
    { column: 'customer_count', transform: 'aggregate', source_dataset: 'silver.customers_enriched', source_column: null, relation: 'counts rows of' },
    { column: 'segment_revenue', transform: 'aggregate', source_dataset: 'silver.customers_enriched', source_column: 'total_spent', relation: 'reads' },
  ];
  assert.deepEqual(await lineage(join(root, 'data', 'catalog.duckdb')), expected, "the pipeline's own catalog");
  assert.deepEqual(await lineage(catalog), expected, 'the catalog over both');
  // Every hop the report's column picker draws is a row, and nothing else is.
  const hops = latestColumnLineage(readRunRecords(join(root, 'data'))).flatMap((d) =>
    d.columns.flatMap((c) => {
      const rows = [...c.sources.map((s) => `${d.dataset}.${c.column} <- ${s.dataset}.${s.column}`), ...(c.rowsOf ?? []).map((i) => `${d.dataset}.${c.column} <- ${i}.*`), ...(c.previous ?? []).map((s) => `${d.dataset}.${c.column} <- previous ${s.dataset}.${s.column}`)];
      return rows.length ? rows : [`${d.dataset}.${c.column}`];
    }),
  );
  const rows = await query(catalog, `SELECT dataset || '.' || "column" || CASE WHEN relation IS NULL THEN '' ELSE ' <- ' || CASE WHEN relation = 'previous version' THEN 'previous ' ELSE '' END || source_dataset || '.' || coalesce(source_column, '*') END AS hop
                                     FROM medallion.column_lineage WHERE pipeline = 'data'`);
  assert.deepEqual(rows.map((r) => String(r['hop'])).sort(), hops.sort());
  assert.ok(hops.length > 100, `${hops.length} hops`);
  const pipelines = await query(catalog, 'SELECT DISTINCT pipeline FROM medallion.column_lineage ORDER BY 1');
  assert.deepEqual(pipelines.map((r) => r['pipeline']), ['data', 'mapreduce']);
});

test('a later run of one pipeline alone, and its rollback, rewrite the combined catalog', async () => {
  const inode = () => statSync(catalog).ino;
  const before = inode();
  const [firstId] = readdirSync(join(root, 'data', '_runs')).map((f) => f.replace(/\.json$/, ''));
  const data = medallion('run', 'data', '--data-dir', join(root, 'data'), '--quiet', '--customers', '450', '--transactions', '1200', '--products', '30', '--seed', '3', '--as-of', '2026-01-10');
  assert.equal(data.code, 0, data.stderr);
  let counts = await viewCounts();
  assert.equal(counts.get('data_bronze.customers'), 450);
  assert.equal(counts.get('medallion.runs'), 3);
  assert.notEqual(inode(), before, 'the file was replaced, not edited in place');

  const replaced = inode();
  const rollback = medallion('rollback', 'data', firstId!, '--data-dir', join(root, 'data'));
  assert.equal(rollback.code, 0, rollback.stderr);
  counts = await viewCounts();
  assert.equal(counts.get('data_bronze.customers'), 300);
  assert.notEqual(inode(), replaced, 'the rollback rewrote the combined catalog');
});

test("a second run both rewrites the catalog over both, and run all's catalog over the same data dirs, once the run is done", async () => {
  const dir = tempDir();
  const sizes = (customers: string) => ['--customers', customers, '--transactions', '1200', '--products', '30', '--events', '2000', '--users', '100', '--event-products', '20', '--seed', '3', '--as-of', '2026-01-10'];
  const all = medallion('run', 'all', '--data-dir', dir, '--quiet', ...sizes('300'), '--sessions', '200');
  assert.equal(all.code, 0, all.stderr);
  const both = medallion('run', 'both', '--data-dir', dir, '--quiet', ...sizes('450'));
  assert.equal(both.code, 0, both.stderr);
  const overBoth = await viewCounts(join(dir, 'catalog_both.duckdb'));
  assert.equal(overBoth.get('data_bronze.customers'), 450);
  assert.equal(overBoth.get('medallion.runs'), 4);
  const overAll = await viewCounts(join(dir, 'catalog_all.duckdb'));
  assert.equal(overAll.get('data_bronze.customers'), 450);
  assert.equal(overAll.get('medallion.runs'), 5, 'two runs each of data and mapreduce, one of performance');
  assert.ok(overAll.has('performance_silver.enriched_events'));
});
