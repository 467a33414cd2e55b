import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { reader, sql, tempDir } from '../helpers.js';

/** Real-world files that used to crash a run, lose lines silently, or let wrong values through. */

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const medallion = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const AS_OF = ['--as-of', '2026-03-11'];

const event = (fields: Record<string, unknown>) =>
  JSON.stringify({ timestamp: '2026-03-10T09:30:00', user_id: 1, event: 'view', device: 'mobile', location: 'US', ...fields });
/** Valid view events, enough that a few bad lines stay a small share of the input. */
const views = (n: number) => Array.from({ length: n }, (_, i) => event({ user_id: (i % 50) + 1, page: 'home', duration_seconds: i % 100 }));

/** Small dimensions: the events under test name users 1–300 and PROD_0001. */
const runMapreduce = (file: string, out: string) =>
  medallion('run', 'mapreduce', '--input', file, '--data-dir', out, '--users', '300', '--event-products', '20', ...AS_OF, '--quiet');

/** The run ids of the versions current in a data dir, per dataset: what a reader sees. */
function currentVersions(dataDir: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const layer of ['bronze', 'silver', 'gold']) {
    if (!existsSync(join(dataDir, layer))) continue;
    for (const name of readdirSync(join(dataDir, layer))) versions[`${layer}.${name}`] = readlinkSync(join(dataDir, layer, name));
  }
  return versions;
}

/** Runs a bad input into a dir that holds a good run, and checks it is refused with `message` and changes nothing. */
let goodRun: string | undefined;
function refusedOverGoodRun(file: string, message: RegExp): void {
  if (!goodRun) {
    goodRun = join(tempDir(), 'out');
    const good = join(tempDir(), 'good.jsonl');
    writeFileSync(good, views(40).join('\n') + '\n');
    assert.equal(runMapreduce(good, goodRun).code, 0);
  }
  const out = goodRun;
  const before = currentVersions(out);
  const runs = readdirSync(join(out, '_runs'));
  const run = runMapreduce(file, out);
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, message);
  assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, run.stderr);
  assert.deepEqual(currentVersions(out), before);
  assert.deepEqual(readdirSync(join(out, '_runs')), runs);
  // And into a fresh dir nothing is created at all.
  const fresh = join(tempDir(), 'fresh');
  assert.equal(runMapreduce(file, fresh).code, 2);
  assert.equal(existsSync(fresh), false);
}

test('a gzip file cut in half is refused with one line naming it, and the last good run stays current', () => {
  const lines = views(20_000);
  const whole = gzipSync(lines.join('\n') + '\n');
  const half = join(tempDir(), 'half.jsonl.gz');
  writeFileSync(half, whole.subarray(0, whole.length >> 1));
  refusedOverGoodRun(half, /^medallion: --input: '.*half\.jsonl\.gz' is truncated: its gzip stream ends before the end of the data \(gzip -t fails on it\)\n$/);
});

test('a .jsonl.gz file that is not gzip is refused with one line naming it', () => {
  const fake = join(tempDir(), 'fake.jsonl.gz');
  writeFileSync(fake, views(3).join('\n') + '\n');
  refusedOverGoodRun(fake, /^medallion: --input: '.*fake\.jsonl\.gz' is not gzip-compressed, though its name ends in \.gz; compress it or drop the \.gz\n$/);
});

test('a glob that matches nothing, or a directory without files, is bad input: exit 2 and nothing written', () => {
  const dir = tempDir();
  refusedOverGoodRun(join(dir, 'nothing-*.jsonl'), /^medallion: --input: no files match '.*nothing-\*\.jsonl'\n$/);
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'empty', '.hidden.jsonl'), views(1)[0]!);
  refusedOverGoodRun(join(dir, 'empty'), /^medallion: --input: directory '.*empty' holds no files\n$/);
});

test('JSON lines with CRLF line ends are read, and _raw_data keeps each line without its CR', async () => {
  const dir = tempDir();
  const lines = [...views(30), '', event({ user_id: 'abc' })];
  writeFileSync(join(dir, 'windows.jsonl'), lines.join('\r\n') + '\r\n');
  const out = join(dir, 'out');
  const run = runMapreduce(join(dir, 'windows.jsonl'), out);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const bronze = await sql(out, 'SELECT _raw_data, _status, _error_message FROM {bronze.raw_events}');
  assert.deepEqual(bronze.map((r) => r['_raw_data']).sort(), [...lines].sort());
  assert.equal(bronze.filter((r) => String(r['_raw_data']).includes('\r')).length, 0);
  assert.equal(bronze.filter((r) => r['_status'] === 'valid').length, 30);
  assert.deepEqual(
    bronze.filter((r) => r['_status'] !== 'valid').map((r) => r['_error_message']).sort(),
    ['empty line', "user_id is not an integer: 'abc'"],
  );
  assert.equal((await sql(out, 'SELECT count(*) AS n FROM {silver.cleaned_events}'))[0]!['n'], 30);
});

test('a JSON line of 3 MB is read; a line over the 64 MiB limit is set aside with its length as the reason', async () => {
  const dir = tempDir();
  const long = event({ event: 'search', query: 'x'.repeat(3_000_000) });
  const huge = event({ event: 'search', query: 'y'.repeat(64 * 1024 * 1024) });
  writeFileSync(join(dir, 'long.jsonl'), [...views(40), long, huge].join('\n') + '\n');
  const out = join(dir, 'out');
  const run = runMapreduce(join(dir, 'long.jsonl'), out);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const rows = await sql(out, "SELECT strlen(_raw_data) AS bytes, _status, _error_message FROM {bronze.raw_events} WHERE _raw_data LIKE '%search%' ORDER BY bytes");
  assert.deepEqual(rows, [
    { bytes: 1024, _status: 'parse_error', _error_message: `line of ${Buffer.byteLength(huge)} bytes is over the limit of 67108864 bytes (64 MiB); its first 1024 characters are kept` },
    { bytes: long.length, _status: 'valid', _error_message: null },
  ]);
  assert.equal((await sql(out, "SELECT count(*) AS n FROM {silver.cleaned_events} WHERE event = 'search'"))[0]!['n'], 1);
  const quarantined = await (await reader()).query(
    `SELECT _reason FROM read_parquet('${out}/_quarantine/silver.cleaned_events/*.parquet')`,
  );
  assert.match(String(quarantined[0]!['_reason']), /^line of \d+ bytes is over the limit of 67108864 bytes/);
});

/** Runs JSON lines with `lines` among valid ones and returns the bronze status of each of `lines`. */
async function bronzeStatus(lines: readonly string[]): Promise<{ out: string; statuses: unknown[] }> {
  const dir = tempDir();
  const purchase = event({ user_id: 4, event: 'purchase', product_id: 'PROD_0001', amount: 25.5, quantity: 2 });
  writeFileSync(join(dir, 'e.jsonl'), [...views(60), purchase, ...lines].join('\n') + '\n');
  const out = join(dir, 'out');
  const run = runMapreduce(join(dir, 'e.jsonl'), out);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const statuses = [];
  for (const line of lines) {
    statuses.push((await sql(out, `SELECT _status, _error_message FROM {bronze.raw_events} WHERE _raw_data = '${line.replaceAll("'", "''")}'`))[0]);
  }
  return { out, statuses };
}

test('a non-finite amount (1e400) is a schema error and gold revenue stays finite', async () => {
  const infinite = '{"timestamp": "2026-03-10T09:30:00", "user_id": 2, "event": "purchase", "device": "mobile", "location": "US", "product_id": "PROD_0001", "amount": 1e400, "quantity": 1}';
  const { out, statuses } = await bronzeStatus([infinite]);
  assert.deepEqual(statuses, [{ _status: 'schema_error', _error_message: "amount is not a finite number: '1e400'" }]);
  assert.deepEqual(await sql(out, 'SELECT total_revenue FROM {gold.revenue_analytics}'), [{ total_revenue: 25.5 }]);
});

test('a JSON line with a key given twice is a schema error naming the key', async () => {
  const duplicated = '{"timestamp": "2026-03-10T09:30:00", "user_id": 2, "event": "view", "user_id": 3, "device": "mobile", "location": "US"}';
  const nestedRepeat = '{"timestamp": "2026-03-10T09:30:00", "user_id": 6, "event": "view", "device": "mobile", "location": "US", "page": "home", "meta": {"a": 1, "b": {"a": 2}}}';
  const { statuses } = await bronzeStatus([duplicated, nestedRepeat]);
  assert.deepEqual(statuses, [
    { _status: 'schema_error', _error_message: "duplicate key in JSON object: 'user_id'" },
    { _status: 'valid', _error_message: null },
  ]);
});

test('integers given as text or as floats follow one rule in JSON lines: 203.0 and "242" are integers, 70.5 and "70.5" are not', async () => {
  const dir = tempDir();
  const asFloat = event({ user_id: 203 }).replace('"user_id":203', '"user_id":203.0');
  const asText = event({ user_id: '242' });
  const fractional = event({ user_id: 70.5 });
  const fractionalText = event({ user_id: '70.5' });
  const wholeQuantity = event({ user_id: 205, event: 'purchase', product_id: 'PROD_0001', amount: 10, quantity: 1 }).replace('"quantity":1', '"quantity":2.0');
  writeFileSync(join(dir, 'e.jsonl'), [...views(80), asFloat, asText, fractional, fractionalText, wholeQuantity].join('\n') + '\n');
  const out = join(dir, 'out');
  assert.equal(runMapreduce(join(dir, 'e.jsonl'), out).code, 0);
  const bronze = await sql(out, "SELECT _raw_data, _status, _error_message FROM {bronze.raw_events} WHERE _status <> 'valid' ORDER BY _raw_data");
  assert.deepEqual(bronze.map((r) => r['_error_message']).sort(), ["user_id is not an integer: '70.5'", "user_id is not an integer: '70.5'"]);
  assert.deepEqual(
    (await sql(out, 'SELECT user_id, quantity FROM {silver.cleaned_events} WHERE user_id > 200 ORDER BY user_id')).map((r) => [r['user_id'], r['quantity']]),
    [[203, null], [205, 2], [242, null]],
  );
});

const HEADER = 'customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent';
const goodCustomers = (n: number) => Array.from({ length: n }, (_, i) => `${i + 10},Fn${i},Ln${i},c${i}@x.io,${20 + (i % 50)},Austin,2025-05-01,${i % 9},${100 + i}.5`);
/** Transactions and products that match the customers, so that only the rows under test are set aside. */
async function companionInputs(dir: string): Promise<string[]> {
  writeFileSync(
    join(dir, 'transactions.csv'),
    ['transaction_id,customer_id,product_id,product_category,amount,timestamp,payment_method,status,device,browser,location',
      ...Array.from({ length: 20 }, (_, i) => `T${i},${10 + i},PROD_0001,Books,${10 + i}.25,2026-03-0${1 + (i % 9)}T10:00:00,cash,completed,mobile,chrome,US`)].join('\n') + '\n',
  );
  const engine = await reader();
  await engine.execute(`COPY (SELECT * FROM (VALUES ('PROD_0001', 'Book', 'Books', 12.5, 10.0, 'Supplier A', 0.5, '2024-01-01', true),
      ('PROD_0002', 'Lamp', 'Home', 30.0, 70.5, 'Supplier B', 2.0, '2024-02-01', true),
      ('PROD_0003', 'Desk', 'Home', 'inf'::DOUBLE, 4.0, 'Supplier B', 9.0, '2024-02-01', true),
      -- Good products beside the two bad ones: a source losing most of its rows would stop the run.
      ('PROD_0004', 'Pen', 'Home', 2.5, 100.0, 'Supplier A', 0.1, '2024-03-01', true),
      ('PROD_0005', 'Mug', 'Home', 6.0, 40.0, 'Supplier A', 0.3, '2024-03-01', true),
      ('PROD_0006', 'Map', 'Books', 9.0, 12.0, 'Supplier C', 0.2, '2024-03-01', true))
      AS t(product_id, product_name, category, price, stock_quantity, supplier, weight_kg, created_date, is_active)) TO '${join(dir, 'products.parquet')}' (FORMAT parquet)`);
  return ['--input-transactions', join(dir, 'transactions.csv'), '--input-products', join(dir, 'products.parquet')];
}

test('CSV records with too few or too many fields are quarantined with their line; the others are ingested', async () => {
  const dir = tempDir();
  const short = '2,Bob,Ray,b@x.io,30,Dallas';
  const long = '3,Cy,Fox,c@x.io,51,Austin,2025-07-01,0,0,extra,more';
  writeFileSync(join(dir, 'customers.csv'), [HEADER, ...goodCustomers(20), short, '4,"Di, Jr",Oz,d@x.io,40,Austin,2025-07-01,2,10', long, ...goodCustomers(40).slice(20)].join('\n') + '\n');
  const out = join(dir, 'out');
  const run = medallion('run', 'data', '--input-customers', join(dir, 'customers.csv'), ...(await companionInputs(dir)), '--data-dir', out, ...AS_OF, '--quiet');
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, /Binder Error|\n\s+at /);
  const file = join(dir, 'customers.csv');
  const q = await (await reader()).query(
    `SELECT _in_customer_id, _in_city, _expectation, _reason FROM read_parquet('${out}/_quarantine/bronze.customers/*.parquet') WHERE _expectation = 'record_fits_header' ORDER BY 1`,
  );
  assert.deepEqual(q, [
    { _in_customer_id: '2', _in_city: 'Dallas', _expectation: 'record_fits_header', _reason: `line 22 of '${file}': 6 fields where the header has 9` },
    { _in_customer_id: '3', _in_city: 'Austin', _expectation: 'record_fits_header', _reason: `line 24 of '${file}': more than the 9 fields of the header` },
  ]);
  const bronze = await sql(out, 'SELECT customer_id, first_name FROM {bronze.customers} ORDER BY customer_id');
  assert.equal(bronze.length, 41);
  assert.deepEqual(bronze[0], { customer_id: 4, first_name: 'Di, Jr' });
});

test('one integer rule and finite numbers for CSV and Parquet: 42.0 and "3.0" convert, 70.5, 3.7, 1e400 and inf are quarantined', async () => {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'customers.csv'),
    [HEADER, ...goodCustomers(40), '5,Ed,Po,e@x.io,42.0,Austin,2025-07-01,3.0,10', '6,Fa,Po,f@x.io,70.5,Austin,2025-07-01,3.7,10', '7,Gi,Po,g@x.io,33,Austin,2025-07-01,1,1e400', '8,Ho,Po,h@x.io,33,Austin,2025-07-01,1,inf'].join('\n') + '\n',
  );
  const out = join(dir, 'out');
  const run = medallion('run', 'data', '--input-customers', join(dir, 'customers.csv'), ...(await companionInputs(dir)), '--data-dir', out, ...AS_OF, '--quiet');
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(await sql(out, 'SELECT customer_id, age, total_orders FROM {bronze.customers} WHERE customer_id < 10'), [{ customer_id: 5, age: 42, total_orders: 3 }]);
  const engine = await reader();
  assert.deepEqual(
    await engine.query(`SELECT _in_customer_id AS id, _reason FROM read_parquet('${out}/_quarantine/bronze.customers/*.parquet') ORDER BY 1`),
    [
      { id: '6', _reason: 'not a valid integer age: 70.5, integer total_orders: 3.7' },
      { id: '7', _reason: 'not a valid double total_spent: 1e400' },
      { id: '8', _reason: 'not a valid double total_spent: inf' },
    ],
  );
  // Parquet DOUBLE values into INTEGER and DOUBLE columns follow the same rules.
  assert.deepEqual(await sql(out, "SELECT product_id, stock_quantity FROM {bronze.products} WHERE product_id <= 'PROD_0003'"), [{ product_id: 'PROD_0001', stock_quantity: 10 }]);
  assert.deepEqual(
    await engine.query(`SELECT _in_product_id AS id, _reason FROM read_parquet('${out}/_quarantine/bronze.products/*.parquet') ORDER BY 1`),
    [
      { id: 'PROD_0002', _reason: 'not a valid integer stock_quantity: 70.5' },
      { id: 'PROD_0003', _reason: 'not a valid double price: inf' },
    ],
  );
});
