import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig } from '../../src/index.js';
import { rollbackToRun } from '../../src/storage/rollback-to-run.js';
import { openDatasetStore } from '../../src/storage/open-dataset-store.js';
import { dataPipeline } from '../../src/pipelines/data/index.js';
import { mapReducePipeline } from '../../src/pipelines/mapreduce/index.js';
import { writeCombinedCatalog } from '../../src/report/combined-catalog.js';
import { memoryLogger, scalar, tempDir } from '../helpers.js';
import { projectPython, runPython } from './python-env.js';

const { python, reason } = projectPython();
const skip = python ? false : `catalog suite skipped: ${reason}`;
if (skip) process.stdout.write(`# ${skip}\n`);

const dataDir = tempDir();
const eventsDir = tempDir();
const runIds: string[] = [];
before(async () => {
  // Two runs of different sizes, so that which version a view reads shows in its row count.
  for (const customers of [300, 450]) {
    const config = new DataPipelineConfig({ dataDir, customers, transactions: 1200, products: 30, seed: 5 });
    runIds.push((await runPipeline(config, { logger: memoryLogger().logger })).runId);
  }
  await runPipeline(new MapReducePipelineConfig({ dataDir: eventsDir, events: 3000, users: 200, products: 50, seed: 5 }), {
    logger: memoryLogger().logger,
  });
});

/** Every view and table of the catalog with its row count, and the column comments, as Python's duckdb sees them. */
const DUCKDB_SCRIPT = `
import duckdb, json, os, sys
con = duckdb.connect(sys.argv[1], read_only=True)
objects = con.sql("""
  SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal
  UNION ALL SELECT schema_name, table_name FROM duckdb_tables()
  ORDER BY 1, 2""").fetchall()
counts = {f"{s}.{n}": con.sql(f'SELECT count(*) FROM "{s}"."{n}"').fetchone()[0] for s, n in objects}
comments = dict((f"{t}.{c}", doc) for t, c, doc in con.sql(
  "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'gold' AND comment IS NOT NULL").fetchall())
views = dict((f"{s}.{n}", doc) for s, n, doc in con.sql("SELECT schema_name, view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
con.close()
print(json.dumps({"counts": counts, "comments": comments, "views": views}))
sys.stdout.flush()
# Out without the interpreter's teardown, where the reader's native threads can abort the process.
os._exit(0)
`;

/** What Superset does: a read-only SQLAlchemy engine on duckdb-engine, inspected, then each table queried. */
const SQLALCHEMY_SCRIPT = `
import json, os, sys
from sqlalchemy import create_engine, inspect, text
engine = create_engine(f"duckdb:///{sys.argv[1]}", connect_args={"read_only": True})
insp = inspect(engine)
schemas = sys.argv[2].split(",") if len(sys.argv) > 2 else ["bronze", "silver", "gold", "quarantine", "medallion"]
found = {}
with engine.connect() as con:
    for schema in schemas:
        for name in sorted(insp.get_view_names(schema=schema) + insp.get_table_names(schema=schema)):
            columns = [c["name"] for c in insp.get_columns(name, schema=schema)]
            rows = con.execute(text(f'SELECT count(*) FROM "{schema}"."{name}"')).scalar()
            found[f"{schema}.{name}"] = {"rows": rows, "columns": columns}
engine.dispose()
print(json.dumps(found))
sys.stdout.flush()
os._exit(0)
`;

interface DuckdbView {
  counts: Record<string, number>;
  comments: Record<string, string>;
  views: Record<string, string | null>;
}

test('a run leaves one view per current dataset, the quarantine and the run history in catalog.duckdb, and no temporary files', { skip }, async () => {
  const catalog = join(dataDir, 'catalog.duckdb');
  assert.ok(existsSync(catalog));
  assert.deepEqual(readdirSync(dataDir).filter((f) => f.includes('catalog')), ['catalog.duckdb']);
  const seen = runPython<DuckdbView>(python!, DUCKDB_SCRIPT, [catalog]);
  const datasets = dataPipeline.datasets.map((d) => d.name).sort();
  assert.deepEqual(
    Object.keys(seen.counts).filter((k) => /^(bronze|silver|gold)\./.test(k)).sort(),
    datasets,
  );
  for (const name of datasets) {
    assert.equal(seen.counts[name], await scalar(dataDir, `SELECT count(*) FROM {${name}}`), name);
  }
  assert.equal(seen.counts['bronze.customers'], 450);
  assert.equal(seen.counts['medallion.runs'], 2);
  assert.equal(seen.counts['medallion.dataset_runs'], 2 * datasets.length);
  const quarantined = await scalar(dataDir, `SELECT count(*) FROM read_parquet('${join(dataDir, '_quarantine', 'silver.transactions_clean')}/**/*.parquet')`);
  assert.equal(seen.counts['quarantine.silver_transactions_clean'], quarantined, 'quarantined rows are a view too');
  assert.equal(seen.comments['category_analytics.total_revenue'], 'Sum of amounts, 2 decimals.');
  assert.equal(seen.views['gold.category_analytics'], 'Completed-transaction revenue per product category; highest revenue first.');
});

test('SQLAlchemy with duckdb-engine, as Superset connects, lists and queries every view read-only', { skip }, () => {
  for (const dir of [dataDir, eventsDir]) {
    const found = runPython<Record<string, { rows: number; columns: string[] }>>(python!, SQLALCHEMY_SCRIPT, [join(dir, 'catalog.duckdb')]);
    const names = Object.keys(found);
    assert.ok(names.filter((n) => n.startsWith('gold.')).length >= 5, names.join(', '));
    assert.deepEqual(found['medallion.runs']?.columns.slice(0, 4), ['run_id', 'pipeline', 'engine', 'outcome']);
    for (const [name, { rows }] of Object.entries(found)) {
      if (!name.startsWith('quarantine.')) assert.ok(rows > 0, `${name} is empty`);
    }
  }
  const events = runPython<Record<string, { rows: number; columns: string[] }>>(python!, SQLALCHEMY_SCRIPT, [join(eventsDir, 'catalog.duckdb')]);
  assert.equal(events['bronze.raw_events']?.rows, 3000);
  assert.ok(events['gold.word_count']?.columns.includes('word'));
});

test('a rollback moves the views to the restored versions without rewriting the catalog', { skip }, async () => {
  const catalog = join(dataDir, 'catalog.duckdb');
  const count = () => runPython<DuckdbView>(python!, DUCKDB_SCRIPT, [catalog]).counts['bronze.customers'];
  assert.equal(count(), 450);
  await rollbackToRun(openDatasetStore(dataDir), dataPipeline.datasets.map((d) => d.name), runIds[0]!);
  assert.equal(count(), 300);
  await rollbackToRun(openDatasetStore(dataDir), dataPipeline.datasets.map((d) => d.name), runIds[1]!);
  assert.equal(count(), 450);
});

test('the catalog over both pipelines opens read-only in Python duckdb and through SQLAlchemy, one view of each pipeline queried', { skip }, async () => {
  const combined = join(tempDir(), 'catalog_both.duckdb');
  const views = await writeCombinedCatalog({ path: combined, members: [{ pipeline: 'data', dataDir }, { pipeline: 'mapreduce', dataDir: eventsDir }] });
  assert.equal(views, dataPipeline.datasets.length + mapReducePipeline.datasets.length);
  const seen = runPython<DuckdbView>(python!, DUCKDB_SCRIPT, [combined]);
  assert.equal(seen.counts['data_gold.category_analytics'], await scalar(dataDir, 'SELECT count(*) FROM {gold.category_analytics}'));
  assert.equal(seen.counts['mapreduce_bronze.raw_events'], 3000);
  assert.equal(seen.counts['medallion.runs'], 3, 'the runs of both data dirs');
  assert.equal(seen.views['data_gold.category_analytics'], 'Completed-transaction revenue per product category; highest revenue first.');
  const found = runPython<Record<string, { rows: number; columns: string[] }>>(python!, SQLALCHEMY_SCRIPT, [combined, 'data_gold,mapreduce_gold,medallion']);
  assert.equal(found['data_gold.customer_analytics']?.rows, await scalar(dataDir, 'SELECT count(*) FROM {gold.customer_analytics}'));
  assert.ok(found['mapreduce_gold.word_count']?.columns.includes('word'));
  assert.equal(found['mapreduce_gold.event_funnel']?.rows, await scalar(eventsDir, 'SELECT count(*) FROM {gold.event_funnel}'));
  assert.ok(!Object.keys(found).some((k) => k.startsWith('gold.')), 'no unprefixed schema');
});
