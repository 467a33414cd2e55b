import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataPipelineConfig } from '../../src/index.js';
import { dataset, type Dataset } from '../../src/model/dataset.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { pipeline } from '../../src/define/pipeline.js';
import { runPlanned } from '../../src/run/run-pipeline.js';
import { DuckDBEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { expect } from '../../src/quality/expect.js';
import { memoryLogger, sql, tempDir } from '../helpers.js';

type C = DataPipelineConfig;
const engine = await DuckDBEngine.create();
after(() => engine.close());

const customers = dataset<C>({
  name: 'bronze.customers',
  description: 'Three customers.',
  columns: { customer_id: 'key', name: 'name' },
  sql: () => `SELECT * FROM (VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')) AS t(customer_id, name)`,
});

/** Ten orders with one of each defect. */
const orders = dataset<C>({
  name: 'bronze.orders',
  description: 'Orders as received.',
  columns: { order_id: 'key', customer_id: 'buyer', amount: 'amount', status: 'status', placed: 'when' },
  sql: () => `SELECT * FROM (VALUES
    (1, 1, 10.0, 'paid', TIMESTAMP '2026-01-09 10:00:00'),
    (2, 2, 20.0, 'paid', TIMESTAMP '2026-01-09 11:00:00'),
    (3, 3, -5.0, 'paid', TIMESTAMP '2026-01-09 12:00:00'),
    (4, NULL, 40.0, 'paid', TIMESTAMP '2026-01-09 13:00:00'),
    (5, 9, 50.0, 'paid', TIMESTAMP '2026-01-09 14:00:00'),
    (6, 1, 60.0, 'weird', TIMESTAMP '2026-01-09 15:00:00'),
    (7, 2, 70.0, 'paid', TIMESTAMP '2026-01-09 16:00:00'),
    (8, 3, 80.0, 'refunded', TIMESTAMP '2026-01-09 17:00:00'),
    (9, 1, 90.0, 'paid', TIMESTAMP '2026-01-09 18:00:00'),
    (9, 2, 95.0, 'paid', TIMESTAMP '2026-01-09 19:00:00')) AS t(order_id, customer_id, amount, status, placed)`,
});

function silverOrders(expectations: Dataset<C>['expect']): Dataset<C> {
  return dataset<C>({
    name: 'silver.orders',
    description: 'Orders that are not refunded, checked.',
    columns: { order_id: 'key', customer_id: 'buyer', amount: 'amount', status: 'status', placed: 'when' },
    keys: ['order_id'],
    keep: [{ name: 'not_refunded', condition: "status <> 'refunded'" }],
    ...(expectations ? { expect: expectations } : {}),
    sql: ({ ref }) => `SELECT * FROM ${ref('bronze.orders')} AS o`,
  });
}

const goldTotals = dataset<C>({
  name: 'gold.totals',
  description: 'Total amount.',
  columns: { orders: 'count', total: 'sum' },
  sql: ({ ref }) => `SELECT count(*) AS orders, sum(amount) AS total FROM ${ref('silver.orders')} AS s`,
});

async function run(silver: Dataset<C>, dataDir = tempDir(), gold: Dataset<C> = goldTotals): Promise<RunManifest> {
  const shop = pipeline<C>({
    name: 'shop',
    title: 'SHOP PIPELINE',
    layerTitles: { bronze: 'BRONZE', silver: 'SILVER', gold: 'GOLD' },
    configure: (options) => new DataPipelineConfig(options),
    datasets: [customers, orders, silver, gold],
  });
  const config = new DataPipelineConfig({ dataDir, asOf: '2026-01-10' });
  return runPlanned(shop as never, config, engine, { logger: memoryLogger().logger });
}

const byName = (m: RunManifest, name: string) => m.datasets.find((d) => d.name === name)!;

test('drop and quarantine remove rows, warn keeps them, and every row is accounted for', async () => {
  const dir = tempDir();
  const manifest = await run(
    silverOrders([
      expect.range('amount', { min: 0, minExclusive: true }, { action: 'drop', name: 'positive_amount' }),
      expect.notNull('customer_id', { action: 'quarantine' }),
      expect.references('customer_id', 'bronze.customers', 'customer_id', { action: 'quarantine' }),
      expect.acceptedValues('status', ['paid']),
    ]),
    dir,
  );
  assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
  const silver = byName(manifest, 'silver.orders');
  assert.equal(silver.rowsIn, 10);
  assert.deepEqual(silver.filtered, { not_refunded: 1 });
  assert.deepEqual(silver.dropped, { positive_amount: 1 });
  assert.deepEqual(silver.quarantined, { 'not_null(customer_id)': 1, 'references(customer_id -> bronze.customers.customer_id)': 1 });
  assert.equal(silver.rows, 6);
  assert.deepEqual(
    (await sql(dir, 'SELECT order_id FROM {silver.orders} ORDER BY order_id')).map((r) => r['order_id']),
    [1, 2, 6, 7, 9, 9],
  );

  const warn = silver.expectations.find((e) => e.name === 'accepted_values(status)')!;
  // A warn on output columns is checked on the rows as written: after the drop and the quarantines.
  assert.deepEqual([warn.status, warn.failures, warn.checked], ['warn', 1, 6]);
  assert.deepEqual(warn.examples, [{ order_id: 6, status: 'weird' }]);

  const quarantine = await engine.query(
    `SELECT order_id, _expectation, _reason, _run_id FROM read_parquet('${join(dir, '_quarantine', 'silver.orders')}/*.parquet') ORDER BY order_id`,
  );
  assert.deepEqual(quarantine, [
    { order_id: 4, _expectation: 'not_null(customer_id)', _reason: 'customer_id is null (expected not null)', _run_id: manifest.runId },
    { order_id: 5, _expectation: 'references(customer_id -> bronze.customers.customer_id)', _reason: 'customer_id = 9 (expected a customer_id of bronze.customers)', _run_id: manifest.runId },
  ]);
  assert.equal(silver.expectations.find((e) => e.action === 'quarantine')!.quarantinePath, join(dir, '_quarantine', 'silver.orders'));
});

test('a tripped fail stops the run before the dataset or anything downstream is published', async () => {
  const dir = tempDir();
  const good = await run(silverOrders([]), dir);
  assert.equal(good.outcome, 'succeeded');
  const before = await sql(dir, 'SELECT count(*) AS n FROM {silver.orders}');

  const manifest = await run(silverOrders([expect.range('amount', { min: 0 }, { action: 'fail' })]), dir);
  assert.equal(manifest.outcome, 'failed');
  assert.match(
    manifest.error!.message,
    /^silver.orders: expectation range\(amount\) failed on silver.orders: 1 of 9 rows \(11.11%\) break "amount ≥ 0"; e.g. order_id=3, amount=-5; all failing rows are in .*_quarantine\/silver.orders$/,
  );
  assert.deepEqual(manifest.datasets.map((d) => [d.name, d.status]).filter(([n]) => !String(n).startsWith('bronze')), [['silver.orders', 'failed']]);
  assert.deepEqual(await sql(dir, 'SELECT count(*) AS n FROM {silver.orders}'), before, 'the previous version stays');
  const kept = await engine.query(`SELECT order_id, _expectation FROM read_parquet('${join(dir, '_quarantine', 'silver.orders')}/*.parquet')`);
  assert.deepEqual(kept, [{ order_id: 3, _expectation: 'range(amount)' }]);
});

test('a tolerance lets a few failures pass, by count or by fraction', async () => {
  for (const tolerance of [{ rows: 1 }, { fraction: 0.12 }]) {
    const manifest = await run(silverOrders([expect.range('amount', { min: 0 }, { action: 'fail', tolerance })]));
    assert.equal(manifest.outcome, 'succeeded', JSON.stringify(tolerance));
    const result = byName(manifest, 'silver.orders').expectations[0]!;
    assert.deepEqual([result.status, result.failures], ['pass', 1]);
  }
  const strict = await run(silverOrders([expect.range('amount', { min: 0 }, { action: 'fail', tolerance: { fraction: 0.1 } })]));
  assert.equal(strict.outcome, 'failed');
});

test('whole-dataset expectations: unique, row count, freshness, reconciles', async () => {
  const manifest = await run(
    silverOrders([
      expect.unique(['order_id']),
      expect.rowCount({ min: 1, max: 100 }, { action: 'fail' }),
      expect.freshness('placed', 12),
      expect.freshness('placed', 1, { name: 'very_fresh' }),
    ]),
  );
  assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
  const results = Object.fromEntries(byName(manifest, 'silver.orders').expectations.map((e) => [e.name, e]));
  assert.deepEqual([results['unique(order_id)']!.status, results['unique(order_id)']!.failures], ['warn', 2]);
  assert.deepEqual(results['unique(order_id)']!.examples, [{ order_id: 9, occurrences: 2 }]);
  assert.deepEqual([results['row_count']!.status, results['row_count']!.observed], ['pass', '9']);
  assert.equal(results['freshness(placed)']!.status, 'pass');
  assert.equal(results['very_fresh']!.status, 'warn');
  // The threshold it compared with: one hour before the start of the as-of date.
  assert.equal(results['very_fresh']!.observed, '2026-01-09 19:00:00 (threshold 2026-01-09 23:00:00 UTC: 1 h before as-of 2026-01-10)');

  const totals = dataset<C>({
    ...goldTotals,
    expect: [expect.reconciles<C>('orders_match', { expr: 'sum(orders)', dataset: 'silver.orders', refExpr: 'count(*) + 1', within: 0 }, { action: 'fail' })],
  });
  const mismatch = await run(silverOrders([]), tempDir(), totals);
  assert.equal(mismatch.outcome, 'failed');
  assert.match(mismatch.error!.message, /expectation orders_match failed on gold.totals: 1 of 1 checks .* observed 9 vs 10/);
});

test('expectations that read another dataset make it an input', async () => {
  const manifest = await run(silverOrders([expect.references('customer_id', 'bronze.customers')]));
  const names = manifest.datasets.map((d) => d.name);
  assert.ok(names.indexOf('bronze.customers') < names.indexOf('silver.orders'));
});

test('whole-dataset expectations refuse drop and quarantine', () => {
  assert.throws(() => expect.unique<C>(['order_id'], { action: 'drop' as 'warn' }), /can only warn or fail/);
});

test('when the counts show nothing to remove, the writes skip the removal checks and the quarantine is empty with its columns', async () => {
  const written: string[] = [];
  const writeParquet = engine.writeParquet.bind(engine);
  engine.writeParquet = (query, target, partitionBy) => (written.push(`${target}\n${query}`), writeParquet(query, target, partitionBy));
  const checked = (keepIds: string) =>
    dataset<C>({
      ...silverOrders(undefined),
      keep: [{ name: 'chosen', condition: `order_id IN (${keepIds})` }],
      expect: [
        expect.references('customer_id', 'bronze.customers', 'customer_id', { action: 'quarantine' }),
        expect.range('amount', { min: 0, minExclusive: true }, { action: 'drop', name: 'positive_amount' }),
      ],
    });
  const silverWrite = () => written.filter((w) => w.includes(join('silver', 'orders'))).join('\n');
  const quarantined = (dir: string) => engine.query(`SELECT * FROM read_parquet('${join(dir, '_quarantine', 'silver.orders')}/*.parquet')`);
  const columns = async (dir: string) =>
    (await engine.describe(`SELECT * FROM read_parquet('${join(dir, '_quarantine', 'silver.orders')}/*.parquet')`)).map((c) => c.name);
  try {
    const clean = tempDir();
    await run(checked('1, 2, 7'), clean);
    assert.doesNotMatch(silverWrite(), /customer_id" IN \(SELECT/, 'the reference check is not evaluated again');
    assert.deepEqual(await sql(clean, 'SELECT count(*) AS n, sum(amount) AS total FROM {silver.orders}'), [{ n: 3, total: 100 }]);
    assert.match(written.filter((w) => w.includes('_quarantine')).join('\n'), /AS quarantined LIMIT 0$/, 'no part is read again to find nothing');
    assert.deepEqual(await quarantined(clean), []);
    assert.deepEqual(await columns(clean), ['order_id', 'customer_id', 'amount', 'status', 'placed', '_expectation', '_reason', '_run_id']);

    written.length = 0;
    const dirty = tempDir();
    await run(checked('1, 2, 3, 5'), dirty);
    assert.match(silverWrite(), /customer_id" IN \(SELECT/);
    assert.deepEqual(await sql(dirty, 'SELECT order_id FROM {silver.orders} ORDER BY order_id'), [{ order_id: 1 }, { order_id: 2 }]);
    assert.deepEqual((await quarantined(dirty)).map((r) => [r['order_id'], r['_expectation']]), [[5, 'references(customer_id -> bronze.customers.customer_id)']]);
  } finally {
    engine.writeParquet = writeParquet;
  }
});
