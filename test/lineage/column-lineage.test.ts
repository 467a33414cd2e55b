import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { dataset, pipeline } from '../../src/index.js';
import { bronzeOrigins, lineageIndex, pipelineLineage } from '../../src/lineage/pipeline-lineage.js';
import { columnKey, type DatasetLineage } from '../../src/model/lineage.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { PIPELINES } from '../../src/pipelines/registry.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const medallion = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

let data: DatasetLineage[];
let mapreduce: DatasetLineage[];
before(async () => {
  data = await pipelineLineage(PIPELINES.data as unknown as Pipeline);
  mapreduce = await pipelineLineage(PIPELINES.mapreduce as unknown as Pipeline);
});

const ref = (name: string) => {
  const at = name.lastIndexOf('.');
  return { dataset: name.slice(0, at), column: name.slice(at + 1) };
};
const hop = (lineage: DatasetLineage[], column: string) => {
  const found = lineageIndex(lineage).get(column);
  assert.ok(found, `no lineage of ${column}`);
  return { transform: found.transform, sources: found.sources.map(columnKey).sort(), rowsOf: [...(found.rowsOf ?? [])].sort(), unresolved: found.unresolved ?? [] };
};
const origins = (lineage: DatasetLineage[], column: string) => bronzeOrigins(lineage, ref(column)).map(columnKey).sort();

// Written by hand from the SQL of the built-in pipelines: the first hop, then the bronze columns.
const expectations = () => [
  // aggregate: gold.category_analytics.total_revenue ← silver.transactions_clean.amount ← bronze.transactions.amount
  [data, 'gold.category_analytics.total_revenue', 'aggregate', ['silver.transactions_clean.amount'], ['bronze.transactions.amount']],
  [data, 'gold.category_analytics.product_category', 'copy', ['silver.transactions_clean.product_category'], ['bronze.transactions.product_category']],
  [data, 'gold.payment_analytics.avg_amount', 'aggregate', ['silver.transactions_clean.amount'], ['bronze.transactions.amount']],
  // Through a CASE in silver and the SCD2 history of the snapshots.
  [data, 'gold.customer_analytics.customer_segment', 'copy', ['silver.customers_enriched.customer_segment'], ['bronze.customers.total_spent']],
  [data, 'gold.customer_analytics.avg_order_value', 'aggregate', ['silver.customers_enriched.avg_order_value'], ['bronze.customers.total_orders', 'bronze.customers.total_spent']],
  [data, 'gold.product_analytics.total_stock', 'aggregate', ['silver.products_active.stock_quantity'], ['bronze.products.stock_quantity']],
  // Through two nested queries: an aggregate below, an expression of aggregates above.
  [mapreduce, 'gold.user_engagement.engagement_score', 'aggregate', ['silver.cleaned_events.event_date', 'silver.cleaned_events.timestamp'], ['bronze.raw_events.timestamp']],
  [mapreduce, 'gold.event_funnel.view_to_cart_rate', 'aggregate', ['silver.cleaned_events.event'], ['bronze.raw_events.event']],
  [mapreduce, 'gold.word_count.word', 'expression', ['silver.cleaned_events.query'], ['bronze.raw_events.query']],
  [mapreduce, 'gold.top_users.rank', 'aggregate', ['silver.cleaned_events.user_id'], ['bronze.raw_events.user_id']],
  // Through joins: the map-side join's catalog columns, the reduce-side join's user columns and its combiner.
  [mapreduce, 'gold.product_revenue.product_name', 'copy', ['bronze.products.product_name'], ['bronze.products.product_name']],
  [mapreduce, 'gold.product_revenue.revenue', 'aggregate', ['silver.cleaned_events.amount'], ['bronze.raw_events.amount']],
  [mapreduce, 'gold.user_segments.tier', 'copy', ['bronze.users.tier'], ['bronze.users.tier']],
  [mapreduce, 'gold.user_segments.revenue', 'aggregate', ['silver.cleaned_events.amount'], ['bronze.raw_events.amount']],
] as const;

test('lineage of gold columns of the built-in pipelines, down to bronze, as written by hand', () => {
  const cases = expectations();
  assert.ok(cases.length >= 10);
  for (const [lineage, column, transform, sources, bronze] of cases) {
    const got = hop(lineage, column);
    assert.equal(got.transform, transform, column);
    assert.deepEqual(got.sources, [...sources].sort(), column);
    assert.deepEqual(got.unresolved, [], column);
    assert.deepEqual(origins(lineage, column), [...bronze].sort(), column);
  }
});

test('a count(*) counts the rows of its inputs, through a join too, without a column', () => {
  assert.deepEqual(hop(data, 'gold.category_analytics.transaction_count'), { transform: 'aggregate', sources: [], rowsOf: ['silver.transactions_clean'], unresolved: [] });
  assert.deepEqual(hop(mapreduce, 'gold.product_revenue.purchases').rowsOf, ['bronze.products', 'silver.cleaned_events']);
});

test('a history that builds on its previous version says so, and its columns still reach bronze', () => {
  const city = lineageIndex(data).get('silver.customers_history.city')!;
  assert.deepEqual(city.sources.map(columnKey), ['bronze.customers.city']);
  assert.deepEqual(city.previous?.map(columnKey), ['silver.customers_history.city']);
  assert.deepEqual(origins(data, 'gold.customer_analytics.city'), ['bronze.customers.city']);
});

test("a user's pipeline: joins, CTEs, unions and what the analysis cannot follow", async () => {
  const orders = dataset({ name: 'bronze.orders', description: 'Orders.', columns: { id: 'Key.', amount: 'Amount.', customer: 'Who.' }, sql: () => `SELECT 1 AS id, 2.0 AS amount, 'a' AS customer` });
  const people = dataset({ name: 'bronze.people', description: 'People.', columns: { customer: 'Who.', country: 'Where.' }, sql: () => `SELECT 'a' AS customer, 'NO' AS country` });
  const enriched = dataset({
    name: 'silver.orders_enriched',
    columns: { id: 'Key.', amount: 'Amount.', country: 'Where.', doubled: 'amount twice.', customer: 'Who (both sides have it).', source: 'A constant.' },
    description: 'Orders with their country.',
    sql: ({ ref }) => `
WITH o AS (SELECT id, amount, customer FROM ${ref('bronze.orders')} AS b)
SELECT o.id, o.amount, p.country, amount * 2 AS doubled, customer, 'shop' AS source
FROM o JOIN ${ref('bronze.people')} AS p ON o.customer = p.customer`,
  });
  const unioned = dataset({
    name: 'gold.amounts',
    columns: { amount: 'An amount.', generated: 'A value of a table function.' },
    description: 'Amounts of two kinds.',
    sql: ({ ref }) => `SELECT amount, NULL AS generated FROM ${ref('silver.orders_enriched')} AS e UNION ALL SELECT r.range, r.range FROM range(3) AS r`,
  });
  const lineage = await pipelineLineage(pipeline({ name: 'shop', datasets: [orders, people, enriched, unioned] }));
  assert.deepEqual(hop(lineage, 'silver.orders_enriched.country').sources, ['bronze.people.country']);
  assert.deepEqual(hop(lineage, 'silver.orders_enriched.doubled'), { transform: 'expression', sources: ['bronze.orders.amount'], rowsOf: [], unresolved: [] });
  assert.deepEqual(hop(lineage, 'silver.orders_enriched.source').transform, 'constant');
  assert.deepEqual(hop(lineage, 'silver.orders_enriched.customer').unresolved, ['column customer is ambiguous: o and p both have it']);
  const amount = hop(lineage, 'gold.amounts.amount');
  assert.deepEqual(amount.sources, ['silver.orders_enriched.amount']);
  assert.deepEqual(amount.unresolved, ['column r.range comes from a table function in FROM']);
});

test('a run keeps the lineage in its manifest, and explain --columns prints it down to bronze', () => {
  const dir = tempDir();
  const run = medallion(dir, 'run', 'mapreduce', '--data-dir', join(dir, 'm'), '--events', '300');
  assert.equal(run.code, 0, run.stderr);
  const [file] = readdirSync(join(dir, 'm', '_runs')).filter((f) => f.endsWith('.json'));
  const manifest = JSON.parse(readFileSync(join(dir, 'm', '_runs', file!), 'utf8')) as RunManifest;
  const wordCount = manifest.columnLineage?.find((d) => d.dataset === 'gold.word_count');
  assert.deepEqual(wordCount?.columns.map((c) => [c.column, c.transform, c.sources.map(columnKey)]), [
    ['word', 'expression', ['silver.cleaned_events.query']],
    ['occurrences', 'aggregate', []],
  ]);
  assert.equal(manifest.columnLineage?.length, manifest.datasets.length);

  const shown = medallion(dir, 'explain', 'data', 'gold/category_analytics', '--columns');
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /total_revenue +aggregate\n +← silver\.transactions_clean\.amount ← bronze\.transactions\.amount\n/);
  assert.match(shown.stdout, /transaction_count +aggregate\n +counts the rows of silver\.transactions_clean\n/);
  const unknown = medallion(dir, 'explain', 'data', 'gold/category_analytic', '--columns');
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr.trim().split('\n').length, 1);
  assert.match(unknown.stderr, /unknown dataset 'gold\/category_analytic'/);
});
