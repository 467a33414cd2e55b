import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';
import { edit, medallion, project } from '../project/scaffolded-project.js';

const SCAFFOLD_TEST = 'cancelled, negative and country-less orders are set apart, each by its rule';

test('the built-in pipelines pass their unit tests: segments, the completed-only filter, funnel rates, joins, word count, windows, cohorts', () => {
  const out = medallion(tempDir(), 'test');
  assert.equal(out.code, 0, out.stdout + out.stderr);
  const lines = out.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, -1), [
    '✓ data: silver.customers_enriched: segments at their thresholds: a segment starts just above its spend',
    '✓ data: silver.customers_enriched: an impossible age is quarantined',
    '✓ data: silver.customers_enriched: a customer without an id trips not_null(customer_id)',
    '✓ data: silver.transactions_clean: completed transactions only; a non-positive amount is dropped, an unknown customer or a bad timestamp quarantined',
    '✓ data: gold.category_analytics: count, revenue, average, smallest and largest amount per category',
    '✓ data: gold.category_analytics: no transactions trip the row count',
    '✓ mapreduce: gold.event_funnel: conversion rates per day, NULL where nobody viewed or added to a cart',
    '✓ mapreduce: gold.word_count: words of search queries, lower-cased, counted; other events and empty words left out',
    '✓ mapreduce: gold.product_revenue: map-side join: purchases of catalog products, named from the catalog; others left out',
    '✓ mapreduce: gold.user_segments: reduce-side join: users and their events and revenue per tier and country; events of unknown users left out',
    "✓ performance: silver.enriched_events: window columns over a user's events: gap, running total, position in session, purchase rank, moving average",
    '✓ performance: silver.enriched_events: a negative amount stops the run',
    '✓ performance: gold.cohort_retention: users by the week of their first event, and how many come back each week after',
  ]);
  assert.match(lines.at(-1)!, /^13 tests of 9 datasets on duckdb in \d+ ms: 13 passed, 0 failed$/);
});

test('--select runs the tests of the datasets selected only', () => {
  const out = medallion(tempDir(), 'test', 'mapreduce', '--select', 'gold.word_count');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^✓ gold\.word_count: words of search queries.*\n1 test of 1 dataset on duckdb in \d+ ms: 1 passed, 0 failed\n$/);
});

test("the scaffold's test passes without a data dir being read or written", () => {
  const dir = project();
  const out = medallion(dir, 'test');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, new RegExp(`^✓ silver\\.orders_clean: ${SCAFFOLD_TEST}\\n1 test of 1 dataset on duckdb in \\d+ ms: 1 passed, 0 failed\\n$`));
  assert.equal(existsSync(join(dir, 'data')), false);
});

test('a failing test prints what is missing, unexpected and changed, per outcome, and exits 1', () => {
  const dir = project();
  edit(dir, "expect: [{ order_id: 1, country: 'NO', amount: 10.5, order_date: '2026-11-02' }],", "expect: [{ order_id: 1, country: 'NO', amount: 10.4, order_date: '2026-11-02' }, { order_id: 9, country: 'SE' }],");
  edit(dir, "dropped: { positive_amount: [{ order_id: 3 }] },", "dropped: { positive_amount: [{ order_id: 3 }, { order_id: 4 }] },");
  edit(dir, "filtered: { not_cancelled: [{ order_id: 2 }] },", 'filtered: { not_cancelled: [] },');
  const out = medallion(dir, 'test');
  assert.equal(out.code, 1, out.stdout + out.stderr);
  assert.equal(out.stderr, '');
  const lines = out.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, -1), [
    `✗ silver.orders_clean: ${SCAFFOLD_TEST}`,
    '    rows:',
    "      missing    { order_id: 9, country: 'SE' }",
    '      changed    { order_id: 1 }: amount 10.4 → 10.5',
    '    filtered by not_cancelled:',
    '      unexpected { order_id: 2 }',
    '    dropped by positive_amount:',
    '      missing    { order_id: 4 }',
  ]);
  assert.match(lines.at(-1)!, /^1 test of 1 dataset on duckdb in \d+ ms: 0 passed, 1 failed$/);
});

test('a test says which fail expectation its rows must trip, and one they trip unexpectedly fails it', () => {
  const dir = project();
  const duplicate = "{ order_id: 1, country: 'SE', status: 'placed', amount: 3, ordered_at: '2026-11-02 11:00:00' }";
  edit(dir, "  ],\n});\n\nconst revenueByCountry", `    {\n      name: 'a repeated order id stops the run',\n      given: { 'bronze.orders': [${duplicate}, ${duplicate}] },\n      fails: 'unique(order_id)',\n    },\n    {\n      name: 'expects nothing to fail',\n      given: { 'bronze.orders': [${duplicate}, ${duplicate}] },\n    },\n  ],\n});\n\nconst revenueByCountry`);
  const out = medallion(dir, 'test');
  assert.equal(out.code, 1, out.stdout + out.stderr);
  assert.deepEqual(out.stdout.trim().split('\n').slice(0, -1), [
    `✓ silver.orders_clean: ${SCAFFOLD_TEST}`,
    '✓ silver.orders_clean: a repeated order id stops the run',
    '✗ silver.orders_clean: expects nothing to fail',
    '    expectation unique(order_id) failed: a run would stop before publishing',
  ]);
});

test('a given value that does not convert to its column fails that test with the engine\'s first line', () => {
  const dir = project();
  edit(dir, "{ order_id: 1, country: 'NO', status: 'shipped', amount: 10.5,", "{ order_id: 1, country: 'NO', status: 'shipped', amount: 'ten',");
  const out = medallion(dir, 'test');
  assert.equal(out.code, 1, out.stdout + out.stderr);
  assert.deepEqual(out.stdout.trim().split('\n').slice(0, -1), [
    `✗ silver.orders_clean: ${SCAFFOLD_TEST}`,
    "    could not run: Conversion Error: Could not convert string 'ten' to DOUBLE",
  ]);
});

test('a test naming an input, a column or a rule its dataset does not have is refused, exit 2, every problem listed', () => {
  const dir = project();
  edit(dir, "'bronze.orders': [\n", "'bronze.order': [\n");
  edit(dir, "expect: [{ order_id: 1, country: 'NO',", "expect: [{ order_id: 1, contry: 'NO',");
  edit(dir, 'filtered: { not_cancelled:', 'filtered: { not_canceled:');
  edit(dir, "quarantined: { 'not_null(country)':", "quarantined: { positive_amount:");
  const out = medallion(dir, 'test');
  assert.equal(out.code, 2, out.stdout + out.stderr);
  assert.equal(out.stdout, '');
  const of = `medallion: silver.orders_clean: test '${SCAFFOLD_TEST}'`;
  assert.deepEqual(out.stderr.trim().split('\n'), [
    `${of}: given 'bronze.order', which silver.orders_clean does not read (did you mean 'bronze.orders'?)`,
    `${of}: expect: no column 'contry' in silver.orders_clean (did you mean 'country'?)`,
    `${of}: filtered: no keep rule named 'not_canceled' (did you mean 'not_cancelled'?)`,
    `${of}: quarantined: no quarantine expectation named 'positive_amount' (it has not_null(country))`,
  ]);
});

test('a misspelt key of a test is refused when the project loads, at the line of its dataset', () => {
  const dir = project();
  edit(dir, "expect: [{ order_id: 1, country: 'NO',", "expekt: [{ order_id: 1, country: 'NO',");
  const out = medallion(dir, 'test');
  assert.equal(out.code, 2, out.stdout + out.stderr);
  assert.equal(out.stderr, "medallion: pipelines/orders.ts:22: dataset silver.orders_clean: unknown key 'expekt' in tests[0] (did you mean 'expect'?)\n");
});
