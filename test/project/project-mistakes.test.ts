import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';
import { edit, medallion, project } from './scaffolded-project.js';

interface Mistake {
  readonly label: string;
  readonly make: (dir: string) => void;
  /** Every line printed, in order. */
  readonly lines: readonly RegExp[];
}

/** Mistakes in the definitions themselves, found when the project loads. */
export const DEFINITION_MISTAKES: readonly Mistake[] = [
  {
    label: "a misspelt key ('kepp' for 'keep')",
    make: (dir) => edit(dir, "keep: [{ name: 'not_cancelled'", "kepp: [{ name: 'not_cancelled'"),
    lines: [/^medallion: pipelines\/orders\.ts:22: dataset silver\.orders_clean: unknown key 'kepp' \(did you mean 'keep'\?\)$/],
  },
  {
    label: "a misspelt action ('dorp')",
    make: (dir) => edit(dir, "{ action: 'drop', name: 'positive_amount' }", "{ action: 'dorp', name: 'positive_amount' }"),
    lines: [/^medallion: pipelines\/orders\.ts:37: dataset silver\.orders_clean: expectation positive_amount: action 'dorp': expected warn, drop, quarantine or fail \(did you mean 'drop'\?\)$/],
  },
  {
    label: 'range bounds of the wrong types',
    make: (dir) => edit(dir, "expect.range('amount', { min: 0, minExclusive: true }", "expect.range('amount', { min: '0', minExclusive: 'yes' }"),
    lines: [
      /^medallion: pipelines\/orders\.ts:37: dataset silver\.orders_clean: expectation positive_amount: min: expected a number, got '0'$/,
      /^medallion: pipelines\/orders\.ts:37: dataset silver\.orders_clean: expectation positive_amount: minExclusive: expected a boolean, got 'yes'$/,
    ],
  },
  {
    label: "a source column type that does not exist ('DOUBEL')",
    make: (dir) => edit(dir, "amount: { type: 'DOUBLE'", "amount: { type: 'DOUBEL'"),
    lines: [/^medallion: pipelines\/orders\.ts:4: source bronze\.orders: columns\.amount\.type 'DOUBEL': expected INTEGER, BIGINT, DOUBLE, BOOLEAN, TEXT, DATE or TIMESTAMP \(did you mean 'DOUBLE'\?\)$/],
  },
  {
    label: 'two expectations of one name',
    make: (dir) => edit(dir, "expect.notNull('country', { action: 'quarantine' })", "expect.notNull('country', { action: 'quarantine', name: 'positive_amount' })"),
    lines: [/^medallion: pipelines\/orders\.ts:22: dataset silver\.orders_clean: two expectations are named positive_amount: give one a name of its own \(option name\)$/],
  },
  {
    label: 'a key that is not a column',
    make: (dir) => edit(dir, "keys: ['order_id'],\n  keep:", "keys: ['order_idd'],\n  keep:"),
    lines: [/^medallion: pipelines\/orders\.ts:22: dataset silver\.orders_clean: key 'order_idd' is not one of its columns \(did you mean 'order_id'\?\)$/],
  },
  {
    label: 'a drop option on a whole-dataset expectation',
    make: (dir) => edit(dir, "expect.unique(['order_id'], { action: 'fail' })", "expect.unique(['order_id'], { action: 'drop' })"),
    lines: [/^medallion: pipelines\/orders\.ts:36: dataset silver\.orders_clean: expectation unique\(order_id\): action 'drop': a unique expectation checks the whole dataset and can only warn or fail$/],
  },
  {
    label: 'an incremental mode that does not exist',
    make: (dir) => edit(dir, "description: 'Orders and revenue per day.',", "description: 'Orders and revenue per day.',\n  incremental: 'weekly',"),
    lines: [/^medallion: pipelines\/orders\.ts:76: dataset gold\.daily_revenue: incremental: expected 'daily', 'full' or \{ merge: \{ keys, sums \} \}, got 'weekly'$/],
  },
  {
    label: 'a chart option that does not exist',
    make: (dir) =>
      edit(dir, "  sources: [orders],\n", "  sources: [orders],\n  charts: { 'gold.daily_revenue': [{ title: 'Revenue', sql: () => 'SELECT 1', option: () => ({}), hieght: 300 }] },\n"),
    lines: [/^medallion: pipelines\/orders\.ts:\d+: pipeline orders: unknown key 'hieght' in charts\.gold\.daily_revenue\[0\] \(did you mean 'height'\?\)$/],
  },
  {
    label: 'a misspelt key of the project config',
    make: (dir) => edit(dir, 'defineConfig({ pipelines: [orders] })', 'defineConfig({ pipelines: [orders], pipline: [] })', 'medallion.config.ts'),
    lines: [/^medallion: medallion\.config\.ts: defineConfig: unknown key 'pipline' \(did you mean 'pipelines'\?\)$/],
  },
];

for (const { label, make, lines } of DEFINITION_MISTAKES) {
  test(`${label}: refused when the project loads, exit 2, a line each, nothing written`, () => {
    const dir = project();
    make(dir);
    const out = medallion(dir, 'run', 'orders');
    assert.equal(out.code, 2, out.stdout + out.stderr);
    const printed = out.stderr.trim().split('\n');
    assert.equal(printed.length, lines.length, out.stderr);
    lines.forEach((line, i) => assert.match(printed[i]!, line));
    assert.equal(out.stdout, '');
    assert.equal(existsSync(join(dir, 'data')), false);
  });
}

test('every mistake of every definition is told at once, each with its file and line', () => {
  const dir = project();
  for (const { make } of DEFINITION_MISTAKES.slice(0, 4)) make(dir);
  const out = medallion(dir, 'run', 'orders');
  assert.equal(out.code, 2, out.stdout + out.stderr);
  assert.deepEqual(out.stderr.trim().split('\n').map((l) => l.replace(/: .*/, '')), [
    'medallion',
    'medallion',
    'medallion',
    'medallion',
    'medallion',
  ]);
  assert.match(out.stderr, /pipelines\/orders\.ts:4: source bronze\.orders: columns\.amount\.type 'DOUBEL'/);
  assert.match(out.stderr, /pipelines\/orders\.ts:22: dataset silver\.orders_clean: unknown key 'kepp'/);
  assert.match(out.stderr, /pipelines\/orders\.ts:37: dataset silver\.orders_clean: expectation positive_amount: action 'dorp'/);
  assert.equal(existsSync(join(dir, 'data')), false);
});

/** Statements that do not bind, found by `check` and by every run before anything is written. */
const BINDING_MISTAKES: readonly Mistake[] = [
  {
    label: 'an expectation on a column that does not exist',
    make: (dir) => edit(dir, "expect.notNull('country'", "expect.notNull('cuntry'"),
    lines: [/^medallion: (orders: )?silver\.orders_clean: expectation not_null\(cuntry\): no column 'cuntry' in the dataset \(did you mean 'country'\?\)$/],
  },
  {
    label: 'a sum over text',
    make: (dir) => edit(dir, 'round(sum(amount), 2) AS revenue\n    FROM ${ref(\'silver.orders_clean\')} AS o\n    GROUP BY country', 'round(sum(amount + country), 2) AS revenue\n    FROM ${ref(\'silver.orders_clean\')} AS o\n    GROUP BY country'),
    lines: [/^medallion: (orders: )?gold\.revenue_by_country: SQL does not bind: Binder Error: No function matches the given name and argument types '\+\(DOUBLE, VARCHAR\)'\. You might need to add explicit type casts\. \(line 2 of its SQL: SELECT country, count\(\*\) AS orders, round\(sum\(amount \+ country\), 2\) AS revenue\)$/],
  },
  {
    label: 'a SQL syntax error',
    make: (dir) => edit(dir, 'SELECT country, count(*) AS orders, round(sum(amount), 2) AS revenue', 'SELECT country, count(*) AS orders round(sum(amount), 2) AS revenue'),
    lines: [/^medallion: (orders: )?gold\.revenue_by_country: SQL does not bind: Parser Error: syntax error at or near "round" \(line 2 of its SQL: SELECT country, count\(\*\) AS orders round\(sum\(amount\), 2\) AS revenue\)$/],
  },
  {
    label: 'a declared column the SQL does not return',
    make: (dir) => edit(dir, "revenue: 'Sum of amounts, 2 decimals.' },\n  expect:", "revenue: 'Sum of amounts, 2 decimals.', margin: 'Margin.' },\n  expect:"),
    lines: [/^medallion: (orders: )?gold\.revenue_by_country: column 'margin' is declared but its SQL does not return it \(it returns country, orders, revenue\)$/],
  },
  {
    label: 'a unique expectation on a column that does not exist',
    make: (dir) => edit(dir, "expect.unique(['order_id'], { action: 'fail' })", "expect.unique(['order_idd'], { action: 'fail' })"),
    lines: [/^medallion: (orders: )?silver\.orders_clean: expectation unique\(order_idd\): no column 'order_idd' in the dataset \(did you mean 'order_id'\?\)$/],
  },
  {
    label: 'a references expectation to an unknown dataset',
    make: (dir) => edit(dir, "expect.notNull('country', { action: 'quarantine' }),", "expect.notNull('country', { action: 'quarantine' }),\n    expect.references('customer', 'silver.customers'),"),
    lines: [/^medallion: pipeline orders: silver\.orders_clean refers to unknown dataset 'silver\.customers' \(known: bronze\.orders, silver\.orders_clean, gold\.revenue_by_country, gold\.daily_revenue\)$/],
  },
  {
    label: 'a references expectation to an unknown column',
    make: (dir) => edit(dir, "expect.notNull('country', { action: 'quarantine' }),", "expect.notNull('country', { action: 'quarantine' }),\n    expect.references('order_id', 'bronze.orders', 'orderid'),"),
    lines: [/^medallion: (orders: )?silver\.orders_clean: expectation references\(order_id -> bronze\.orders\.orderid\): no column 'orderid' in bronze\.orders \(did you mean 'order_id'\?\)$/],
  },
  {
    label: 'a partition column the SQL does not return',
    make: (dir) => edit(dir, 'SELECT order_date, count(*) AS orders, round(sum(amount), 2) AS revenue', 'SELECT order_date AS day, count(*) AS orders, round(sum(amount), 2) AS revenue'),
    lines: [/^medallion: (orders: )?gold\.daily_revenue: column 'order_date' is declared but its SQL does not return it \(it returns day, orders, revenue\)$/],
  },
  {
    label: 'a merge over a sum that is not a whole number',
    make: (dir) => edit(dir, "description: 'Orders and revenue per country, largest first.',", "description: 'Orders and revenue per country, largest first.',\n  incremental: { merge: { keys: ['country'], sums: ['orders', 'revenue'] } },"),
    lines: [/^medallion: (orders: )?gold\.revenue_by_country: merge sum 'revenue' is DOUBLE: a merge adds and takes away partial sums, which is exact only for whole numbers \(counts, integer totals\); make it one or drop incremental$/],
  },
  {
    label: 'a chart over a column that does not exist',
    make: (dir) => edit(dir, '  sources: [orders],\n', "  sources: [orders],\n  charts: { 'gold.daily_revenue': [{ title: 'Revenue', sql: (rel) => `SELECT order_date, revnue FROM ${rel('gold.daily_revenue')} AS r`, option: () => ({}) }] },\n"),
    lines: [/^medallion: (orders: )?gold\.daily_revenue: chart 'Revenue' does not bind: Binder Error: Referenced column "revnue" not found in FROM clause! \(line 1 of its SQL: SELECT order_date, revnue FROM gold\.daily_revenue AS r\)$/],
  },
  {
    label: 'a chart whose sql function has the wrong signature',
    make: (dir) => edit(dir, '  sources: [orders],\n', "  sources: [orders],\n  charts: { 'gold.daily_revenue': [{ title: 'Revenue', sql: ({ ref }: any) => `SELECT * FROM ${ref('gold.daily_revenue')} AS r`, option: () => ({}) }] },\n"),
    lines: [/^medallion: (orders: )?gold\.daily_revenue: chart 'Revenue': its sql function threw TypeError: ref is not a function \(it is called as sql\(rel\), rel\('layer\.name'\) naming a dataset\)$/],
  },
  {
    label: "a dataset's sql function that throws",
    make: (dir) => edit(dir, "FROM ${ref('silver.orders_clean')} AS o\n    GROUP BY country", "FROM ${(undefined as any)('silver.orders_clean')} AS o\n    GROUP BY country"),
    lines: [/^medallion: pipeline orders: gold\.revenue_by_country: its sql function threw TypeError: .* is not a function \(it is called with \{ ref, previous, dialect, config \}\)$/],
  },
];

for (const { label, make, lines } of BINDING_MISTAKES) {
  for (const command of [['run'], ['check'], ['run', '--dry-run']]) {
    test(`${label}: ${command.join(' ')} refuses it, exit 2, a line each, nothing written`, () => {
      const dir = project();
      make(dir);
      const out = medallion(dir, command[0]!, 'orders', ...command.slice(1));
      assert.equal(out.stdout, '', 'nothing printed but the problems');
      assert.equal(out.code, 2, out.stdout + out.stderr);
      const printed = out.stderr.trim().split('\n');
      assert.equal(printed.length, lines.length, out.stderr);
      lines.forEach((line, i) => assert.match(printed[i]!, line));
      assert.equal(existsSync(join(dir, 'data')), false);
    });
  }
}

test('the built-in pipelines and a new project pass check on DuckDB', () => {
  const dir = project();
  const out = medallion(dir, 'check');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^✓ orders: 4 datasets checked on duckdb/);
  const builtIn = medallion(tempDir(), 'check');
  assert.equal(builtIn.code, 0, builtIn.stderr);
  assert.match(builtIn.stdout, /^✓ data, mapreduce, performance: 36 datasets checked on duckdb/);
});
