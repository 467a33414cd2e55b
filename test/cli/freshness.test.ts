import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const medallion = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, output: r.stdout + r.stderr };
};
const SMALL = ['--events', '1400', '--users', '100', '--event-products', '20', '--seed', '3', '--as-of', '2026-11-25'];

interface Manifest {
  readonly startedAt: string;
  readonly datasets: ReadonlyArray<{ name: string; expectations: ReadonlyArray<{ name: string; status: string; observed?: string }> }>;
}
const freshnessOf = (dataDir: string) =>
  readdirSync(join(dataDir, '_runs'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dataDir, '_runs', f), 'utf8')) as Manifest)
    .map((m) => m.datasets.find((d) => d.name === 'silver.cleaned_events')!.expectations.find((e) => e.name === 'freshness(timestamp)')!);

test('a backfill of past days is fresh for its own days: no freshness warning, and the threshold is the one of the day', () => {
  const dir = join(tempDir(), 'events');
  const day = medallion('run', 'mapreduce', '--data-dir', dir, '--date', '2026-11-19', ...SMALL);
  assert.equal(day.code, 0, day.output);
  const backfill = medallion('run', 'mapreduce', '--data-dir', dir, '--from', '2026-11-10', '--to', '2026-11-12', ...SMALL);
  assert.equal(backfill.code, 0, backfill.output);
  assert.doesNotMatch(day.output + backfill.output, /freshness\(timestamp\) \[warn\]/);
  const [first, second] = freshnessOf(dir);
  assert.equal(first!.status, 'pass');
  assert.match(first!.observed!, /^2026-11-19 \d\d:\d\d:\d\d \(threshold 2026-11-19 00:00:00 UTC: 24 h before the end of 2026-11-19\)$/);
  assert.equal(second!.status, 'pass');
  // Checked on the days the run rebuilt.
  assert.match(second!.observed!, /^2026-11-12 \d\d:\d\d:\d\d \(threshold 2026-11-12 00:00:00 UTC: 24 h before the end of 2026-11-12\)$/);
});

test('a plain run whose newest event is older than as-of allows warns, naming the threshold it compared with', () => {
  const dir = tempDir();
  const file = join(dir, 'old.jsonl');
  const event = (i: number) => JSON.stringify({ timestamp: `2026-03-0${1 + (i % 5)}T10:00:00Z`, user_id: (i % 50) + 1, event: 'view', device: 'mobile', location: 'US', page: 'home', duration_seconds: 5 });
  writeFileSync(file, Array.from({ length: 40 }, (_, i) => event(i)).join('\n') + '\n');
  const run = medallion('run', 'mapreduce', '--input', file, '--data-dir', join(dir, 'out'), '--users', '300', '--event-products', '20', '--as-of', '2026-03-11');
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /Expectation freshness\(timestamp\) \[warn\]: 1 of 1 failed .*; observed 2026-03-05 10:00:00 \(threshold 2026-03-10 00:00:00 UTC: 24 h before as-of 2026-03-11\)/);
});
