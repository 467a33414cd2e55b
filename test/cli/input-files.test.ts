import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { sql, tempDir } from '../helpers.js';

/** The user's files as they reach a run: read once as one snapshot, or refused with one line. */

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const medallion = (args: readonly string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const AS_OF = ['--as-of', '2026-03-11'];

const HEADER = 'customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent';
const customers = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `${from + i},Fn${i},Ln${i},c${i}@x.io,${20 + (i % 50)},Austin,2025-05-01,${i % 9},${100 + i}.5`);
/** Only the customers' bronze: what is under test is how the file is read. */
const runCustomers = (file: string, out: string, env: NodeJS.ProcessEnv = {}) =>
  medallion(['run', 'data', '--input-customers', file, '--data-dir', out, ...AS_OF, '--select', 'bronze.customers', '--quiet'], env);

const event = (fields: Record<string, unknown>) =>
  JSON.stringify({ timestamp: '2026-03-10T09:30:00', user_id: 1, event: 'view', device: 'mobile', location: 'US', ...fields });
const views = (n: number) => Array.from({ length: n }, (_, i) => event({ user_id: (i % 50) + 1, page: 'home', duration_seconds: i % 100 }));
const runEvents = (input: string, out: string) =>
  medallion(['run', 'mapreduce', '--input', input, '--data-dir', out, '--users', '300', '--event-products', '20', ...AS_OF, '--quiet']);

/** Waits for a file to appear: the run's side of a pause point. */
async function appeared(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * Runs the customers' bronze, paused between its counting pass and its writing pass, where
 * `meanwhile` changes the file; returns how the run ended.
 */
async function changedBetweenPasses(file: string, out: string, meanwhile: () => void): Promise<{ code: number | null; output: string }> {
  const pauses = tempDir();
  const child = spawn(process.execPath, [CLI, 'run', 'data', '--input-customers', file, '--data-dir', out, ...AS_OF, '--select', 'bronze.customers', '--quiet'], {
    env: { ...process.env, CI: 'true', MEDALLION_FAULTS: 'build.counted@bronze.customers=pause', MEDALLION_PAUSE_DIR: pauses },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await Promise.race([appeared(join(pauses, 'build.counted.paused')), exited]);
  meanwhile();
  writeFileSync(join(pauses, 'build.counted.resume'), '');
  return { code: await exited, output };
}

/** The datasets a data dir publishes, and its run manifests. */
const published = (out: string) => ({
  bronze: existsSync(join(out, 'bronze')) ? readdirSync(join(out, 'bronze')) : [],
  manifests: existsSync(join(out, '_runs')) ? readdirSync(join(out, '_runs')).map((f) => JSON.parse(readFileSync(join(out, '_runs', f), 'utf8')) as { outcome: string; datasets: Array<{ name: string; rowsIn: number; rows: number }> }) : [],
});

test('a CSV file appended to between the counting and the writing pass fails the run with "input changed while being read" and publishes nothing', async () => {
  const dir = tempDir();
  const file = join(dir, 'c.csv');
  writeFileSync(file, [HEADER, ...customers(1, 1000)].join('\n') + '\n');
  const out = join(dir, 'out');
  const before = readFileSync(file).length;
  const run = await changedBetweenPasses(file, out, () => appendFileSync(file, customers(1001, 500).join('\n') + '\n'));
  assert.equal(run.code, 1, run.output);
  const after = readFileSync(file).length;
  assert.match(
    run.output,
    new RegExp(`--input-customers: input changed while being read: '${file}' \\(it was ${before.toLocaleString('en-US')} bytes and is ${after.toLocaleString('en-US')} now\\); nothing was published`),
  );
  assert.doesNotMatch(run.output, /\n\s+at /);
  const { bronze, manifests } = published(out);
  assert.deepEqual(bronze, []);
  assert.deepEqual(manifests.map((m) => m.outcome), ['failed']);
});

test('a CSV file replaced by another (a rotated log) between passes fails the run the same way', async () => {
  const dir = tempDir();
  const file = join(dir, 'c.csv');
  writeFileSync(file, [HEADER, ...customers(1, 1000)].join('\n') + '\n');
  const rotated = join(dir, 'next.csv');
  // The same size, so that only the inode tells.
  writeFileSync(rotated, [HEADER, ...customers(1, 1000)].join('\n').replaceAll('Austin', 'Dallas') + '\n');
  const out = join(dir, 'out');
  const run = await changedBetweenPasses(file, out, () => renameSync(rotated, file));
  assert.equal(run.code, 1, run.output);
  assert.match(run.output, /input changed while being read: '.*c\.csv' \(it was replaced by another file\); nothing was published/);
  assert.deepEqual(published(out).bronze, []);
});

test('a run paused between its passes over an unchanged file publishes every row, and rowsIn = rows', async () => {
  const dir = tempDir();
  const file = join(dir, 'c.csv');
  writeFileSync(file, [HEADER, ...customers(1, 1000)].join('\n') + '\n');
  const out = join(dir, 'out');
  const run = await changedBetweenPasses(file, out, () => undefined);
  assert.equal(run.code, 0, run.output);
  const [manifest] = published(out).manifests;
  const bronze = manifest!.datasets.find((d) => d.name === 'bronze.customers')!;
  assert.deepEqual([bronze.rowsIn, bronze.rows], [1000, 1000]);
});

test('a dangling or looping symbolic link in an --input directory is refused with one line naming it (exit 2), nothing written', () => {
  const dir = tempDir();
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'a.jsonl'), views(40).join('\n') + '\n');
  symlinkSync(join(dir, 'moved-away.jsonl'), join(input, 'b.jsonl'));
  const dangling = runEvents(input, join(dir, 'out'));
  assert.equal(dangling.code, 2, dangling.stdout + dangling.stderr);
  assert.equal(
    dangling.stderr,
    `medallion: --input: '${join(input, 'b.jsonl')}' is a symbolic link to '${join(dir, 'moved-away.jsonl')}', which does not exist; restore that file or remove the link\n`,
  );
  assert.equal(existsSync(join(dir, 'out')), false);

  const loop = join(dir, 'loop');
  mkdirSync(loop);
  writeFileSync(join(loop, 'a.jsonl'), views(40).join('\n') + '\n');
  symlinkSync('c.jsonl', join(loop, 'b.jsonl'));
  symlinkSync('b.jsonl', join(loop, 'c.jsonl'));
  const looping = runEvents(loop, join(dir, 'out'));
  assert.equal(looping.code, 2, looping.stdout + looping.stderr);
  assert.match(looping.stderr, /^medallion: --input: '.*loop\/b\.jsonl' is a symbolic link that loops \(to 'c\.jsonl', which leads back to it\); point it at a file or remove it\n$/);
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('a glob over a directory with a dangling link is refused like the directory itself, in --input-customers DIR/ and DIR/*.csv alike', () => {
  const dir = tempDir();
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'a.csv'), [HEADER, ...customers(1, 10)].join('\n') + '\n');
  symlinkSync(join(dir, 'gone.csv'), join(input, 'b.csv'));
  const refusal = `medallion: --input-customers: '${join(input, 'b.csv')}' is a symbolic link to '${join(dir, 'gone.csv')}', which does not exist; restore that file or remove the link\n`;
  for (const given of [`${input}/`, join(input, '*.csv')]) {
    const run = runCustomers(given, join(dir, 'out'));
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.equal(run.stderr, refusal, given);
    assert.equal(existsSync(join(dir, 'out')), false);
  }
  // A pattern that does not match the link's name does not see it.
  assert.equal(runCustomers(join(input, 'a*.csv'), join(dir, 'out')).code, 0);
});

test('a ** glob refuses a dangling or looping link in a folder below, as one in its base folder', () => {
  const dir = tempDir();
  const input = join(dir, 'in');
  mkdirSync(join(input, 'day-1'), { recursive: true });
  mkdirSync(join(input, 'day-2'));
  writeFileSync(join(input, 'day-1', 'a.csv'), [HEADER, ...customers(1, 10)].join('\n') + '\n');
  symlinkSync(join(dir, 'gone.csv'), join(input, 'day-2', 'b.csv'));
  const given = join(input, '**', '*.csv');
  const dangling = runCustomers(given, join(dir, 'out'));
  assert.equal(dangling.code, 2, dangling.stdout + dangling.stderr);
  assert.equal(dangling.stderr, `medallion: --input-customers: '${join(input, 'day-2', 'b.csv')}' is a symbolic link to '${join(dir, 'gone.csv')}', which does not exist; restore that file or remove the link\n`);
  assert.equal(existsSync(join(dir, 'out')), false);
  rmSync(join(input, 'day-2', 'b.csv'));
  symlinkSync('c.csv', join(input, 'day-2', 'c.csv'));
  const looping = runCustomers(given, join(dir, 'out'));
  assert.equal(looping.code, 2, looping.stdout + looping.stderr);
  assert.match(looping.stderr, /^medallion: --input-customers: '.*\/day-2\/c\.csv' is a symbolic link that loops/);
  // With the link gone, the pattern's one file is read.
  rmSync(join(input, 'day-2', 'c.csv'));
  assert.equal(runCustomers(given, join(dir, 'out')).code, 0);
});

test('a --date the input holds no rows of fails in one line naming the day, nothing published', () => {
  const dir = tempDir();
  const file = join(dir, 'march.jsonl');
  writeFileSync(file, views(40).join('\n') + '\n');
  const out = join(dir, 'out');
  const run = medallion(['run', 'mapreduce', '--input', file, '--data-dir', out, '--users', '300', '--event-products', '20', '--date', '1999-01-01']);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout + run.stderr, /ERROR - Pipeline failed with error: silver\.cleaned_events: no rows for 1999-01-01 \(--date\) and none kept from other days: the input holds no rows of that day that reach this dataset; nothing was published\n/);
  assert.doesNotMatch(run.stdout + run.stderr, /No files found|IO Error|\n\s+at /);
  assert.equal(existsSync(join(out, 'silver')), false);
  assert.equal(existsSync(join(out, 'gold')), false);
});

test('a symbolic link to a file in an --input directory is read like the file', async () => {
  const dir = tempDir();
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(dir, 'elsewhere.jsonl'), views(40).join('\n') + '\n');
  writeFileSync(join(input, 'a.jsonl'), views(30).join('\n') + '\n');
  symlinkSync(join(dir, 'elsewhere.jsonl'), join(input, 'b.jsonl'));
  const out = join(dir, 'out');
  const run = runEvents(input, out);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal((await sql(out, 'SELECT count(*) AS n FROM {bronze.raw_events}'))[0]!['n'], 70);
});

test('a FIFO given as an input is refused as not a regular file, not as empty (exit 2)', () => {
  const dir = tempDir();
  const fifo = join(dir, 'events.jsonl');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const run = runEvents(fifo, join(dir, 'out'));
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(
    run.stderr,
    `medallion: --input: '${fifo}' is not a regular file but a pipe (such as <(zcat …) or a FIFO), which can be read only once; save it to a file and give that (a .gz file is read as it is)\n`,
  );
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('a process substitution <(zcat …) as --input-customers is refused as a pipe, in one line', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'c.csv.gz'), gzipSync([HEADER, ...customers(1, 10)].join('\n') + '\n'));
  const run = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" run data --input-customers <(zcat "${join(dir, 'c.csv.gz')}") --data-dir "${join(dir, 'out')}"`], { encoding: 'utf8' });
  assert.equal(run.status, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /^medallion: --input-customers: '\/dev\/fd\/\d+' is not a regular file but a pipe/);
  assert.equal(run.stderr.split('\n').filter(Boolean).length, 1);
});

test('a CSV whose lines all end in a comma (an empty last header field) is read, the empty column ignored', async () => {
  const dir = tempDir();
  const file = join(dir, 'c.csv');
  writeFileSync(file, [`${HEADER},`, ...customers(1, 40).map((l) => `${l},`)].join('\r\n') + '\r\n');
  const out = join(dir, 'out');
  const run = runCustomers(file, out);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(await sql(out, 'SELECT count(*) AS n, sum(customer_id) AS ids, sum(total_spent) AS spent FROM {bronze.customers}'), [{ n: 40, ids: 820, spent: 40 * 100.5 + 780 }]);
  assert.deepEqual(
    (await sql(out, 'DESCRIBE SELECT * FROM {bronze.customers}')).map((r) => r['column_name']),
    ['customer_id', 'first_name', 'last_name', 'email', 'age', 'city', 'signup_date', 'total_orders', 'total_spent'],
  );
});

test('a repeated extra column is ignored; a quoted header name holding a comma or "" escapes is one column', async () => {
  const dir = tempDir();
  const file = join(dir, 'c.csv');
  const header = `"customer_id",first_name,last_name,email,age,city,"home ""area""",signup_date,total_orders,total_spent,notes,Notes,"city, state"`;
  writeFileSync(file, [header, ...customers(1, 40).map((l) => `${l.replace(',Austin,', ',Austin,"the ""north""",')},n1,n2,"Austin, TX"`)].join('\n') + '\n');
  const out = join(dir, 'out');
  const run = runCustomers(file, out);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, /record_fits_header/);
  assert.deepEqual(await sql(out, 'SELECT count(*) AS n, min(city) AS city, max(signup_date) AS day FROM {bronze.customers}'), [{ n: 40, city: 'Austin', day: '2025-05-01' }]);
});

test('a contract column named twice in a CSV header is refused with one line naming the file and the column (exit 2)', () => {
  const dir = tempDir();
  const file = join(dir, 'c.csv');
  writeFileSync(file, [`${HEADER},AGE`, ...customers(1, 10).map((l) => `${l},31`)].join('\n') + '\n');
  const run = runCustomers(file, join(dir, 'out'));
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(run.stderr, `medallion: --input-customers: '${file}' names column age twice in its header (fields 5 and 10); rename or remove one\n`);
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('a CSV with lone CR line ends is read; a refusal of a file without line ends quotes only an excerpt', async () => {
  const dir = tempDir();
  const file = join(dir, 'mac.csv');
  writeFileSync(file, [HEADER, ...customers(1, 2000)].join('\r') + '\r');
  const out = join(dir, 'out');
  const run = runCustomers(file, out);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal((await sql(out, 'SELECT count(*) AS n FROM {bronze.customers}'))[0]!['n'], 2000);

  // A header that lacks a contract column, in a file of 2,000 lines separated by tabs only.
  const flat = join(dir, 'flat.csv');
  writeFileSync(flat, [HEADER.replace('total_spent', 'spent'), ...customers(1, 2000)].join('\t'));
  const refused = runCustomers(flat, join(dir, 'out2'));
  assert.equal(refused.code, 2, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /^medallion: --input-customers: '.*flat\.csv' lacks column total_spent \(its header: customer_id, first_name, .*… \([\d,]+ more characters\)\)\n$/);
  assert.ok(refused.stderr.length < 400, `${refused.stderr.length} characters`);
});

test('a JSON-lines file with a line over 128 MiB is refused before the run with one line (exit 2)', () => {
  const dir = tempDir();
  const file = join(dir, 'big.jsonl');
  const huge = event({ event: 'search', query: 'y'.repeat(129 * 1024 * 1024) });
  writeFileSync(file, [...views(40), huge, ...views(5)].join('\n') + '\n');
  const run = runEvents(file, join(dir, 'out'));
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(
    run.stderr,
    `medallion: --input: '${file}' has a line longer than 134,217,728 bytes (128 MiB), line 41, the longest a run reads; split it into lines (a line over 64 MiB is kept as a parse error, one over 128 MiB cannot be read)\n`,
  );
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('a gzip file that inflates to a 1 GB line is refused the same way, after inflating only the first 128 MiB', () => {
  const dir = tempDir();
  const file = join(dir, 'bomb.jsonl.gz');
  // Sixteen gzip members of 64 MiB of one character each: one stream of 1 GiB without a line end.
  const member = gzipSync(Buffer.alloc(64 * 1024 * 1024, 'x'));
  writeFileSync(file, Buffer.concat(Array.from({ length: 16 }, () => member)));
  const run = medallion(['run', 'mapreduce', '--input', file, '--data-dir', join(dir, 'out'), '--quiet'], {});
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /^medallion: --input: '.*bomb\.jsonl\.gz' has a line longer than 134,217,728 bytes \(128 MiB\), line 1, the longest a run reads/);
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('events stamped with Z or an offset are valid, and silver holds their instant in UTC; a zone name is still a schema error', async () => {
  const dir = tempDir();
  const file = join(dir, 'e.jsonl');
  const stamped = [
    event({ user_id: 201, timestamp: '2026-03-10T09:30:00Z' }),
    event({ user_id: 202, timestamp: '2026-03-10T11:30:00+02:00' }),
    event({ user_id: 203, timestamp: '2026-03-10T04:00:00.25-0530' }),
    event({ user_id: 204, timestamp: '2026-03-10T09:30:00 Europe/Oslo' }),
  ];
  writeFileSync(file, [...views(60), ...stamped].join('\n') + '\n');
  const out = join(dir, 'out');
  const run = runEvents(file, out);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(
    await sql(out, "SELECT user_id, strftime(timestamp, '%Y-%m-%d %H:%M:%S.%g') AS utc, event_hour FROM {silver.cleaned_events} WHERE user_id > 200 ORDER BY user_id"),
    [
      { user_id: 201, utc: '2026-03-10 09:30:00.000', event_hour: 9 },
      { user_id: 202, utc: '2026-03-10 09:30:00.000', event_hour: 9 },
      { user_id: 203, utc: '2026-03-10 09:30:00.250', event_hour: 9 },
    ],
  );
  assert.deepEqual(await sql(out, "SELECT _error_message FROM {bronze.raw_events} WHERE _status <> 'valid'"), [
    { _error_message: "timestamp is not ISO-8601: '2026-03-10T09:30:00 Europe/Oslo'" },
  ]);
});
