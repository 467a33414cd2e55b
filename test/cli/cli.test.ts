import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const COMMON = ['--seed', '3', '--as-of', '2026-01-10'];
const DATA_SMALL = ['--customers', '300', '--transactions', '1200', '--products', '30', ...COMMON];
const EVENTS_SMALL = ['--events', '2000', '--users', '100', '--event-products', '20', ...COMMON];
const SMALL = ['--customers', '300', '--transactions', '1200', '--products', '30', '--events', '2000', '--users', '100', '--event-products', '20', ...COMMON];

function medallion(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const root = tempDir();
let both: ReturnType<typeof medallion>;
before(() => {
  both = medallion('run', 'both', '--data-dir', root, ...SMALL);
});

test('run both builds data then mapreduce under <dir>/data and <dir>/mapreduce', () => {
  assert.equal(both.code, 0, both.stderr);
  for (const pipeline of ['data', 'mapreduce']) {
    assert.ok(existsSync(join(root, pipeline, 'gold')), pipeline);
    assert.equal(readdirSync(join(root, pipeline, '_runs')).length, 1);
  }
  const dataStart = both.stdout.indexOf('STARTING DATA PIPELINE EXECUTION');
  const eventStart = both.stdout.indexOf('STARTING MAPREDUCE PIPELINE EXECUTION');
  assert.ok(dataStart >= 0 && eventStart > dataStart);
  assert.match(both.stdout, / OK +bronze\.customers \.+ 300 rows /);
  assert.match(both.stdout, / OK +bronze\.raw_events \.+ 2,000 rows .*MapReduce pattern \(map: parse\)/);
});

test('show prints the first rows and the row count', () => {
  const out = medallion('show', 'data', 'gold/payment_analytics', '--data-dir', join(root, 'data'), '--limit', '2');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /payment_method.*usage_count.*total_amount.*avg_amount/);
  assert.equal(out.stdout.split('\n').filter((l) => /(credit|debit)_card|paypal|cash|apple_pay|google_pay/.test(l)).length, 2);
  assert.match(out.stdout, /^2 of 6 rows$/m);
});

test('explain prints the SQL, the MapReduce sides and the physical plan', () => {
  const out = medallion('explain', 'mapreduce', 'gold/word_count', '--data-dir', join(root, 'mapreduce'), ...EVENTS_SMALL);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /-- MapReduce pattern: word count/);
  assert.match(out.stdout, /unnest\(string_split\(lower\(query\), ' '\)\)/);
  assert.match(out.stdout, /HASH_GROUP_BY/);
});

test('--log-format json writes one JSON object per line', () => {
  const dir = tempDir();
  const out = medallion('run', 'data', '--data-dir', dir, ...DATA_SMALL, '--log-format', 'json');
  assert.equal(out.code, 0, out.stderr);
  const events = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.ok(events.length > 20);
  assert.ok(events.every((e) => typeof e['time'] === 'string' && e['level'] === 'INFO' && typeof e['message'] === 'string'));
  const saved = events.find((e) => e['dataset'] === 'silver.transactions_clean' && typeof e['rows'] === 'number');
  assert.ok(saved && saved['path'] === join(dir, 'silver', 'transactions_clean'));
});

test('--quiet prints nothing on success', () => {
  const out = medallion('run', 'data', '--data-dir', tempDir(), ...DATA_SMALL, '--quiet');
  assert.equal(out.code, 0);
  assert.equal(out.stdout, '');
});

test('--select builds only the selection and reads the rest from disk', () => {
  const dir = join(root, 'data');
  const before = readdirSync(join(dir, '_runs')).length;
  const out = medallion('run', 'data', '--data-dir', dir, ...DATA_SMALL, '--select', '+gold.category_analytics');
  assert.equal(out.code, 0, out.stderr);
  const built = [...out.stdout.matchAll(/ of 7 (?:OK|WARN) +(\S+) \./g)].map((m) => m[1]);
  assert.deepEqual(built.sort(), ['bronze.customers', 'bronze.transactions', 'gold.category_analytics', 'silver.customers_changes', 'silver.customers_enriched', 'silver.customers_history', 'silver.transactions_clean']);
  assert.equal(readdirSync(join(dir, '_runs')).length, before + 1);
});

for (const [label, args, message] of [
  ['an unknown pipeline', ['run', 'datas'], /^medallion: unknown pipeline 'datas': did you mean 'data'\?\n$/],
  ['a pipeline name from nowhere', ['run', 'sales'], /^medallion: unknown pipeline 'sales': expected data, mapreduce, performance, both, all\n$/],
  ['a negative size', ['run', 'data', '--customers', '-5'], /^medallion: --customers must be a whole number from 1 to \d+, got '-5'\n$/],
  ['a zero size', ['run', 'mapreduce', '--events', '0'], /^medallion: --events must be a whole number from 1 to \d+, got '0'\n$/],
  ['a fractional size', ['run', 'data', '--transactions', '2.5'], /^medallion: --transactions must be a whole number .* got '2.5'\n$/],
  ['a non-numeric size', ['run', 'both', '--event-products', 'many'], /^medallion: --event-products must be a whole number .* got 'many'\n$/],
  ['a zero scale', ['run', 'both', '--scale', '0'], /^medallion: --scale must be a positive number, got '0'\n$/],
  ['a non-numeric scale', ['run', 'both', '--scale', 'ten'], /^medallion: --scale must be a positive number, got 'ten'\n$/],
  ['an invalid date', ['run', 'data', '--as-of', '2026-13-01'], /^medallion: --as-of must be a calendar date YYYY-MM-DD from 1970-01-01 to 9999-12-31, got '2026-13-01'\n$/],
  ['a bad seed', ['run', 'data', '--seed', '-1'], /^medallion: --seed must be a whole number from 0 to \d+, got '-1'\n$/],
  ['a bad log format', ['run', 'data', '--log-format', 'xml'], /^medallion: --log-format must be text or json, got 'xml'\n$/],
  ['an unknown selector', ['run', 'data', '--select', 'gold.nope'], /^medallion: --select: unknown dataset 'gold.nope'/],
  ['a webhook that is not a URL', ['run', 'data', '--alert-webhook', 'hooks.example.com/x'], /^medallion: --alert-webhook is not a valid URL\n$/],
  ['an unknown engine', ['run', 'data', '--engine', 'flink'], /^medallion: --engine must be duckdb or spark, got 'flink'\n$/],
  ['an unknown dataset to show', ['show', 'data', 'gold/nope'], /^medallion: unknown dataset 'gold\/nope' in pipeline data: expected one of bronze\/customers, /],
  ['a misspelt dataset to show', ['show', 'data', 'gold/customer_analytic'], /^medallion: unknown dataset 'gold\/customer_analytic' in pipeline data: did you mean 'gold\/customer_analytics'\?\n$/],
  ['a misspelt selector', ['run', 'data', '--select', 'silver.transaction_clean+'], /^medallion: --select: unknown dataset 'silver\.transaction_clean' \(did you mean 'silver\.transactions_clean'\?\)\n$/],
] as const) {
  test(`${label} is refused with exit 2, one line, and nothing written`, () => {
    const dir = join(tempDir(), 'never-created');
    const out = medallion(...args, '--data-dir', dir);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, message);
    assert.equal(out.stdout, '');
    assert.equal(existsSync(dir), false);
  });
}

test('a data dir that cannot be written is refused before anything runs', () => {
  const file = join(tempDir(), 'a-file');
  writeFileSync(file, 'not a directory');
  const out = medallion('run', 'data', '--data-dir', join(file, 'data'), ...DATA_SMALL);
  assert.equal(out.code, 2);
  assert.equal(out.stderr, `medallion: --data-dir '${join(file, 'data')}' cannot be written: '${file}' is not a directory\n`);
  assert.equal(readFileSync(file, 'utf8'), 'not a directory');
});

test('selecting a dataset whose inputs were never built is refused', () => {
  const dir = tempDir();
  const out = medallion('run', 'data', '--data-dir', dir, '--select', 'gold.payment_analytics');
  assert.equal(out.code, 2);
  assert.match(out.stderr, /gold.payment_analytics reads silver.transactions_clean, which is not selected and not built in/);
  assert.deepEqual(readdirSync(dir), []);
});

test('a failing build prints one line with the cause on stderr, keeps the stack in the manifest, and exits 1', () => {
  const dir = tempDir();
  assert.equal(medallion('run', 'data', '--data-dir', dir, ...DATA_SMALL, '--quiet').code, 0);
  const bronze = join(dir, 'bronze', 'transactions', 'part-00000.parquet');
  writeFileSync(bronze, readFileSync(bronze).subarray(0, 100));
  const out = medallion('run', 'data', '--data-dir', dir, ...DATA_SMALL, '--select', 'silver.transactions_clean+');
  assert.equal(out.code, 1);
  // The log (stdout) has no errors and no stack; stderr has the cause in exactly one line.
  assert.doesNotMatch(out.stdout, /ERROR|\n\s+at /);
  const errors = out.stderr.trim().split('\n');
  assert.equal(errors.length, 1, out.stderr);
  assert.match(errors[0]!, /- ERROR - Pipeline failed with error: silver.transactions_clean: .*part-00000.parquet/);
  // The log names its manifest: two runs in the same second do not sort by start time.
  const manifestPath = /Run manifest: (\S+)/.exec(out.stdout)![1]!;
  const last = JSON.parse(readFileSync(manifestPath, 'utf8')) as { outcome: string; error: { stack?: string }; datasets: Array<{ name: string; status: string }> };
  assert.equal(last.outcome, 'failed');
  assert.deepEqual(last.datasets.map((d) => [d.name, d.status]), [['silver.transactions_clean', 'failed']]);
  const verbose = medallion('run', 'data', '--data-dir', dir, ...DATA_SMALL, '--select', 'silver.transactions_clean+', '--verbose');
  assert.equal(verbose.code, 1);
  assert.match(verbose.stderr, /Pipeline failed with error: silver.transactions_clean: .*\n(.*\n)*\s+at .+\n/);
});

test('--engine spark without a server is refused with a hint, and nothing is written', () => {
  const dir = join(tempDir(), 'never-created');
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  delete env['SPARK_REMOTE'];
  const none = spawnSync(process.execPath, [CLI, 'run', 'data', '--engine', 'spark', '--data-dir', dir], { encoding: 'utf8', env });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^medallion: no Spark Connect server given: pass --remote sc:\/\/host:15002 or set SPARK_REMOTE/);
  const refused = spawnSync(process.execPath, [CLI, 'run', 'data', '--engine', 'spark', '--remote', 'sc://127.0.0.1:1/;token=SECRETTOKEN', '--data-dir', dir], { encoding: 'utf8', env });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /Cannot reach the Spark Connect server at sc:\/\/127\.0\.0\.1:1 .*connection refused/);
  assert.ok(!(refused.stdout + refused.stderr).includes('SECRETTOKEN'));
  assert.equal(existsSync(dir), false);
});

test('run both --parallel overlaps the pipelines yet logs data first, then mapreduce', () => {
  const dir = tempDir();
  const out = medallion('run', 'both', '--parallel', '--data-dir', dir, ...SMALL);
  assert.equal(out.code, 0, out.stderr);
  const lines = out.stdout.split('\n');
  const at = (text: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(text));
  const dataDone = at('PIPELINE EXECUTION COMPLETED SUCCESSFULLY');
  assert.ok(at('STARTING DATA PIPELINE EXECUTION') < dataDone);
  assert.ok(dataDone < at('STARTING MAPREDUCE PIPELINE EXECUTION'));
  assert.ok(at('PIPELINE EXECUTION COMPLETED SUCCESSFULLY', dataDone + 1) > at('STARTING MAPREDUCE PIPELINE EXECUTION'));
  assert.equal(readdirSync(join(dir, 'mapreduce', '_runs')).length, 1);
});
