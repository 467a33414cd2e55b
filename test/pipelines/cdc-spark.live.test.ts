import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, tempDir } from '../helpers.js';
import { changesQuery, DAYS, EXPECTED_CHANGES, EXPECTED_HISTORY, historyQuery, runDay, snapshotParquet, tuples } from './cdc-fixtures.js';

const LIVE = process.env['SPARK_REMOTE'] ? {} : { skip: 'live Spark CDC test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start)' };
// Generated products that change a lot, so that three days see updates, withdrawals and new products.
const PRODUCTS = ['--products', '40', '--change-rate', '0.3'];

const GENERATED = {
  products: 'SELECT * FROM {bronze.products} ORDER BY product_id',
  productHistory: 'SELECT * FROM {silver.products_history} ORDER BY product_id, valid_from',
  productChanges: 'SELECT * EXCLUDE (run_id) FROM {silver.products_changes} ORDER BY change_date, product_id',
  productsActive: 'SELECT * FROM {silver.products_active} ORDER BY product_id',
};

/**
 * Three runs on Spark (kept to three: a run takes half a minute there): the customers from three
 * snapshot files must give exactly the expected history, and the generated products, which change
 * from day to day, exactly what DuckDB computes from the same seed.
 */
test('live Spark: three days give exactly the expected customer history, and products change exactly as on DuckDB', LIVE, async () => {
  const spark = tempDir();
  const duck = tempDir();
  const inputDir = tempDir();
  for (const day of DAYS) {
    const file = await snapshotParquet(inputDir, day);
    runDay(spark, inputDir, day, ['--engine', 'spark', ...PRODUCTS], file);
    runDay(duck, inputDir, day, PRODUCTS, file);
  }
  assert.deepEqual(tuples(await sql(spark, historyQuery('{silver.customers_history}'))), EXPECTED_HISTORY);
  assert.deepEqual(tuples(await sql(spark, changesQuery('{silver.customers_changes}'))), EXPECTED_CHANGES);
  for (const [name, query] of Object.entries(GENERATED)) {
    const ours = await sql(duck, query);
    assert.ok(ours.length > 0, name);
    assert.deepEqual(await sql(spark, query), ours, name);
  }
  const kinds = await sql(spark, `SELECT DISTINCT change_type FROM {silver.products_changes} WHERE change_date > DATE '${DAYS[0]}' ORDER BY 1`);
  assert.deepEqual(kinds.map((r) => r['change_type']), ['delete', 'insert', 'update']);
});
