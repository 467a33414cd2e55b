import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, tempDir } from '../helpers.js';
import { changesQuery, DAYS, EXPECTED_CHANGES, EXPECTED_HISTORY, historyQuery, medallion, runDay, snapshotParquet, tuples } from './cdc-fixtures.js';

const LIVE = process.env['SPARK_REMOTE'] ? {} : { skip: 'live Spark CDC test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start)' };
const TINY = ['--customers', '60', '--transactions', '300', '--products', '12', '--seed', '4', '--change-rate', '0.2', '--quiet'];

function run(dataDir: string, day: string, engine: string): void {
  const out = medallion(['run', 'data', '--engine', engine, '--data-dir', dataDir, '--as-of', day, ...TINY]);
  assert.equal(out.code, 0, `${engine} ${day}: ${out.stderr}${out.stdout.slice(-2000)}`);
}

const views = {
  customers: 'SELECT * FROM {bronze.customers} ORDER BY customer_id',
  products: 'SELECT * FROM {bronze.products} ORDER BY product_id',
  customerHistory: 'SELECT * FROM {silver.customers_history} ORDER BY customer_id, valid_from',
  productHistory: 'SELECT * FROM {silver.products_history} ORDER BY product_id, valid_from',
  customerChanges: 'SELECT * EXCLUDE (run_id) FROM {silver.customers_changes} ORDER BY change_date, customer_id',
  productChanges: 'SELECT * EXCLUDE (run_id) FROM {silver.products_changes} ORDER BY change_date, product_id',
  enriched: 'SELECT * FROM {silver.customers_enriched} ORDER BY customer_id',
};

test('live Spark: generated days change and keep history exactly as on DuckDB, and a re-run changes nothing', LIVE, async () => {
  const spark = tempDir();
  const duck = tempDir();
  for (const day of [DAYS[0], DAYS[1], DAYS[1]]) {
    run(spark, day, 'spark');
    run(duck, day, 'duckdb');
  }
  for (const [name, query] of Object.entries(views)) {
    const ours = await sql(duck, query);
    assert.ok(ours.length > 0, name);
    assert.deepEqual(await sql(spark, query), ours, name);
  }
  const changed = await sql(spark, `SELECT DISTINCT change_type FROM {silver.customers_changes} WHERE change_date = DATE '${DAYS[1]}' ORDER BY 1`);
  assert.deepEqual(changed.map((r) => r['change_type']), ['delete', 'insert', 'update']);
});

test('live Spark: three snapshots give exactly the expected history and changes', LIVE, async () => {
  const dataDir = tempDir();
  const inputDir = tempDir();
  for (const day of DAYS) runDay(dataDir, inputDir, day, ['--engine', 'spark'], await snapshotParquet(inputDir, day));
  assert.deepEqual(tuples(await sql(dataDir, historyQuery('{silver.customers_history}'))), EXPECTED_HISTORY);
  assert.deepEqual(tuples(await sql(dataDir, changesQuery('{silver.customers_changes}'))), EXPECTED_CHANGES);
});
