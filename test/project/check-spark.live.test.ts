import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reader, tempDir } from '../helpers.js';
import { edit, medallion, project } from './scaffolded-project.js';

const LIVE = process.env['SPARK_REMOTE'] ? {} : { skip: 'live Spark check test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start)' };

test('live Spark: the built-in pipelines pass check through the server\'s analysis', LIVE, () => {
  const out = medallion(tempDir(), 'check', '--engine', 'spark');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^✓ data, mapreduce, performance: 36 datasets checked on spark in \d+ ms\n$/);
});

/** The scaffold reading a Parquet export (Spark reads Parquet inputs, not CSV). */
async function parquetProject(): Promise<string> {
  const dir = project();
  const engine = await reader();
  await engine.query(`COPY (SELECT * FROM read_csv('${join(dir, 'input/orders.csv')}', all_varchar = true)) TO '${join(dir, 'input/orders.parquet')}' (FORMAT parquet)`);
  edit(dir, "default: 'input/orders.csv'", "default: 'input/orders.parquet'");
  return dir;
}

test('live Spark: a project passes check, and its mistakes are told in the same words as on DuckDB, nothing written', LIVE, async () => {
  const dir = await parquetProject();
  const clean = medallion(dir, 'check', 'orders', '--engine', 'spark');
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, /^✓ orders: 4 datasets checked on spark/);

  edit(dir, "expect.notNull('country'", "expect.notNull('cuntry'");
  edit(dir, "expect.unique(['order_id'], { action: 'fail' })", "expect.unique(['order_idd'], { action: 'fail' })");
  edit(dir, "revenue: 'Sum of amounts, 2 decimals.' },\n  expect:", "revenue: 'Sum of amounts, 2 decimals.', margin: 'Margin.' },\n  expect:");
  const expected = [
    "medallion: orders: silver.orders_clean: expectation unique(order_idd): no column 'order_idd' in the dataset (did you mean 'order_id'?)",
    "medallion: orders: silver.orders_clean: expectation not_null(cuntry): no column 'cuntry' in the dataset (did you mean 'country'?)",
    "medallion: orders: gold.revenue_by_country: column 'margin' is declared but its SQL does not return it (it returns country, orders, revenue)",
  ];
  const duck = medallion(dir, 'check', 'orders');
  assert.equal(duck.code, 2, duck.stdout + duck.stderr);
  assert.deepEqual(duck.stderr.trim().split('\n').sort(), [...expected].sort());
  for (const command of ['check', 'run']) {
    const spark = medallion(dir, command, 'orders', '--engine', 'spark');
    assert.equal(spark.code, 2, spark.stdout + spark.stderr);
    assert.deepEqual(spark.stderr.trim().split('\n').sort(), [...expected].sort(), command);
  }
  assert.equal(existsSync(join(dir, 'data')), false);
});

test('live Spark: SQL that does not bind is told with the server\'s first line and the place in the user\'s SQL', LIVE, async () => {
  const dir = await parquetProject();
  edit(dir, 'round(sum(amount), 2) AS revenue\n    FROM ${ref(\'silver.orders_clean\')} AS o\n    GROUP BY country', 'round(sum(amount + countr), 2) AS revenue\n    FROM ${ref(\'silver.orders_clean\')} AS o\n    GROUP BY country');
  const out = medallion(dir, 'check', 'orders', '--engine', 'spark');
  assert.equal(out.code, 2, out.stdout + out.stderr);
  const lines = out.stderr.trim().split('\n');
  assert.equal(lines.length, 1, out.stderr);
  assert.match(lines[0]!, /^medallion: orders: gold\.revenue_by_country: SQL does not bind: .*countr.* \(line 2 of its SQL: SELECT country, count\(\*\) AS orders, round\(sum\(amount \+ countr\), 2\) AS revenue\)$/);
  assert.ok(lines[0]!.length < 400, `one short line: ${lines[0]}`);
});
