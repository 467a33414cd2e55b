import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig } from '../../src/index.js';
import { memoryLogger, tempDir } from '../helpers.js';
import { medallion, publishOtherSchema, sizes } from '../storage/fixtures.js';

const dir = tempDir();
const runIds: string[] = [];
before(async () => {
  for (const [seed, transactions] of [[1, 1000], [2, 1500], [3, 2000]] as const) {
    // The day of the later CLI runs (sizes()): a run for an earlier day than the history's last is refused.
    const config = new DataPipelineConfig({ dataDir: dir, customers: 300, transactions, products: 20, seed, asOf: '2026-01-10' });
    runIds.push((await runPipeline(config, { logger: memoryLogger().logger })).runId);
  }
});

const rowsOf = (out: string) => /^(?:[\d,]+ of )?([\d,]+) rows$/m.exec(out)?.[1];

test('history lists every kept version with its rows and bytes, newest first, the current one marked', () => {
  const out = medallion(['history', 'data', 'bronze/transactions', '--data-dir', dir]);
  assert.equal(out.code, 0, out.stderr);
  const lines = out.stdout.split('\n').filter((l) => /\d{8}T\d{9}Z-/.test(l));
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, new RegExp(`^  \\*  ${runIds[2]}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+2,000\\s+[\\d.]+ KiB  sha256:[0-9a-f]{12}$`));
  assert.match(lines[2]!, new RegExp(`^     ${runIds[0]} .* 1,000 `));
  const all = medallion(['history', 'data', '--data-dir', dir]);
  assert.equal(all.code, 0);
  assert.equal((all.stdout.match(/\(3 versions kept, \* = current\)/g) ?? []).length, 15);
});

test('show --as-of reads the version a past run published', () => {
  const out = medallion(['show', 'data', 'bronze/transactions', '--data-dir', dir, '--as-of', runIds[0]!, '--limit', '1']);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(rowsOf(out.stdout), '1,000');
  assert.ok(out.stdout.includes(join('_versions', 'bronze', 'transactions', runIds[0]!)));
  assert.equal(rowsOf(medallion(['show', 'data', 'bronze/transactions', '--data-dir', dir, '--limit', '1']).stdout), '2,000');
});

test('rollback makes a past run current again for every dataset it built, and records it', () => {
  const out = medallion(['rollback', 'data', runIds[0]!, '--data-dir', dir]);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, new RegExp(`bronze/transactions: ${runIds[2]} -> ${runIds[0]}`));
  assert.equal(out.stdout.split('\n').filter((l) => l.includes(`-> ${runIds[0]}`)).length, 15);
  assert.equal(rowsOf(medallion(['show', 'data', 'bronze/transactions', '--data-dir', dir, '--limit', '0']).stdout), '1,000');
  assert.match(medallion(['history', 'data', 'gold/category_analytics', '--data-dir', dir]).stdout, new RegExp(`  \\*  ${runIds[0]}`));
  const [record] = readdirSync(join(dir, '_rollbacks'));
  const saved = JSON.parse(readFileSync(join(dir, '_rollbacks', record!), 'utf8')) as { toRun: string; changed: unknown[] };
  assert.equal(saved.toRun, runIds[0]);
  assert.equal(saved.changed.length, 15);
});

test('a new run after a rollback publishes and prunes down to --keep, never the current version', () => {
  const out = medallion(['run', 'data', '--data-dir', dir, ...sizes(9, 1200), '--keep', '2', '--quiet']);
  assert.equal(out.code, 0, out.stderr);
  const history = medallion(['history', 'data', 'bronze/transactions', '--data-dir', dir]).stdout;
  assert.match(history, /\(2 versions kept/);
  assert.match(history, /\*  \S+ .* 1,200 /);
  assert.equal(readdirSync(join(dir, '_versions', 'bronze', 'transactions')).filter((n) => !n.startsWith('_')).length, 2);
});

for (const [label, args, message] of [
  ['rollback to an unknown run id', ['rollback', 'data', 'nope'], /^medallion: unknown run id 'nope' in \S+: runs that can be rolled back to: \d{8}T\d{9}Z-\w+, \d{8}T/],
  ['show --as-of an unknown run id', ['show', 'data', 'gold/payment_analytics', '--as-of', 'nope'], /^medallion: --as-of: gold\.payment_analytics has no kept version from run 'nope'; kept: /],
  ['--keep 0', ['run', 'data', '--keep', '0'], /^medallion: --keep must be a whole number from 1 to 1000, got '0'\n$/],
] as const) {
  test(`${label} is a one-line error, exit 2`, () => {
    const out = medallion([...args, '--data-dir', dir]);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, message);
    assert.equal(out.stderr.trim().split('\n').length, 1);
  });
}

test('history of a data dir where nothing was built is a one-line error, exit 2', () => {
  const empty = tempDir();
  for (const args of [['history', 'data'], ['history', 'data', 'gold/category_analytics']]) {
    const out = medallion([...args, '--data-dir', empty]);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /^medallion: (nothing has been built in|gold\.category_analytics has never been built in) \S+: run 'medallion run data' first\n$/);
  }
});

test('run refuses a schema change with a column diff (exit 1) and publishes it with --allow-schema-change', async () => {
  const drift = tempDir();
  assert.equal(medallion(['run', 'data', '--data-dir', drift, ...sizes(1), '--quiet']).code, 0);
  const odd = await publishOtherSchema(drift);
  const refused = medallion(['run', 'data', '--data-dir', drift, ...sizes(2)]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /bronze\.customers: columns differ from the current version 20000101T000000Z-000000/);
  assert.match(refused.stderr, /- nickname VARCHAR/);
  assert.match(medallion(['history', 'data', 'bronze/customers', '--data-dir', drift]).stdout, new RegExp(`\\*  ${odd}`));
  const allowed = medallion(['run', 'data', '--data-dir', drift, ...sizes(3), '--allow-schema-change', '--quiet']);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.doesNotMatch(medallion(['history', 'data', 'bronze/customers', '--data-dir', drift]).stdout, new RegExp(`\\*  ${odd}`));
});
