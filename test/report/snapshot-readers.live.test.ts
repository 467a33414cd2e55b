import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig } from '../../src/index.js';
import type { ChartSpec } from '../../src/model/chart.js';
import { dataPipeline } from '../../src/pipelines/data/index.js';
import { renderGoldCharts } from '../../src/report/gold-charts.js';
import { loadPipelineReport } from '../../src/report/pipeline-report.js';
import { writeReport } from '../../src/report/write-report.js';
import { openDatasetStore, type TableFormat } from '../../src/storage/open-dataset-store.js';
import { medallion } from '../storage/fixtures.js';
import { memoryLogger, reader, tempDir } from '../helpers.js';
import { projectPython, runPython } from './python-env.js';

const { python, reason } = projectPython();
const skip = python ? false : `snapshot reader suite skipped: ${reason}`;
if (skip) process.stdout.write(`# ${skip}\n`);

/** Runs past a Delta table's first checkpoint (written at version 10), each with its own sizes. */
const RUNS = 12;
const customersOf = (run: number) => 100 + 7 * run;

async function runData(dataDir: string, run: number, tableFormat?: TableFormat): Promise<string> {
  const config = new DataPipelineConfig({ dataDir, customers: customersOf(run), transactions: 400 + 13 * run, products: 20, seed: 5, asOf: '2026-01-10' });
  const manifest = await runPipeline(config, { logger: memoryLogger().logger, ...(tableFormat ? { tableFormat } : {}) });
  assert.equal(manifest.outcome, 'succeeded');
  return manifest.runId;
}

const deltaDir = tempDir();
const deltaRuns: string[] = [];
const plainDir = tempDir();
const plainRuns: string[] = [];
before(async () => {
  if (skip) return;
  for (let run = 0; run < RUNS; run++) deltaRuns.push(await runData(deltaDir, run, 'delta'));
  for (let run = 0; run < 2; run++) plainRuns.push(await runData(plainDir, run));
});

/** Rows of every dataset as the store reads it: its current snapshot's relation. */
async function storeCounts(dataDir: string): Promise<Record<string, number>> {
  const store = openDatasetStore(dataDir);
  const engine = await reader();
  const counts: Record<string, number> = {};
  for (const { name } of dataPipeline.datasets) {
    if (!store.isBuilt(name)) continue;
    const [row] = await engine.query(`SELECT count(*) AS n FROM ${await store.relation(name, engine.dialect)}`);
    counts[name] = Number(row!['n']);
  }
  return counts;
}

/** Every dataset view of the catalog and its rows, each read whole (every column), as Python's duckdb sees them read-only. */
const DUCKDB_SCRIPT = `
import duckdb, json, os, sys
con = duckdb.connect(sys.argv[1], read_only=True)
views = con.sql("SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal AND schema_name IN ('bronze', 'silver', 'gold', 'quarantine') ORDER BY 1, 2").fetchall()
counts = {f"{s}.{n}": len(con.sql(f'SELECT * FROM "{s}"."{n}"').fetchall()) for s, n in views}
# Closed before exit: DuckDB's threads must not be torn down by the interpreter's shutdown.
con.close()
print(json.dumps(counts))
sys.stdout.flush()
# Out without the interpreter's teardown, where the readers' native threads can abort the process.
os._exit(0)
`;

/** What Superset does: a read-only SQLAlchemy engine on duckdb-engine, inspected, then every row of each view fetched. */
const SQLALCHEMY_SCRIPT = `
import json, os, sys
from sqlalchemy import create_engine, inspect, text
engine = create_engine(f"duckdb:///{sys.argv[1]}", connect_args={"read_only": True})
insp = inspect(engine)
found = {}
with engine.connect() as con:
    for schema in ["bronze", "silver", "gold", "quarantine"]:
        for name in sorted(insp.get_view_names(schema=schema)):
            columns = [c["name"] for c in insp.get_columns(name, schema=schema)]
            rows = con.execute(text(f'SELECT * FROM "{schema}"."{name}"')).fetchall()
            found[f"{schema}.{name}"] = {"rows": len(rows), "columns": columns}
engine.dispose()
print(json.dumps(found))
sys.stdout.flush()
# Out without the interpreter's teardown, where the readers' native threads can abort the process.
os._exit(0)
`;

/** Rows of each Delta table as delta-rs reads it, an independent reader of the log. */
const DELTA_RS_SCRIPT = `
import json, os, sys
from deltalake import DeltaTable
print(json.dumps({p: DeltaTable(p).to_pyarrow_table().num_rows for p in sys.argv[1:]}))
sys.stdout.flush()
# Out without the interpreter's teardown, where the readers' native threads can abort the process.
os._exit(0)
`;

const datasetViews = <T>(seen: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(seen).filter(([k]) => !k.startsWith('quarantine.')));

/** The row count `medallion show` prints last: `20 of 177 rows`, or `8 rows` when it shows them all. */
function shownRows(dataDir: string, dataset: string): number {
  const shown = medallion(['show', 'data', dataset.replace('.', '/'), '--data-dir', dataDir]);
  assert.equal(shown.code, 0, shown.stderr);
  const match = /(?:\d+ of )?([\d,]+) rows?\s*$/.exec(shown.stdout);
  assert.ok(match, shown.stdout);
  return Number(match[1]!.replaceAll(',', ''));
}

test('on a Delta data dir past its first checkpoint, every catalog view has exactly the rows of the current version, every column readable from Python', { skip }, async () => {
  assert.ok(existsSync(join(deltaDir, 'bronze', 'customers', '_delta_log', '00000000000000000010.checkpoint.parquet')), 'the tables are past a checkpoint');
  const expected = await storeCounts(deltaDir);
  assert.equal(Object.keys(expected).length, dataPipeline.datasets.length);
  assert.equal(expected['bronze.customers'], customersOf(RUNS - 1));
  const seen = runPython<Record<string, number>>(python!, DUCKDB_SCRIPT, [join(deltaDir, 'catalog.duckdb')]);
  assert.deepEqual(datasetViews(seen), expected);
  assert.ok('quarantine.silver_transactions_clean' in seen, Object.keys(seen).join(', '));
  for (const dataset of ['bronze.customers', 'silver.transactions_clean', 'gold.customer_analytics']) {
    assert.equal(shownRows(deltaDir, dataset), seen[dataset], `medallion show ${dataset}`);
  }
  const tables = Object.keys(expected).map((d) => join(deltaDir, ...d.split('.')));
  const deltaRs = runPython<Record<string, number>>(python!, DELTA_RS_SCRIPT, tables);
  assert.deepEqual(Object.values(deltaRs), Object.values(expected), 'delta-rs reads the same rows');
});

test('SQLAlchemy with duckdb-engine, as Superset connects, lists every view of that Delta catalog and reads exactly the current rows', { skip }, async () => {
  const expected = await storeCounts(deltaDir);
  const found = runPython<Record<string, { rows: number; columns: string[] }>>(python!, SQLALCHEMY_SCRIPT, [join(deltaDir, 'catalog.duckdb')]);
  assert.deepEqual(
    Object.fromEntries(Object.entries(datasetViews(found)).map(([name, { rows }]) => [name, rows])),
    expected,
  );
  assert.ok(found['gold.customer_analytics']?.columns.includes('customer_segment'));
  for (const [name, { columns }] of Object.entries(found)) assert.ok(columns.length > 0, name);
});

/** A chart of each gold dataset that keeps the row count it read. */
function countingCharts(counted: Map<string, number>): Record<string, ChartSpec[]> {
  const gold = dataPipeline.datasets.filter((d) => d.name.startsWith('gold.')).map((d) => d.name);
  return Object.fromEntries(
    gold.map((name) => [
      name,
      [
        {
          title: `rows of ${name}`,
          sql: (rel) => `SELECT count(*) AS n FROM ${rel(name)}`,
          option: (rows) => {
            counted.set(name, Number(rows[0]!['n']));
            return { xAxis: { type: 'category', data: ['rows'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [Number(rows[0]!['n'])] }] };
          },
        },
      ],
    ]),
  );
}

async function reportedCounts(dataDir: string): Promise<{ counted: Map<string, number>; problems: string[]; customers: string | undefined }> {
  const engine = await reader();
  const report = await loadPipelineReport(dataDir);
  const own = await renderGoldCharts(report, engine, () => dataPipeline.charts);
  const counted = new Map<string, number>();
  const counting = await renderGoldCharts(report, engine, () => countingCharts(counted));
  const problems = [...own, ...counting].filter((c) => c.problem !== undefined || c.svg === undefined).map((c) => `${c.dataset} ${c.title}: ${c.problem}`);
  const page = readFileSync((await writeReport([dataDir], join(dataDir, 'report'), () => dataPipeline.charts)).path, 'utf8');
  const customers = /data-dataset="bronze\.customers">[\s\S]*?<span class="ds-facts">([\d,]+) rows/.exec(page)?.[1];
  return { counted, problems, customers };
}

test('the report and its gold charts on that Delta data dir read the current version of every table', { skip }, async () => {
  const expected = await storeCounts(deltaDir);
  const { counted, problems, customers } = await reportedCounts(deltaDir);
  assert.deepEqual(problems, []);
  const gold = Object.fromEntries(Object.entries(expected).filter(([name]) => name.startsWith('gold.')));
  assert.deepEqual(Object.fromEntries(counted), gold);
  assert.equal(customers, String(customersOf(RUNS - 1)));
});

test('medallion rollback of the Delta data dir rewrites the catalog, and the catalog and the report follow it', { skip }, async () => {
  // Two runs back: each table keeps its last 5 versions.
  const target = RUNS - 3;
  const rolled = medallion(['rollback', 'data', deltaRuns[target]!, '--data-dir', deltaDir]);
  assert.equal(rolled.code, 0, rolled.stderr);
  assert.equal(rolled.stderr, '');
  const expected = await storeCounts(deltaDir);
  assert.equal(expected['bronze.customers'], customersOf(target));
  const seen = runPython<Record<string, number>>(python!, DUCKDB_SCRIPT, [join(deltaDir, 'catalog.duckdb')]);
  assert.deepEqual(datasetViews(seen), expected);
  const { counted, problems, customers } = await reportedCounts(deltaDir);
  assert.deepEqual(problems, []);
  assert.deepEqual(Object.fromEntries(counted), Object.fromEntries(Object.entries(expected).filter(([name]) => name.startsWith('gold.'))));
  assert.equal(customers, String(customersOf(target)));
});

test('medallion rollback of a versioned Parquet data dir rewrites the catalog, which reads the restored versions', { skip }, async () => {
  const catalog = join(plainDir, 'catalog.duckdb');
  const before = runPython<Record<string, number>>(python!, DUCKDB_SCRIPT, [catalog]);
  assert.equal(before['bronze.customers'], customersOf(1));
  const rolled = medallion(['rollback', 'data', plainRuns[0]!, '--data-dir', plainDir]);
  assert.equal(rolled.code, 0, rolled.stderr);
  const expected = await storeCounts(plainDir);
  assert.equal(expected['bronze.customers'], customersOf(0));
  const seen = runPython<Record<string, number>>(python!, DUCKDB_SCRIPT, [catalog]);
  assert.deepEqual(datasetViews(seen), expected);
  const found = runPython<Record<string, { rows: number }>>(python!, SQLALCHEMY_SCRIPT, [catalog]);
  assert.equal(found['bronze.customers']?.rows, customersOf(0));
});
