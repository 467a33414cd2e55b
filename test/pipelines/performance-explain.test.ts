import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SMALL = ['--sessions', '400', '--session-users', '80', '--as-of', '2026-05-04'];
const dir = tempDir();

function medallion(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  const run = medallion('run', 'performance', '--data-dir', dir, '--quiet', ...SMALL);
  assert.equal(run.code, 0, run.stderr);
});

/** The physical plan part of `medallion explain`'s output. */
function plan(engine: string): string {
  const out = medallion('explain', 'performance', 'silver/enriched_events', '--data-dir', dir, '--engine', engine, ...SMALL);
  assert.equal(out.code, 0, out.stderr);
  const at = out.stdout.indexOf('-- physical plan');
  assert.ok(at > 0, out.stdout);
  return out.stdout.slice(at);
}

test("explain shows DuckDB's window operators of silver: one per partitioning, with the functions each computes", () => {
  const text = plan('duckdb');
  const windows = text.split('WINDOW').length - 1;
  // Partitioned by session (min, max, row_number), by user in time order (lag, sum, avg), and by user and purchase (dense_rank).
  assert.equal(windows, 3, text);
  assert.match(text, /RANK_DENSE\(\) OVER/);
  assert.match(text, /LAG\(ts\) OVER \(PARTITION BY/);
  assert.match(text, /ROW_NUMBER\(\) OVER/);
  assert.match(text, /HASH_JOIN[\s\S]*Join Type: LEFT/);
});
