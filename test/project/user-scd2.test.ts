import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { sql, tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const README = readFileSync(fileURLToPath(new URL('../../../docs/guides/running-every-day.md', import.meta.url)), 'utf8');

function medallion(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("the scd2() pipeline of Running every day keeps the history of a user's nightly snapshots", async () => {
  const accounts = /```ts\n(\/\/ pipelines\/accounts\.ts\n[\s\S]*?)```/.exec(README)?.[1];
  assert.ok(accounts, 'Running every day shows pipelines/accounts.ts');
  const dir = tempDir();
  mkdirSync(join(dir, 'pipelines'));
  writeFileSync(join(dir, 'pipelines', 'accounts.ts'), accounts);
  writeFileSync(join(dir, 'medallion.config.ts'), "import { defineConfig } from 'medallion';\nimport accounts from './pipelines/accounts.ts';\nexport default defineConfig({ pipelines: [accounts] });\n");
  const nights = [
    ['2026-05-01', 'account_id,plan,seats\n1,free,1\n2,pro,5\n3,team,20\n'],
    ['2026-05-02', 'account_id,plan,seats\n1,pro,2\n3,team,20\n4,free,1\n'],
  ] as const;
  for (const [day, csv] of nights) {
    writeFileSync(join(dir, `${day}.csv`), csv);
    const run = medallion(dir, 'run', 'accounts', '--as-of', day, '--input-accounts', join(dir, `${day}.csv`), '--quiet');
    assert.equal(run.code, 0, run.stderr + run.stdout);
  }
  const data = join(dir, 'data', 'accounts');
  const history = await sql(data, 'SELECT account_id, plan, seats, CAST(valid_from AS VARCHAR) AS f, CAST(valid_to AS VARCHAR) AS t, is_current FROM {silver.account_history} ORDER BY account_id, valid_from');
  assert.deepEqual(history.map((r) => Object.values(r)), [
    [1, 'free', 1, '2026-05-01', '2026-05-02', false],
    [1, 'pro', 2, '2026-05-02', null, true],
    [2, 'pro', 5, '2026-05-01', '2026-05-02', false],
    [3, 'team', 20, '2026-05-01', null, true],
    [4, 'free', 1, '2026-05-02', null, true],
  ]);
  const changes = await sql(data, `SELECT account_id, change_type, changed_columns FROM {silver.account_changes} WHERE change_date = DATE '2026-05-02' ORDER BY account_id`);
  assert.deepEqual(changes.map((r) => Object.values(r)), [[1, 'update', 'plan,seats'], [2, 'delete', 'plan,seats'], [4, 'insert', 'plan,seats']]);
  const seats = await sql(data, 'SELECT plan, CAST(seats AS INTEGER) AS seats FROM {gold.seats_by_plan} ORDER BY plan');
  assert.deepEqual(seats.map((r) => Object.values(r)), [['free', 1], ['pro', 2], ['team', 20]]);
});
