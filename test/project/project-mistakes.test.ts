import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
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
    lines: [/^medallion: pipelines\/orders\.ts:58: dataset gold\.daily_revenue: incremental: expected 'daily', 'full' or \{ merge: \{ keys, sums \} \}, got 'weekly'$/],
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
