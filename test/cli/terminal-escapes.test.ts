import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';
import { diffLines, diffRows } from '../../src/testing/row-diff.js';

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

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const HOSTILE = '\x1b[2JAnn\x1b]0;pwn\x07';
const medallion = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, COLUMNS: '400' } });
const header = 'customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent\n';

/** bronze.customers built twice from a CSV whose second version puts control sequences in a value. */
function twoVersions() {
  const dir = tempDir();
  const file = join(dir, 'customers.csv');
  const out = join(dir, 'out');
  const build = () => medallion('run', 'data', '--input-customers', file, '--data-dir', out, '--select', 'bronze.customers', '--quiet');
  writeFileSync(file, `${header}1,Ann,Lee,a@b.c,30,Austin,2025-06-01,3,120.5\n2,Bo,Kim,b@b.c,41,Boston,2025-06-02,1,10\n`);
  assert.equal(build().status, 0);
  writeFileSync(file, `${header}1,${HOSTILE},Lee\x1b]52;c;aGk=\x07,a@b.c,30,Austin,2025-06-01,3,120.5\n3,Cy\u009b,Ng,c@b.c,22,Denver,2025-06-03,2,20\n`);
  assert.equal(build().status, 0);
  return out;
}

test('diff prints the control sequences of changed, added and removed values as escapes', () => {
  const out = twoVersions();
  const diff = medallion('diff', 'data', 'bronze/customers', '--data-dir', out);
  assert.equal(diff.status, 0, diff.stderr);
  assert.doesNotMatch(diff.stdout, CONTROL);
  assert.match(diff.stdout, /changed {2}\{ customer_id: 1 \}: .*first_name 'Ann' → '\\u001b\[2JAnn\\u001b\]0;pwn\\u0007'/);
  assert.ok(diff.stdout.includes("last_name 'Lee' → 'Lee\\u001b]52;c;aGk=\\u0007'"), diff.stdout);
  assert.ok(diff.stdout.includes("first_name: 'Cy\\u009b'"), diff.stdout);
});

test('history prints control sequences planted in a data dir\'s version records as escapes', () => {
  const out = twoVersions();
  const versions = join(out, '_versions', 'bronze', 'customers');
  const log = join(versions, '_log.json');
  const entries = JSON.parse(readFileSync(log, 'utf8')) as Array<{ at: string }>;
  entries[0]!.at = `\x1b]0;pwn\x07${entries[0]!.at}`;
  writeFileSync(log, JSON.stringify(entries));
  const id = readdirSync(versions).find((n) => !n.startsWith('_'))!;
  const record = join(versions, id, '_version.json');
  writeFileSync(record, JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), checksum: 'sha256:\x1b[2J\x1b]52;c;aGk=\x07' }));
  const history = medallion('history', 'data', 'bronze/customers', '--data-dir', out);
  assert.equal(history.status, 0, history.stderr);
  assert.doesNotMatch(history.stdout, CONTROL);
  assert.ok(history.stdout.includes('\\u001b]0;pwn\\u0007'), history.stdout);
  assert.ok(history.stdout.includes('sha256:\\u001b[2J\\u001b]52'), history.stdout);
});

test("a dataset test's row diff prints the control sequences of values and column names as escapes", () => {
  const lines = diffLines(
    diffRows([{ id: 1, name: `${HOSTILE}`, 'c\x1b[2J': 'x' }], [{ id: 1, name: 'Ann', 'c\x1b[2J': 'y\x1b]52;c;aGk=\x07' }, { id: 2, name: 'Bo\u009b', 'c\x1b[2J': null }], ['id'], 0),
  ).join('\n');
  assert.doesNotMatch(lines, CONTROL);
  assert.equal(
    lines,
    "unexpected { id: 2, name: 'Bo\\u009b', c\\u001b[2J: null }\n" +
      "changed    { id: 1 }: name '\\u001b[2JAnn\\u001b]0;pwn\\u0007' → 'Ann', c\\u001b[2J 'x' → 'y\\u001b]52;c;aGk=\\u0007'",
  );
});
