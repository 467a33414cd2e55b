import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

test('show prints control sequences of the data as escapes: no ESC, BEL or C1 code reaches the terminal', () => {
  const dir = tempDir();
  const file = join(dir, 'customers.csv');
  writeFileSync(file, 'customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent\n1,\x1b[2JAnn\x1b]0;pwn\x07,Lee\x1b]52;c;aGk=\x07,a@b.c,30,Austin\u009b,2025-06-01,3,120.5\n');
  const run = spawnSync(process.execPath, [CLI, 'run', 'data', '--input-customers', file, '--data-dir', join(dir, 'out'), '--select', 'bronze.customers', '--quiet'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const show = spawnSync(process.execPath, [CLI, 'show', 'data', 'bronze/customers', '--data-dir', join(dir, 'out')], { encoding: 'utf8', env: { ...process.env, COLUMNS: '400' } });
  assert.equal(show.status, 0, show.stderr);
  assert.doesNotMatch(show.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.ok(show.stdout.includes('\\u001b[2JAnn\\u001b]0;pwn\\u0007'), show.stdout);
  assert.ok(show.stdout.includes('Lee\\u001b]52;c;aGk=\\u0007'), show.stdout);
  assert.ok(show.stdout.includes('Austin\\u009b'), show.stdout);
});
