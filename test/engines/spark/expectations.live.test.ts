import assert from 'node:assert/strict';
import { existsSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DataPipelineConfig } from '../../../src/index.js';
import { dataset, type Dataset } from '../../../src/model/dataset.js';
import type { RunManifest } from '../../../src/model/manifest.js';
import { pipeline } from '../../../src/define/pipeline.js';
import { runPlanned } from '../../../src/run/run-pipeline.js';
import { DuckDBEngine } from '../../../src/engines/duckdb/duckdb-engine.js';
import type { Engine } from '../../../src/engines/engine.js';
import { SparkEngine } from '../../../src/engines/spark/spark-engine.js';
import { expect } from '../../../src/quality/expect.js';
import { accounting } from '../../contract/compare-runs.js';
import { memoryLogger, tempDir } from '../../helpers.js';

/** Every expectation kind and action on the same rows on DuckDB and on a live Spark: the same outcomes. */
const remote = process.env['SPARK_REMOTE'];
const skip = remote ? false : 'live Spark test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start prints it)';

type C = DataPipelineConfig;
let duck: Engine | undefined;
let spark: Engine | undefined;
before(async () => {
  if (!remote) return;
  duck = await DuckDBEngine.create();
  spark = await SparkEngine.create({ remote, remoteSource: 'SPARK_REMOTE' });
});
after(async () => {
  await duck?.close();
  await spark?.close();
});

const customers = dataset<C>({
  name: 'bronze.customers',
  description: 'Three customers.',
  columns: { customer_id: 'key', name: 'name' },
  sql: () => `SELECT * FROM (VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')) AS t(customer_id, name)`,
});

/** Ten orders with one of each defect; `placed` as text, so the timestamp parse is checked too. */
const orders = dataset<C>({
  name: 'bronze.orders',
  description: 'Orders as received.',
  columns: { order_id: 'key', customer_id: 'buyer', amount: 'amount', status: 'status', placed: 'when' },
  sql: () => `SELECT * FROM (VALUES
    (1, 1, 10.0, 'paid', '2026-01-09T10:00:00'),
    (2, 2, 20.0, 'paid', '2026-01-09T11:00:00'),
    (3, 3, -5.0, 'paid', '2026-01-09T12:00:00'),
    (4, NULL, 40.0, 'paid', '2026-01-09T13:00:00'),
    (5, 9, 50.0, 'paid', '2026'),
    (6, 1, 60.0, 'weird', 'yesterday'),
    (7, 2, 70.0, 'paid', '2026-01-09 16:00:00'),
    (8, 3, 80.0, 'refunded', '2026-01-09T17:00:00'),
    (9, 1, 90.0, 'paid', '2026-01-09T18:00:00'),
    (9, 2, 95.0, 'paid', '2026-01-09T19:00:00')) AS t(order_id, customer_id, amount, status, placed)`,
});

function silverOrders(expectations: Dataset<C>['expect']): Dataset<C> {
  return dataset<C>({
    name: 'silver.orders',
    description: 'Orders that are not refunded, checked, with a parsed timestamp.',
    columns: { order_id: 'key', customer_id: 'buyer', amount: 'amount', status: 'status', placed: 'when' },
    keys: ['order_id'],
    keep: [{ name: 'not_refunded', condition: "status <> 'refunded'" }],
    ...(expectations ? { expect: expectations } : {}),
    sql: ({ ref, dialect }) =>
      `SELECT order_id, customer_id, amount, status, ${dialect.tryParseTimestamp('placed')} AS placed FROM ${ref('bronze.orders')} AS o`,
  });
}

const goldTotals = dataset<C>({
  name: 'gold.totals',
  description: 'Total amount.',
  columns: { orders: 'count', total: 'sum' },
  expect: [expect.reconciles<C>('orders_match', { expr: 'sum(orders)', dataset: 'silver.orders', refExpr: 'count(*)', within: 0 }, { action: 'fail' })],
  sql: ({ ref }) => `SELECT count(*) AS orders, sum(amount) AS total FROM ${ref('silver.orders')} AS s`,
});

function run(engine: Engine, silver: Dataset<C>, dataDir: string): Promise<RunManifest> {
  const shop = pipeline<C>({
    name: 'shop',
    title: 'SHOP PIPELINE',
    layerTitles: { bronze: 'BRONZE', silver: 'SILVER', gold: 'GOLD' },
    configure: (options) => new DataPipelineConfig(options),
    datasets: [customers, orders, silver, goldTotals],
  });
  return runPlanned(shop as never, new DataPipelineConfig({ dataDir, asOf: '2026-01-10' }), engine, { logger: memoryLogger().logger });
}

const EVERY_KIND = [
  expect.range<C>('amount', { min: 0, minExclusive: true }, { action: 'drop', name: 'positive_amount' }),
  expect.notNull<C>('customer_id', { action: 'quarantine' }),
  expect.references<C>('customer_id', 'bronze.customers', 'customer_id', { action: 'quarantine' }),
  expect.acceptedValues<C>('status', ['paid']),
  expect.pattern<C>('status', '[a-z]{4}'),
  expect.notNull<C>('placed'),
  expect.custom<C>('big_orders_rare', 'amount < 90', { tolerance: { rows: 5 } }),
  expect.unique<C>(['order_id']),
  expect.rowCount<C>({ min: 1, max: 100 }, { action: 'fail' }),
  expect.freshness<C>('placed', 12),
  expect.freshness<C>('placed', 1, { name: 'very_fresh' }),
];

test('live Spark: every expectation kind gives the outcomes it gives on DuckDB', { skip }, async () => {
  const onDuck = await run(duck!, silverOrders(EVERY_KIND), tempDir());
  const onSpark = await run(spark!, silverOrders(EVERY_KIND), tempDir());
  assert.equal(onSpark.outcome, 'succeeded', onSpark.error?.message);
  assert.deepEqual(accounting(onSpark), accounting(onDuck));
  const silver = onSpark.datasets.find((d) => d.name === 'silver.orders')!;
  // The rows really were judged: 10 in, 1 refunded, 1 dropped, 2 quarantined; '2026' and 'yesterday' are no timestamps on either engine.
  assert.deepEqual([silver.rowsIn, silver.rows, silver.filtered, silver.dropped], [10, 6, { not_refunded: 1 }, { positive_amount: 1 }]);
  assert.equal(silver.expectations.find((e) => e.name === 'not_null(placed)')!.failures, 1);
  assert.deepEqual(
    Object.fromEntries(silver.expectations.map((e) => [e.name, e.status])),
    Object.fromEntries(onDuck.datasets.find((d) => d.name === 'silver.orders')!.expectations.map((e) => [e.name, e.status])),
  );
});

test('live Spark: a tripped fail stops the run and publishes nothing downstream, as on DuckDB', { skip }, async () => {
  const outcomes: Array<[string, unknown, unknown]> = [];
  for (const engine of [duck!, spark!]) {
    const dir = tempDir();
    const good = await run(engine, silverOrders([]), dir);
    assert.equal(good.outcome, 'succeeded', good.error?.message);
    const silverBefore = readlinkSync(join(dir, 'silver', 'orders'));
    const goldBefore = readlinkSync(join(dir, 'gold', 'totals'));

    const failed = await run(engine, silverOrders([expect.range('amount', { min: 0 }, { action: 'fail' })]), dir);
    assert.equal(failed.outcome, 'failed', engine.name);
    assert.match(failed.error!.message, /^silver.orders: expectation range\(amount\) failed on silver.orders: 1 of 9 rows \(11.11%\) break "amount ≥ 0"; e.g. order_id=3/);
    assert.equal(readlinkSync(join(dir, 'silver', 'orders')), silverBefore, `${engine.name}: silver stays at the previous version`);
    assert.equal(readlinkSync(join(dir, 'gold', 'totals')), goldBefore, `${engine.name}: gold stays at the previous version`);
    assert.ok(existsSync(join(dir, '_quarantine', 'silver.orders')), `${engine.name}: the failing rows are kept`);
    outcomes.push([engine.name, failed.unpublished, failed.datasets.map((d) => [d.name, d.status])]);
  }
  assert.deepEqual(outcomes[1]!.slice(1), outcomes[0]!.slice(1));
});
