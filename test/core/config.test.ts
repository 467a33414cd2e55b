import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { test } from 'node:test';
import { DataPipelineConfig, MapReducePipelineConfig } from '../../src/index.js';
import { UserError } from '../../src/model/errors.js';

test('defaults are the original project’s sizes and data directories', () => {
  const data = new DataPipelineConfig();
  assert.deepEqual([data.customers, data.transactions, data.products], [10_000, 50_000, 200]);
  assert.equal(data.dataDir, `${homedir()}/pipeline-data`);
  const events = new MapReducePipelineConfig();
  assert.deepEqual([events.events, events.users, events.products], [100_000, 5_000, 500]);
  assert.equal(events.dataDir, `${homedir()}/mapreduce-pipeline-data`);
  assert.match(events.asOf, /^\d{4}-\d{2}-\d{2}$/);
});

test('configs are frozen', () => {
  const config = new DataPipelineConfig({ customers: 5 });
  assert.throws(() => ((config as { customers: number }).customers = 6), TypeError);
});

for (const [label, options, message] of [
  ['zero', { customers: 0 }, /customers must be a whole number between 1 and \d+, got 0/],
  ['negative', { transactions: -5 }, /transactions must be a whole number .* got -5/],
  ['fractional', { products: 1.5 }, /products must be a whole number .* got 1.5/],
  ['NaN', { customers: Number.NaN }, /customers must be a whole number .* got NaN/],
  ['negative seed', { seed: -1 }, /seed must be a whole number between 0/],
  ['impossible date', { asOf: '2026-02-30' }, /as-of must be a calendar date YYYY-MM-DD from 1970-01-01 to 9999-12-31, got '2026-02-30'/],
  ['not a date', { asOf: 'tomorrow' }, /as-of must be a calendar date/],
  ['empty data dir', { dataDir: ' ' }, /data-dir must not be empty/],
] as const) {
  test(`rejects a ${label} value with a UserError naming it`, () => {
    assert.throws(() => new DataPipelineConfig(options), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.message, message);
      return true;
    });
  });
}
