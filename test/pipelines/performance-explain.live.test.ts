import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SMALL = ['--sessions', '400', '--session-users', '80', '--as-of', '2026-05-04'];
const dir = tempDir();
const LIVE_SPARK = Boolean(process.env['SPARK_REMOTE']);

function medallion(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  if (!LIVE_SPARK) return;
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

test(
  "explain shows Spark's Window operators of silver and the broadcast join of the device dimension",
  LIVE_SPARK ? {} : { skip: 'live Spark test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start prints it)' },
  () => {
    const text = plan('spark');
    assert.match(text, /Window \[.*lag\(ts/);
    assert.match(text, /Window \[.*dense_rank\(/);
    assert.match(text, /Window \[.*row_number\(\)/);
    assert.match(text, /BroadcastHashJoin .*LeftOuter, BuildRight/);
    assert.match(text, /BroadcastExchange/);
  },
);
