import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { reader, sql, tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const medallion = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const event = (fields: Record<string, unknown>) => JSON.stringify({ timestamp: '2026-03-10T09:30:00', user_id: 1, event: 'view', device: 'mobile', location: 'US', ...fields });
const GOOD_LINES = [
  event({ page: 'home', duration_seconds: 30 }),
  event({ user_id: 2, event: 'purchase', product_id: 'PROD_0001', amount: 25.5, quantity: 2 }),
  event({ user_id: 3, event: 'search', query: 'Red Bike' }),
];
const BAD_LINES = [
  '{"timestamp": "2026-03-10T09:31:00", "user_id": 4, "eve', // truncated
  event({ user_id: 'abc' }), // wrong type
  event({ event: 'purchase', amount: 'lots', product_id: 'PROD_0002', quantity: 1 }), // wrong type
  'GET /index.html 200', // not JSON
  '', // empty line
];

test('mapreduce ingests real JSON lines, gzip included, and records every line with its status', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'a.jsonl'), [...GOOD_LINES, ...BAD_LINES.slice(0, 2)].join('\n') + '\n');
  writeFileSync(join(dir, 'in', 'b.jsonl.gz'), gzipSync(BAD_LINES.slice(2).join('\n') + '\n'));
  const out = join(dir, 'out');
  const run = medallion('run', 'mapreduce', '--input', join(dir, 'in'), '--data-dir', out, '--as-of', '2026-03-11', '--quiet');
  assert.equal(run.code, 0, run.stderr + run.stdout);
  return (async () => {
    const bronze = await sql(out, 'SELECT _raw_data, _status, _error_message, _source FROM {bronze.raw_events} ORDER BY _source, _raw_data');
    assert.equal(bronze.length, GOOD_LINES.length + BAD_LINES.length);
    const status = (line: string) => bronze.find((r) => r['_raw_data'] === line)!;
    assert.equal(status(BAD_LINES[0]!)['_status'], 'parse_error');
    assert.equal(status(BAD_LINES[1]!)['_error_message'], "user_id is not an integer: 'abc'");
    assert.equal(status(BAD_LINES[2]!)['_error_message'], "amount is not a number: 'lots'");
    assert.equal(status(BAD_LINES[3]!)['_error_message'], 'malformed JSON: line is not JSON');
    assert.equal(status('')['_error_message'], 'empty line');
    assert.match(String(status(BAD_LINES[4]!)['_source']), /b\.jsonl\.gz$/);
    assert.deepEqual(
      (await sql(out, 'SELECT event, user_id FROM {silver.cleaned_events} ORDER BY user_id')).map((r) => [r['event'], r['user_id']]),
      [['view', 1], ['purchase', 2], ['search', 3]],
    );
    const quarantined = await (await reader()).query(
      `SELECT _raw_data, _expectation, _reason FROM read_parquet('${out}/_quarantine/silver.cleaned_events/*.parquet') ORDER BY _raw_data`,
    );
    assert.equal(quarantined.length, BAD_LINES.length);
    assert.ok(quarantined.every((r) => r['_expectation'] === 'parses_as_json' || r['_expectation'] === 'matches_event_schema'));
    assert.deepEqual((await sql(out, 'SELECT word, occurrences FROM {gold.word_count} ORDER BY word')).map((r) => r['word']), ['bike', 'red']);
  })();
});

test('a glob of JSON-lines files is read too', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'day1.jsonl'), GOOD_LINES[0] + '\n');
  writeFileSync(join(dir, 'day2.jsonl'), GOOD_LINES[1] + '\n');
  const out = join(dir, 'out');
  const run = medallion('run', 'mapreduce', '--input', join(dir, 'day*.jsonl'), '--data-dir', out, '--as-of', '2026-03-11', '--quiet');
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.equal((await sql(out, 'SELECT count(*) AS n FROM {silver.cleaned_events}'))[0]!['n'], 2);
});

test('invalid UTF-8 fails the run with one clear line, no stack trace, and no gold', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'e.jsonl'), Buffer.concat([Buffer.from(GOOD_LINES[0] + '\n'), Buffer.from('{"user_id": 1, "query": "caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"}\n')]));
  const out = join(dir, 'out');
  const run = medallion('run', 'mapreduce', '--input', join(dir, 'e.jsonl'), '--data-dir', out, '--as-of', '2026-03-11');
  assert.equal(run.code, 1);
  assert.match(run.stderr, /ERROR - Pipeline failed with error: bronze.raw_events: an input file is not valid UTF-8 at line 2 .*convert it to UTF-8/);
  assert.doesNotMatch(run.stdout, /\n\s+at /);
  assert.equal(existsSync(join(out, 'gold')), false);
  assert.equal(existsSync(join(out, 'silver', 'cleaned_events')), false);
});

for (const [label, setup, args, message] of [
  ['a missing file', () => undefined, (d: string) => ['run', 'mapreduce', '--input', join(d, 'nope.jsonl')], /^medallion: --input: no such file or directory: '.*nope\.jsonl'\n$/],
  ['an empty file', (d: string) => writeFileSync(join(d, 'empty.jsonl'), ''), (d: string) => ['run', 'mapreduce', '--input', join(d, 'empty.jsonl')], /^medallion: --input: '.*empty\.jsonl' is empty \(0 bytes\): there is nothing to ingest\n$/],
  ['a file of the wrong format', (d: string) => writeFileSync(join(d, 'x.txt'), 'hello'), (d: string) => ['run', 'mapreduce', '--input', join(d, 'x.txt')], /^medallion: --input: '.*x\.txt' is not JSON lines/],
  ['a CSV with a missing column', (d: string) => writeFileSync(join(d, 'c.csv'), 'customer_id,first_name,last_name,email,age,city,signup_date,total_orders\n1,a,b,c@d.e,30,X,2025-01-01,3\n'), (d: string) => ['run', 'data', '--input-customers', join(d, 'c.csv')], /^medallion: --input-customers: '.*c\.csv' lacks column total_spent \(its header: customer_id, .*total_orders\)\n$/],
  ['a 0-byte Parquet file', (d: string) => writeFileSync(join(d, 'p.parquet'), ''), (d: string) => ['run', 'data', '--input-products', join(d, 'p.parquet')], /^medallion: --input-products: '.*p\.parquet' is empty \(0 bytes\)/],
  ['a truncated Parquet file', (d: string) => writeFileSync(join(d, 'p.parquet'), 'PAR1 not really'), (d: string) => ['run', 'data', '--input-products', join(d, 'p.parquet')], /^medallion: --input-products: '.*p\.parquet' is not a complete Parquet file \(missing PAR1 footer: truncated\?\)\n$/],
  ['--input given to the data pipeline', () => undefined, (d: string) => ['run', 'data', '--input', join(d, 'x.jsonl')], /^medallion: --input belongs to pipeline mapreduce, not data \(data takes --customers, .*--input-customers/],
] as const) {
  test(`${label} is refused before anything runs (exit 2)`, () => {
    const dir = tempDir();
    setup(dir);
    const out = join(dir, 'out');
    const run = medallion(...args(dir), '--data-dir', out);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, message);
    assert.equal(existsSync(out), false);
  });
}

test('data ingests CSV and Parquet; rows whose values do not convert are quarantined with what they held', async () => {
  const dir = tempDir();
  const header = 'customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent';
  writeFileSync(
    join(dir, 'customers.csv'),
    [header, '1,Ann,Lee,ann@x.io,34,Austin,2025-05-01,4,3500.5', '2,Bob,Ray,bob@x.io,abc,Dallas,2025-06-01,2,100', '3,Cy,Fox,cy@x.io,51,Austin,2025-07-01,0,0', ',No,Key,n@x.io,20,Austin,2025-01-01,1,5'].join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'transactions.csv'),
    [
      'transaction_id,customer_id,product_id,product_category,amount,timestamp,payment_method,status,device,browser,location',
      'T1,1,PROD_0001,Books,20.5,2026-03-01T10:00:00,paypal,completed,mobile,chrome,US',
      'T2,3,PROD_0001,Books,-4,2026-03-02T10:00:00,cash,completed,mobile,chrome,US',
      'T3,1,PROD_0001,Books,10,2026-03-03T10:00:00,cash,pending,mobile,chrome,US',
      'T4,99,PROD_0001,Books,11,2026-03-04T10:00:00,cash,completed,mobile,chrome,US',
      'T5,3,PROD_0001,Books,ten,2026-03-05T10:00:00,cash,completed,mobile,chrome,US',
    ].join('\n') + '\n',
  );
  const engine = await reader();
  await engine.execute(`COPY (SELECT * FROM (VALUES ('PROD_0001', 'Book', 'Books', 12.5, 10, 'Supplier A', 0.5, '2024-01-01', true),
      ('PROD_0002', 'Lamp', 'Home', 30.0, 0, 'Supplier B', 2.0, '2024-02-01', true))
      AS t(product_id, product_name, category, price, stock_quantity, supplier, weight_kg, created_date, is_active)) TO '${join(dir, 'products.parquet')}' (FORMAT parquet)`);
  const out = join(dir, 'out');
  const run = medallion(
    'run', 'data', '--data-dir', out, '--as-of', '2026-03-11', '--quiet',
    '--input-customers', join(dir, 'customers.csv'), '--input-transactions', join(dir, 'transactions.csv'), '--input-products', join(dir, 'products.parquet'),
  );
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual((await sql(out, 'SELECT customer_id, age FROM {bronze.customers} ORDER BY 1')).map((r) => [r['customer_id'], r['age']]), [[1, 34], [3, 51]]);
  const q = await engine.query(`SELECT _in_age, _expectation, _reason FROM read_parquet('${out}/_quarantine/bronze.customers/*.parquet') ORDER BY _expectation`);
  assert.deepEqual(q, [
    { _in_age: '20', _expectation: 'not_null(customer_id)', _reason: 'customer_id is null (expected not null)' },
    { _in_age: 'abc', _expectation: 'values_have_contract_types', _reason: 'not a valid integer age: abc' },
  ]);
  // T2 (negative) is dropped, T3 (pending) filtered, T4 (unknown customer) quarantined, T5 (amount 'ten') quarantined in bronze.
  assert.deepEqual((await sql(out, 'SELECT transaction_id FROM {silver.transactions_clean}')).map((r) => r['transaction_id']), ['T1']);
  assert.deepEqual((await sql(out, 'SELECT product_id FROM {silver.products_active}')).map((r) => r['product_id']), ['PROD_0001']);
  assert.deepEqual(await sql(out, 'SELECT transaction_count, total_revenue FROM {gold.category_analytics}'), [{ transaction_count: 1, total_revenue: 20.5 }]);
  assert.ok(readdirSync(join(out, '_quarantine')).includes('silver.transactions_clean'));
});
