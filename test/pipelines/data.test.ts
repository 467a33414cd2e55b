import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig } from '../../src/index.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { memoryLogger, scalar, schemaOf, sql, tempDir } from '../helpers.js';

const AS_OF = '2026-03-15';
const config = new DataPipelineConfig({ dataDir: tempDir(), customers: 3000, transactions: 12000, products: 150, seed: 7, asOf: AS_OF });
let manifest: RunManifest;
let log: string[];

before(async () => {
  const { logger, lines } = memoryLogger();
  manifest = await runPipeline(config, { logger });
  log = lines;
});

const dir = config.dataDir;
const result = (name: string) => manifest.datasets.find((d) => d.name === name)!;

/** The output contract, written out by hand: names and types are part of the product. */
const CONTRACT: Record<string, Array<[string, string]>> = {
  'bronze/customers': [['customer_id', 'INTEGER'], ['first_name', 'VARCHAR'], ['last_name', 'VARCHAR'], ['email', 'VARCHAR'], ['age', 'INTEGER'], ['city', 'VARCHAR'], ['signup_date', 'VARCHAR'], ['total_orders', 'INTEGER'], ['total_spent', 'DOUBLE']],
  'bronze/transactions': [['transaction_id', 'VARCHAR'], ['customer_id', 'INTEGER'], ['product_id', 'VARCHAR'], ['product_category', 'VARCHAR'], ['amount', 'DOUBLE'], ['timestamp', 'VARCHAR'], ['payment_method', 'VARCHAR'], ['status', 'VARCHAR'], ['device', 'VARCHAR'], ['browser', 'VARCHAR'], ['location', 'VARCHAR']],
  'bronze/products': [['product_id', 'VARCHAR'], ['product_name', 'VARCHAR'], ['category', 'VARCHAR'], ['price', 'DOUBLE'], ['stock_quantity', 'INTEGER'], ['supplier', 'VARCHAR'], ['weight_kg', 'DOUBLE'], ['created_date', 'VARCHAR'], ['is_active', 'BOOLEAN']],
  'silver/customers_changes': [['customer_id', 'INTEGER'], ['change_type', 'VARCHAR'], ['changed_columns', 'VARCHAR'], ['change_date', 'DATE'], ['run_id', 'VARCHAR']],
  'silver/customers_history': [['customer_id', 'INTEGER'], ['first_name', 'VARCHAR'], ['last_name', 'VARCHAR'], ['email', 'VARCHAR'], ['age', 'INTEGER'], ['city', 'VARCHAR'], ['signup_date', 'VARCHAR'], ['total_orders', 'INTEGER'], ['total_spent', 'DOUBLE'], ['valid_from', 'DATE'], ['valid_to', 'DATE'], ['is_current', 'BOOLEAN']],
  'silver/products_changes': [['product_id', 'VARCHAR'], ['change_type', 'VARCHAR'], ['changed_columns', 'VARCHAR'], ['change_date', 'DATE'], ['run_id', 'VARCHAR']],
  'silver/products_history': [['product_id', 'VARCHAR'], ['product_name', 'VARCHAR'], ['category', 'VARCHAR'], ['price', 'DOUBLE'], ['stock_quantity', 'INTEGER'], ['supplier', 'VARCHAR'], ['weight_kg', 'DOUBLE'], ['created_date', 'VARCHAR'], ['is_active', 'BOOLEAN'], ['valid_from', 'DATE'], ['valid_to', 'DATE'], ['is_current', 'BOOLEAN']],
  'silver/customers_enriched': [['customer_id', 'INTEGER'], ['first_name', 'VARCHAR'], ['last_name', 'VARCHAR'], ['email', 'VARCHAR'], ['age', 'INTEGER'], ['city', 'VARCHAR'], ['signup_date', 'DATE'], ['total_orders', 'INTEGER'], ['total_spent', 'DOUBLE'], ['full_name', 'VARCHAR'], ['avg_order_value', 'DOUBLE'], ['customer_segment', 'VARCHAR']],
  'silver/transactions_clean': [['transaction_id', 'VARCHAR'], ['customer_id', 'INTEGER'], ['product_id', 'VARCHAR'], ['product_category', 'VARCHAR'], ['amount', 'DOUBLE'], ['timestamp', 'TIMESTAMP'], ['payment_method', 'VARCHAR'], ['status', 'VARCHAR'], ['device', 'VARCHAR'], ['browser', 'VARCHAR'], ['location', 'VARCHAR'], ['transaction_date', 'DATE']],
  'silver/products_active': [['product_id', 'VARCHAR'], ['product_name', 'VARCHAR'], ['category', 'VARCHAR'], ['price', 'DOUBLE'], ['stock_quantity', 'INTEGER'], ['supplier', 'VARCHAR'], ['weight_kg', 'DOUBLE'], ['created_date', 'DATE'], ['is_active', 'BOOLEAN']],
  'gold/customer_analytics': [['customer_segment', 'VARCHAR'], ['city', 'VARCHAR'], ['customer_count', 'BIGINT'], ['avg_age', 'DOUBLE'], ['avg_total_spent', 'DOUBLE'], ['avg_order_value', 'DOUBLE'], ['segment_revenue', 'DOUBLE']],
  'gold/category_analytics': [['product_category', 'VARCHAR'], ['transaction_count', 'BIGINT'], ['total_revenue', 'DOUBLE'], ['avg_transaction_value', 'DOUBLE'], ['min_transaction', 'DOUBLE'], ['max_transaction', 'DOUBLE']],
  'gold/payment_analytics': [['payment_method', 'VARCHAR'], ['usage_count', 'BIGINT'], ['total_amount', 'DOUBLE'], ['avg_amount', 'DOUBLE']],
  'gold/device_analytics': [['device', 'VARCHAR'], ['browser', 'VARCHAR'], ['transaction_count', 'BIGINT'], ['total_revenue', 'DOUBLE']],
  'gold/product_analytics': [['category', 'VARCHAR'], ['supplier', 'VARCHAR'], ['product_count', 'BIGINT'], ['avg_price', 'DOUBLE'], ['total_stock', 'BIGINT']],
};

test('the run succeeds and writes a manifest with every dataset', () => {
  assert.equal(manifest.outcome, 'succeeded');
  assert.equal(manifest.pipeline, 'data');
  assert.match(manifest.engine.version, /^DuckDB v\d/);
  assert.deepEqual(manifest.datasets.map((d) => d.name.replace('.', '/')).sort(), Object.keys(CONTRACT).sort());
  const onDisk = JSON.parse(readFileSync(join(dir, '_runs', `${manifest.runId}.json`), 'utf8')) as RunManifest;
  assert.equal(onDisk.runId, manifest.runId);
  assert.equal(onDisk.datasets.length, 15);
  assert.equal((onDisk.config as { customers: number }).customers, 3000);
});

for (const [path, columns] of Object.entries(CONTRACT)) {
  test(`${path} has exactly the contract's columns and a _SUCCESS marker`, async () => {
    const [layer, name] = path.split('/') as [string, string];
    assert.deepEqual(await schemaOf(dir, layer, name), columns);
    assert.ok(existsSync(join(dir, layer, name, '_SUCCESS')));
  });
}

test('bronze has the configured sizes and the documented value ranges', async () => {
  assert.equal(await scalar(dir, 'SELECT count(*) FROM {bronze.customers}'), 3000);
  assert.equal(await scalar(dir, 'SELECT count(*) FROM {bronze.transactions}'), 12000);
  assert.equal(await scalar(dir, 'SELECT count(*) FROM {bronze.products}'), 150);
  const [c] = await sql(dir, `SELECT min(customer_id) lo, max(customer_id) hi, count(DISTINCT customer_id) n, min(age) a0, max(age) a1,
      min(total_orders) o0, max(total_orders) o1, min(total_spent) s0, max(total_spent) s1 FROM {bronze.customers}`);
  assert.deepEqual([c!['lo'], c!['hi'], c!['n'], c!['a0'], c!['a1'], c!['o0'], c!['o1']], [1, 3000, 3000, 18, 80, 0, 100]);
  assert.ok(Number(c!['s0']) >= 0 && Number(c!['s1']) <= 10000);
  const [t] = await sql(dir, `SELECT min(transaction_id) first_id, max(customer_id) max_customer, min(product_id) p0, max(product_id) p1,
      min(amount) a0, max(amount) a1, min(timestamp) ts0, max(timestamp) ts1, count(DISTINCT status) statuses FROM {bronze.transactions}`);
  assert.equal(t!['first_id'], 'TXN_0000001');
  assert.ok(Number(t!['max_customer']) <= 3000);
  assert.equal(t!['p0'], 'PROD_0001');
  assert.equal(t!['p1'], 'PROD_0150');
  assert.ok(Number(t!['a0']) >= 5 && Number(t!['a1']) <= 1000);
  assert.ok(String(t!['ts0']) >= '2025-03-15T00:00:00' && String(t!['ts1']) < `${AS_OF}T00:00:00`, `${t!['ts0']} … ${t!['ts1']}`);
  assert.match(String(t!['ts0']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  assert.equal(t!['statuses'], 4);
});

test('silver keeps exactly the rows its rules allow, and accounts for the rest', async () => {
  const expectedClean = await scalar(dir, "SELECT count(*) FROM {bronze.transactions} WHERE status = 'completed' AND amount > 0");
  const clean = result('silver.transactions_clean');
  assert.equal(clean.rows, expectedClean);
  assert.equal(clean.rowsIn, 12000);
  const removed = (r: typeof clean) =>
    [r.filtered, r.dropped, r.quarantined].flatMap((counts) => Object.values(counts)).reduce((a, b) => a + b, 0);
  assert.equal(clean.rows + removed(clean), 12000);
  assert.equal(clean.filtered['completed_only'], await scalar(dir, "SELECT count(*) FROM {bronze.transactions} WHERE status <> 'completed'"));
  assert.equal(clean.dropped['positive_amount'], 0);
  assert.equal(await scalar(dir, "SELECT count(*) FROM {silver.transactions_clean} WHERE status <> 'completed' OR amount <= 0"), 0);

  const active = result('silver.products_active');
  assert.equal(active.rows, await scalar(dir, 'SELECT count(*) FROM {bronze.products} WHERE is_active AND stock_quantity > 0'));
  assert.equal(active.rows + removed(active), 150);
  assert.equal(result('silver.customers_enriched').rows, 3000);
});

test('segments and derived customer fields hold on every row', async () => {
  const wrong = await scalar(dir, `SELECT count(*) FROM {silver.customers_enriched} WHERE customer_segment <> CASE
      WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver' ELSE 'Bronze' END
      OR full_name <> first_name || ' ' || last_name
      OR avg_order_value <> CASE WHEN total_orders = 0 THEN 0 ELSE round(total_spent / total_orders, 2) END
      OR CAST(signup_date AS VARCHAR) IS NULL`);
  assert.equal(wrong, 0);
  const segments = await sql(dir, 'SELECT DISTINCT customer_segment s FROM {silver.customers_enriched} ORDER BY s');
  assert.deepEqual(segments.map((r) => r['s']), ['Bronze', 'Gold', 'Premium', 'Silver']);
});

test('gold totals reconcile with silver', async () => {
  const silverRows = result('silver.transactions_clean').rows;
  const silverSum = await scalar(dir, 'SELECT sum(amount) FROM {silver.transactions_clean}');
  for (const [table, count, sum] of [
    ['category_analytics', 'transaction_count', 'total_revenue'],
    ['payment_analytics', 'usage_count', 'total_amount'],
    ['device_analytics', 'transaction_count', 'total_revenue'],
  ] as const) {
    assert.equal(await scalar(dir, `SELECT sum(${count}) FROM {gold.${table}}`), silverRows, table);
    const goldSum = await scalar(dir, `SELECT sum(${sum}) FROM {gold.${table}}`);
    assert.ok(Math.abs(goldSum - silverSum) < 0.01 * 50, `${table}: ${goldSum} vs ${silverSum}`);
  }
  assert.equal(await scalar(dir, 'SELECT sum(customer_count) FROM {gold.customer_analytics}'), 3000);
  const spent = await scalar(dir, 'SELECT sum(total_spent) FROM {silver.customers_enriched}');
  assert.ok(Math.abs((await scalar(dir, 'SELECT sum(segment_revenue) FROM {gold.customer_analytics}')) - spent) < 1);
  assert.equal(await scalar(dir, 'SELECT sum(product_count) FROM {gold.product_analytics}'), result('silver.products_active').rows);
  assert.equal(
    await scalar(dir, 'SELECT sum(total_stock) FROM {gold.product_analytics}'),
    await scalar(dir, 'SELECT sum(stock_quantity) FROM {silver.products_active}'),
  );
  const [extremes] = await sql(dir, `SELECT (SELECT min(min_transaction) FROM {gold.category_analytics}) g0, (SELECT min(amount) FROM {silver.transactions_clean}) s0,
      (SELECT max(max_transaction) FROM {gold.category_analytics}) g1, (SELECT max(amount) FROM {silver.transactions_clean}) s1`);
  assert.equal(extremes!['g0'], extremes!['s0']);
  assert.equal(extremes!['g1'], extremes!['s1']);
});

test('customer_analytics is ordered by segment revenue, largest first', async () => {
  const rows = await sql(dir, 'SELECT segment_revenue FROM {gold.customer_analytics}');
  const revenues = rows.map((r) => Number(r['segment_revenue']));
  assert.deepEqual(revenues, [...revenues].sort((a, b) => b - a));
});

test('quality checks run on bronze and silver and are logged and recorded', async () => {
  const bronze = result('bronze.customers').quality!;
  assert.equal(bronze.rows, 3000);
  assert.equal(bronze.totalNulls, 0);
  assert.equal(bronze.completeness, 100);
  assert.deepEqual(bronze.duplicates, [{ key: 'customer_id', duplicates: 0 }]);
  assert.equal(result('silver.transactions_clean').quality!.columns.length, 12);
  const payments = result('gold.payment_analytics').quality!;
  assert.equal(payments.rows, 6);
  const method = payments.columns.find((c) => c.name === 'payment_method')!;
  assert.equal(method.distinct, 6);
  assert.equal(method.top?.length, 5);
  const usage = payments.columns.find((c) => c.name === 'usage_count')!;
  assert.equal(usage.min, await scalar(dir, 'SELECT min(usage_count) FROM {gold.payment_analytics}'));
  assert.equal(usage.max, await scalar(dir, 'SELECT max(usage_count) FROM {gold.payment_analytics}'));
  // Ranges are of numbers and dates only: text has none.
  assert.equal(method.min, undefined);
  const amount = result('silver.transactions_clean').quality!.columns.find((c) => c.name === 'amount')!;
  assert.equal(amount.min, await scalar(dir, 'SELECT min(amount) FROM {silver.transactions_clean}'));
  assert.equal(amount.max, await scalar(dir, 'SELECT max(amount) FROM {silver.transactions_clean}'));
  assert.ok(log.some((l) => /Data quality bronze.transactions: 0 nulls in 11 columns, completeness 100.00%/.test(l)));
  assert.ok(log.some((l) => /Duplicate keys: transaction_id 0/.test(l)));
});

test('the log has the original shape: banners, saved paths with counts, a per-layer summary', () => {
  assert.match(log[0]!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - INFO - =+$/);
  for (const expected of [
    /- INFO - STARTING DATA PIPELINE EXECUTION$/,
    /- INFO - BRONZE LAYER: Raw Data Ingestion$/,
    /- INFO - SILVER LAYER: Data Cleansing and Enrichment$/,
    /- INFO - GOLD LAYER: Business Aggregations$/,
    new RegExp(`✓ Saved silver.transactions_clean to: ${dir}/silver/transactions_clean \\([\\d,]+ rows, [\\d.]+s\\)`),
    /- INFO - PIPELINE EXECUTION COMPLETED SUCCESSFULLY$/,
    /- INFO - Bronze Layer:$/,
    /- INFO - {3}customers: 3,000 records$/,
    new RegExp(`Data Location: ${dir}$`),
  ]) {
    assert.ok(log.some((l) => expected.test(l)), `no log line matches ${expected}`);
  }
});

test('every dataset accounts for its rows: in = out + filtered + dropped + quarantined', () => {
  for (const d of manifest.datasets) {
    const removed = [d.filtered, d.dropped, d.quarantined].flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
    assert.equal(d.rowsIn, d.rows + removed, d.name);
    assert.ok(d.expectations.every((e) => e.status === 'pass' || e.status === 'warn'), d.name);
  }
});
