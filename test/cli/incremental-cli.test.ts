import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SMALL = ['--events', '1400', '--users', '100', '--event-products', '20', '--seed', '3', '--as-of', '2026-11-25'];

function medallion(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A refused command: exit 2, one line on stderr with `message`, and nothing written. */
function assertRefused(dir: string, args: string[], message: RegExp): void {
  const before = existsSync(dir) ? readdirSync(dir).sort() : undefined;
  const out = medallion(...args);
  assert.equal(out.code, 2, out.stderr + out.stdout);
  assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr);
  assert.match(out.stderr, message);
  assert.deepEqual(existsSync(dir) ? readdirSync(dir).sort() : undefined, before, 'nothing written');
}

const dir = join(tempDir(), 'events');
let first: ReturnType<typeof medallion>;
let second: ReturnType<typeof medallion>;
before(() => {
  first = medallion('run', 'mapreduce', '--data-dir', dir, '--date', '2026-11-20', ...SMALL);
  second = medallion('run', 'mapreduce', '--data-dir', dir, '--from', '2026-11-18', '--to', '2026-11-20', ...SMALL);
});

test('run --date ingests one day (a seventh of --events) and --from/--to fills the days missing', () => {
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, / OK +bronze\.raw_events \.+ 200 rows /);
  assert.equal(second.code, 0, second.stderr);
  // Two days were missing from the range: 18 and 19.
  assert.match(second.stdout, / OK +bronze\.raw_events \.+ 400 rows /);
  assert.deepEqual(readdirSync(join(dir, 'silver', 'cleaned_events')).filter((f) => f.startsWith('event_date=')).sort(), [
    'event_date=2026-11-18',
    'event_date=2026-11-19',
    'event_date=2026-11-20',
  ]);
});

test('a range whose days are all processed does nothing, and says so', () => {
  const out = medallion('run', 'mapreduce', '--data-dir', dir, '--from', '2026-11-19', '--to', '2026-11-20', ...SMALL);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /every day from 2026-11-19 to 2026-11-20 is processed already; nothing to do/);
  assert.equal(readdirSync(join(dir, '_runs')).length, 2);
});

test('status shows the processed days as ranges and the gaps, as text and JSON', () => {
  medallion('run', 'mapreduce', '--data-dir', dir, '--date', '2026-11-23', ...SMALL);
  const text = medallion('status', 'mapreduce', '--data-dir', dir);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /processed \(4 days\):\n {2}2026-11-18 … 2026-11-20 {2}\(3 days\)\n {2}2026-11-23 {2}\(1 day\)/);
  assert.match(text.stdout, /missing between the first and last day processed \(2 days\):\n {2}2026-11-21 … 2026-11-22/);
  const json = JSON.parse(medallion('status', 'mapreduce', '--data-dir', dir, '--json', '--from', '2026-11-17', '--to', '2026-11-23').stdout) as {
    processed: unknown[];
    missing: Array<{ from: string; to: string; days: number }>;
  };
  assert.deepEqual(json.processed, [{ from: '2026-11-18', to: '2026-11-20', days: 3 }, { from: '2026-11-23', to: '2026-11-23', days: 1 }]);
  assert.deepEqual(json.missing, [{ from: '2026-11-17', to: '2026-11-17', days: 1 }, { from: '2026-11-21', to: '2026-11-22', days: 2 }]);
});

test('bad window flags are one-line errors, exit 2, and write nothing', () => {
  const fresh = join(tempDir(), 'never');
  const run = (...args: string[]) => ['run', 'mapreduce', '--data-dir', fresh, ...args, ...SMALL];
  assertRefused(fresh, run('--date', '2026-11-31'), /--date must be a calendar date YYYY-MM-DD, got '2026-11-31'/);
  assertRefused(fresh, run('--date', 'yesterday'), /--date must be a calendar date YYYY-MM-DD, got 'yesterday'/);
  assertRefused(fresh, run('--from', '2026-11-20', '--to', '2026-11-18'), /--from 2026-11-20 is after --to 2026-11-18/);
  assertRefused(fresh, run('--from', '2026-11-20'), /--from needs --to too/);
  assertRefused(fresh, run('--full-refresh', '--date', '2026-11-20'), /--full-refresh rebuilds everything: give it --from\/--to .*not --date/);
  assertRefused(fresh, run('--date', '2026-11-20', '--from', '2026-11-18', '--to', '2026-11-20'), /--date cannot be used with --from\/--to/);
  assertRefused(fresh, run('--full-refresh'), /--full-refresh: no day is processed in .* yet; give the days with --from\/--to/);
  assertRefused(fresh, run('--date', '2026-11-20', '--select', 'gold.word_count'), /--select cannot be used with --date/);
  assertRefused(fresh, ['run', 'mapreduce', '--data-dir', 's3a://bucket/events', '--date', '2026-11-20', ...SMALL], /runs by day keep the days they do not rebuild as links .* cannot hold; use a local/);
  assertRefused(fresh, ['status', 'mapreduce', '--data-dir', fresh, '--from', '2026-11-20', '--to', '2026-11-01'], /--from 2026-11-20 is after --to 2026-11-01/);
});

test('--date on a data dir built without days asks for a full refresh first, and changes nothing', () => {
  const plain = join(tempDir(), 'plain');
  assert.equal(medallion('run', 'mapreduce', '--data-dir', plain, ...SMALL).code, 0);
  assertRefused(plain, ['run', 'mapreduce', '--data-dir', plain, '--date', '2026-11-20', ...SMALL], /bronze\.raw_events in .* was built by a run without --date; rebuild it once by days with --full-refresh --from <day> --to <day>/);
});

test('a run without days after runs by day rebuilds whole: no day counts as processed, and --date asks for a full refresh', () => {
  const mixed = join(tempDir(), 'mixed');
  assert.equal(medallion('run', 'mapreduce', '--data-dir', mixed, '--date', '2026-11-20', ...SMALL).code, 0);
  // Bronze has no day column without days: its columns change, which a run publishes only when told to.
  const plain = medallion('run', 'mapreduce', '--data-dir', mixed, ...SMALL);
  assert.equal(plain.code, 1);
  assert.match(plain.stderr + plain.stdout, /bronze\.raw_events: columns differ from the current version/);
  assert.equal(medallion('run', 'mapreduce', '--data-dir', mixed, ...SMALL, '--allow-schema-change').code, 0);
  assert.match(medallion('status', 'mapreduce', '--data-dir', mixed).stdout, /processed \(0 days\):\n {2}none yet/);
  assertRefused(mixed, ['run', 'mapreduce', '--data-dir', mixed, '--date', '2026-11-21', ...SMALL], /was built by a run without --date; rebuild it once by days with --full-refresh/);
  const refreshed = medallion('run', 'mapreduce', '--data-dir', mixed, '--full-refresh', '--from', '2026-11-20', '--to', '2026-11-21', ...SMALL, '--allow-schema-change');
  assert.equal(refreshed.code, 0, refreshed.stderr);
  assert.equal(medallion('run', 'mapreduce', '--data-dir', mixed, '--date', '2026-11-22', ...SMALL).code, 0);
  assert.match(medallion('status', 'mapreduce', '--data-dir', mixed).stdout, /2026-11-20 … 2026-11-22 {2}\(3 days\)/);
});
