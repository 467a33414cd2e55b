import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { scalar } from '../helpers.js';
import { edit, medallion, project } from './scaffolded-project.js';

let demo: string;
let first: ReturnType<typeof medallion>;
before(() => {
  demo = project();
  first = medallion(demo, 'run', 'orders');
});

test('init scaffolds a project whose pipeline runs with medallion run, from its TypeScript files', () => {
  for (const f of ['medallion.config.ts', 'pipelines/orders.ts', 'input/orders.csv', 'README.md']) assert.ok(existsSync(join(demo, f)), f);
  assert.equal(first.code, 0, first.stderr + first.stdout);
  assert.match(first.stdout, /STARTING ORDERS PIPELINE EXECUTION/);
  assert.match(first.stdout, / OK +gold\.revenue_by_country \.+ \d+ rows /);
});

test("the example's rows are accounted for: filtered, dropped, quarantined by the contract and by an expectation", async () => {
  const data = join(demo, 'data', 'orders');
  const manifest = JSON.parse(medallion(demo, 'quality', 'orders', '--format', 'json').stdout) as { outcome: string };
  assert.equal(manifest.outcome, 'succeeded');
  // 10 rows: order 9's amount is not a number (bronze contract), 4 is cancelled, 6 is negative, 8 has no country.
  assert.equal(await scalar(data, 'SELECT count(*) FROM {bronze.orders}'), 9);
  assert.equal(await scalar(data, 'SELECT count(*) FROM {silver.orders_clean}'), 6);
  assert.equal(await scalar(data, 'SELECT sum(orders) FROM {gold.revenue_by_country}'), 6);
  assert.equal(await scalar(data, 'SELECT round(sum(revenue), 2) FROM {gold.revenue_by_country}'), 394.09);
  assert.equal(await scalar(data, `SELECT count(*) FROM read_parquet('${data}/_quarantine/bronze.orders/*.parquet') WHERE _in_amount = 'not-a-number'`), 1);
  assert.equal(await scalar(data, `SELECT count(*) FROM read_parquet('${data}/_quarantine/silver.orders_clean/*.parquet') WHERE order_id = 8`), 1);
});

test('show, list, sql, explain, quality, history and rollback work on a user pipeline', () => {
  const show = medallion(demo, 'show', 'orders', 'gold/revenue_by_country');
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /country.*orders.*revenue/);
  assert.match(show.stdout, /3 rows/);
  const list = medallion(demo, 'list');
  assert.match(list.stdout, /^orders \(.*medallion\.config\.ts\): Shop orders/m);
  assert.match(list.stdout, /^ {2}silver\.orders_clean +Orders that were not cancelled/m);
  assert.match(list.stdout, /^data \(built-in\)/m);
  const sql = medallion(demo, 'sql', 'orders');
  assert.equal(sql.code, 0, sql.stderr);
  assert.match(sql.stdout, /^-- orders gold\.daily_revenue: /m);
  // Each CSV file is read against its own header line, so that every record is checked against it.
  assert.match(sql.stdout, /read_csv\('.*input\/orders\.csv', header = true, auto_detect = false/);
  const explain = medallion(demo, 'explain', 'orders', 'gold/daily_revenue');
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, /-- inputs: silver\.orders_clean/);
  const quality = medallion(demo, 'quality', 'orders');
  assert.match(quality.stdout, /positive_amount .*drop/);
  const again = medallion(demo, 'run', 'orders', '--select', 'gold.daily_revenue');
  assert.equal(again.code, 0, again.stderr);
  const history = medallion(demo, 'history', 'orders', 'gold/daily_revenue');
  assert.match(history.stdout, /2 versions kept/);
  const older = history.stdout.split('\n').find((l) => /^ {2} +\d{8}T/.test(l));
  const runId = /\d{8}T\d+Z-[0-9a-f]+/.exec(older ?? '')![0];
  const rollback = medallion(demo, 'rollback', 'orders', runId);
  assert.equal(rollback.code, 0, rollback.stderr);
});

test('an input flag of another pipeline is refused with the flags this one has', () => {
  const out = medallion(demo, 'run', 'orders', '--input-customers', join(demo, 'input/orders.csv'));
  assert.equal(out.code, 2);
  assert.equal(out.stderr, 'medallion: --input-customers belongs to pipeline data, not orders (orders takes --input-orders)\n');
});

/** Each mistake a user can make in their files: one line, exit 2, nothing written. */
const MISTAKES: Array<[string, (dir: string) => void, RegExp]> = [
  [
    'a syntax error in a pipeline file',
    (dir) => writeFileSync(join(dir, 'pipelines/orders.ts'), readFileSync(join(dir, 'pipelines/orders.ts'), 'utf8').replace("description: 'Orders and revenue per day.',", "description: 'Orders and revenue per day.',,,")),
    /^medallion: cannot load medallion\.config\.ts: .*pipelines\/orders\.ts.*:\d+/,
  ],
  [
    'a ref to an unknown dataset',
    (dir) => edit(dir, "ref('silver.orders_clean')} AS o\n    GROUP BY order_date", "ref('silver.order_clean')} AS o\n    GROUP BY order_date"),
    /^medallion: pipeline orders: gold\.daily_revenue refers to unknown dataset 'silver\.order_clean' \(did you mean 'silver\.orders_clean'\?\)\n$/,
  ],
  [
    'a cycle',
    (dir) => edit(dir, "FROM ${ref('bronze.orders')} AS o`", "FROM ${ref('bronze.orders')} AS o WHERE order_id IN (SELECT orders FROM ${ref('gold.daily_revenue')} AS g)`"),
    /^medallion: pipeline orders: dependency cycle (silver\.orders_clean|gold\.daily_revenue) -> .* -> \1$/m,
  ],
  ['two datasets with one name', (dir) => edit(dir, "name: 'gold.daily_revenue'", "name: 'gold.revenue_by_country'"), /^medallion: cannot load medallion\.config\.ts: pipeline orders: two datasets are named gold\.revenue_by_country$/m],
  [
    'a dataset outside bronze, silver and gold',
    (dir) => edit(dir, "name: 'gold.daily_revenue'", "name: 'platinum.daily_revenue'"),
    /^medallion: cannot load medallion\.config\.ts: dataset 'platinum\.daily_revenue' is outside the medallion: its layer must be bronze, silver or gold, not 'platinum'$/m,
  ],
  ['a source file that does not exist', (dir) => rmSync(join(dir, 'input/orders.csv')), /^medallion: --input-orders: no such file or directory: '.*input\/orders\.csv'$/m],
];

for (const [label, breakIt, message] of MISTAKES) {
  test(`${label}: one line, exit 2, nothing written`, () => {
    const dir = project();
    breakIt(dir);
    const out = medallion(dir, 'run', 'orders');
    assert.equal(out.code, 2, out.stdout + out.stderr);
    assert.match(out.stderr, message);
    assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr);
    assert.equal(existsSync(join(dir, 'data')), false);
  });
}
