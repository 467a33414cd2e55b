import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';

/**
 * A Spark Connect remote that carries a secret where none belongs (credentials before the host, a
 * token after host:port with its ';' missing) is refused before anything connects, in one line
 * that never shows the secret: not on stderr, not in the JSON log, not in the data dir.
 */
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SECRET = 'S3CRETPW';

function medallion(args: readonly string[], env: Record<string, string> = {}) {
  const { SPARK_REMOTE: _remote, ...rest } = process.env;
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...rest, CI: 'true', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const REMOTES: ReadonlyArray<readonly [string, RegExp]> = [
  [`sc://bob:${SECRET}@127.0.0.1:15002`, /^medallion: --remote 'sc:\/\/\*\*\*@127\.0\.0\.1:15002': must not carry credentials before the host; pass token=… as a parameter; expected sc:\/\/host/],
  [`sc://127.0.0.1:15002/token=${SECRET}`, /^medallion: --remote 'sc:\/\/127\.0\.0\.1:15002\/\*\*\*': has something after host:port other than '\/' \(not shown: it may hold a secret\); parameters follow '\/;'/],
  [`sc://bob:${SECRET}@127.0.0.1:15002/;token=${SECRET};use_ssl=true`, /^medallion: --remote 'sc:\/\/\*\*\*@127\.0\.0\.1:15002\/;token=\*\*\*;use_ssl=true': must not carry credentials/],
];

for (const [remote, message] of REMOTES) {
  test(`--remote ${remote.replace(SECRET, '…')}: refused in one line without the secret, by every command that connects`, () => {
    const dataDir = tempDir();
    for (const args of [
      ['run', 'data', '--engine', 'spark', '--remote', remote, '--data-dir', dataDir, '--customers', '10'],
      ['check', 'data', '--engine', 'spark', '--remote', remote],
      ['explain', 'data', 'gold/category_analytics', '--engine', 'spark', '--remote', remote, '--data-dir', dataDir],
    ]) {
      const out = medallion(args);
      assert.equal(out.code, 2, `${args[0]}: ${out.stderr}`);
      assert.match(out.stderr, message, args[0]);
      assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr);
      assert.ok(!`${out.stdout}${out.stderr}`.includes(SECRET), `${args[0]} printed the secret: ${out.stderr}`);
    }
    const json = medallion(['run', 'data', '--engine', 'spark', '--remote', remote, '--data-dir', dataDir, '--log-format', 'json']);
    assert.equal(json.code, 2);
    assert.ok(!`${json.stdout}${json.stderr}`.includes(SECRET), json.stderr);
    // The same from SPARK_REMOTE, named as such.
    const fromEnv = medallion(['run', 'data', '--engine', 'spark', '--data-dir', dataDir], { SPARK_REMOTE: remote });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.stderr, /^medallion: SPARK_REMOTE 'sc:\/\//);
    assert.ok(!fromEnv.stderr.includes(SECRET), fromEnv.stderr);
    // Nothing was written that could hold it.
    assert.ok(!spawnSync('grep', ['-r', SECRET, dataDir]).stdout.length);
  });
}
