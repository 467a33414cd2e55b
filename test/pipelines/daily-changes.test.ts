import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataPipelineConfig } from '../../src/index.js';
import { UserError } from '../../src/model/errors.js';
import { scalar, sql, tempDir } from '../helpers.js';
import { medallion } from './cdc-fixtures.js';

const GENERATED = ['--customers', '400', '--transactions', '2000', '--products', '40', '--seed', '8', '--change-rate', '0.1', '--quiet'];
const DAYS = ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04'];

function run(dataDir: string, day: string, extra: readonly string[] = GENERATED): void {
  const out = medallion(['run', 'data', '--data-dir', dataDir, '--as-of', day, ...extra]);
  assert.equal(out.code, 0, out.stderr + out.stdout.slice(-2000));
}

const changesOf = (dataDir: string, dataset: string, day: string) =>
  sql(dataDir, `SELECT change_type, CAST(count(*) AS INTEGER) AS n FROM {silver.${dataset}} WHERE change_date = DATE '${day}' GROUP BY change_type ORDER BY change_type`).then((rows) =>
    Object.fromEntries(rows.map((r) => [String(r['change_type']), Number(r['n'])])),
  );

test('generated customers and products change by about --change-rate a day, and the history reconciles with every snapshot', async () => {
  const dataDir = tempDir();
  run(dataDir, DAYS[0]!);
  // The first day is the plain generated source: every customer inserted, all current.
  assert.deepEqual(await changesOf(dataDir, 'customers_changes', DAYS[0]!), { insert: 400 });
  assert.equal(await scalar(dataDir, `SELECT count(*) FROM {silver.customers_history} WHERE is_current AND valid_from = DATE '${DAYS[0]}'`), 400);
  let current = 400;
  for (const day of DAYS.slice(1)) {
    run(dataDir, day);
    const changes = await changesOf(dataDir, 'customers_changes', day);
    // Updates and deletes: about 10 % of 400 (a draw per customer); new customers: exactly 400 × 0.1 / 4.
    const changed = (changes['update'] ?? 0) + (changes['delete'] ?? 0);
    assert.ok(changed >= 20 && changed <= 60, `${day}: ${JSON.stringify(changes)}`);
    assert.ok((changes['delete'] ?? 0) > 0 && (changes['update'] ?? 0) > 0, `${day}: ${JSON.stringify(changes)}`);
    assert.ok((changes['insert'] ?? 0) >= 10, `${day}: ${JSON.stringify(changes)}`);
    current += (changes['insert'] ?? 0) - (changes['delete'] ?? 0);
    // The snapshot, the history's current versions and silver agree on who the customers are.
    assert.equal(await scalar(dataDir, 'SELECT count(*) FROM {bronze.customers}'), current);
    assert.equal(await scalar(dataDir, 'SELECT count(*) FROM {silver.customers_history} WHERE is_current'), current);
    assert.equal(
      await scalar(dataDir, `SELECT count(*) FROM (SELECT * EXCLUDE (valid_from, valid_to, is_current) FROM {silver.customers_history} WHERE is_current EXCEPT SELECT * FROM {bronze.customers})`),
      0,
    );
    const products = await changesOf(dataDir, 'products_changes', day);
    // One new product a day (40 × 0.1 / 4), besides any that return.
    assert.ok((products['insert'] ?? 0) >= 1, `${day}: ${JSON.stringify(products)}`);
  }
  // Updates change city or spend only; new customers signed up on their day with nothing spent yet.
  const columns = await sql(dataDir, `SELECT DISTINCT changed_columns FROM {silver.customers_changes} WHERE change_type = 'update' ORDER BY 1`);
  assert.ok(columns.length > 0 && columns.every((c) => /^(city|total_orders,total_spent|city,total_orders,total_spent)$/.test(String(c['changed_columns']))), JSON.stringify(columns));
  const newcomers = await sql(dataDir, `SELECT customer_id, signup_date, total_spent FROM {silver.customers_history} WHERE customer_id > 400 AND valid_from = DATE '${DAYS[1]}'`);
  assert.equal(newcomers.length, 10);
  assert.ok(newcomers.every((c) => c['signup_date'] === DAYS[1] && c['total_spent'] === 0));
  // Some who left came back, each with a new version after the one deletion closed.
  const returned = await scalar(dataDir, `SELECT count(*) FROM {silver.customers_changes} AS i JOIN {silver.customers_changes} AS d ON i.customer_id = d.customer_id AND d.change_type = 'delete' AND i.change_type = 'insert' AND i.change_date > d.change_date`);
  assert.ok(returned > 0);
  const price = await scalar(dataDir, `SELECT count(*) FROM {silver.products_changes} WHERE change_type = 'update' AND changed_columns LIKE '%price%'`);
  assert.ok(price > 0);
});

test('re-running a generated day gives the same snapshot and history; --change-rate 0 changes nothing', async () => {
  const dataDir = tempDir();
  run(dataDir, DAYS[0]!);
  run(dataDir, DAYS[1]!);
  const snapshot = await sql(dataDir, 'SELECT * FROM {bronze.customers} ORDER BY customer_id');
  const history = await sql(dataDir, 'SELECT * FROM {silver.products_history} ORDER BY product_id, valid_from');
  run(dataDir, DAYS[1]!);
  assert.deepEqual(await sql(dataDir, 'SELECT * FROM {bronze.customers} ORDER BY customer_id'), snapshot);
  assert.deepEqual(await sql(dataDir, 'SELECT * FROM {silver.products_history} ORDER BY product_id, valid_from'), history);
  // Re-running the first day also starts over from the generated rows rather than changing them.
  const first = tempDir();
  run(first, DAYS[0]!);
  const once = await sql(first, 'SELECT * FROM {silver.customers_history} ORDER BY customer_id');
  run(first, DAYS[0]!);
  assert.deepEqual(await sql(first, 'SELECT * FROM {silver.customers_history} ORDER BY customer_id'), once);
  run(dataDir, DAYS[2]!, GENERATED.map((a) => (a === '0.1' ? '0' : a)));
  assert.deepEqual(await changesOf(dataDir, 'customers_changes', DAYS[2]!), {});
  assert.deepEqual(await sql(dataDir, 'SELECT * FROM {bronze.customers} ORDER BY customer_id'), snapshot);
});

test('--change-rate outside 0…1 is refused with one line, and belongs to the data pipeline only', () => {
  const bad = medallion(['run', 'data', '--change-rate', '1.5', '--data-dir', tempDir()]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "medallion: --change-rate must be a number from 0 to 1, got '1.5'\n");
  const other = medallion(['run', 'mapreduce', '--change-rate', '0.1', '--data-dir', tempDir()]);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /^medallion: --change-rate belongs to pipeline data, not mapreduce/);
});

test('the library takes a change rate too: 0.02 by default, recorded in the manifest, a UserError outside 0…1', () => {
  assert.equal(new DataPipelineConfig().changeRate, 0.02);
  assert.equal(new DataPipelineConfig({ changeRate: 0.5 }).toJSON()['changeRate'], 0.5);
  assert.throws(() => new DataPipelineConfig({ changeRate: 2 }), (e: unknown) => e instanceof UserError && e.message === 'changeRate must be a number from 0 to 1, got 2');
});
