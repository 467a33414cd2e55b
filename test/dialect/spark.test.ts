import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sparkDialect as d, sparkIdentifier, sparkString } from '../../src/dialect/spark.js';

/** Reads a Spark string literal back the way Spark's lexer does (backslash escapes). */
function unquote(literal: string): string {
  assert.match(literal, /^'.*'$/s);
  return literal.slice(1, -1).replace(/\\(.)/gs, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

test('range is the range() table function with its id column', () => {
  assert.equal(d.range(1000), '(SELECT id FROM range(1000))');
  assert.equal(d.range(10_000_000_000n), '(SELECT id FROM range(10000000000))');
});

test('integer mixing uses ^ and shiftright', () => {
  assert.equal(d.xor('h', 'x'), '(h ^ x)');
  assert.equal(d.shiftRight('h', 16), 'shiftright(h, 16)');
});

test('pick is element_at over an array, with the index cast to INT for ANSI mode', () => {
  assert.equal(d.pick(['a', "b'c"], 'r1 % 2'), "element_at(array('a', 'b\\'c'), CAST(r1 % 2 AS INT) + 1)");
});

test('hash64 is xxhash64', () => {
  assert.equal(d.hash64('`customer_id`'), 'xxhash64(`customer_id`)');
});

test('epoch conversions: timestamp_seconds in, DOUBLE seconds out', () => {
  assert.equal(d.timestampFromEpoch('1767225600 - 86400'), 'timestamp_seconds(CAST(1767225600 - 86400 AS BIGINT))');
  assert.equal(d.epochSeconds('max(timestamp)'), '(CAST(unix_micros(max(timestamp)) AS DOUBLE) / 1000000)');
});

test('ISO text uses date_format with a quoted T', () => {
  assert.equal(d.isoTimestampText('ts'), "date_format(ts, 'yyyy-MM-dd\\'T\\'HH:mm:ss')");
  assert.equal(unquote("'yyyy-MM-dd\\'T\\'HH:mm:ss'"), "yyyy-MM-dd'T'HH:mm:ss");
  assert.equal(d.isoDateText('ts'), "date_format(ts, 'yyyy-MM-dd')");
});

test('parsing and casting use try_cast, which yields NULL under ANSI mode, after an ISO shape check', () => {
  assert.equal(
    d.tryParseTimestamp('timestamp'),
    "CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\\\z') THEN try_cast(timestamp AS TIMESTAMP) END",
  );
  assert.equal(d.tryParseDate('signup_date'), "CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\\\z') THEN try_cast(signup_date AS DATE) END");
  assert.equal(d.tryCast('amount', 'DOUBLE'), 'try_cast(amount AS DOUBLE)');
  assert.equal(d.tryCast('user_id', 'BIGINT'), 'try_cast(user_id AS BIGINT)');
  assert.equal(d.tryCast('q', 'INTEGER'), 'try_cast(q AS INTEGER)');
});

test('fullMatch is RLIKE anchored at both ends, with \\z so a trailing newline does not match', () => {
  const sql = d.fullMatch('user_id', '-?[0-9]{1,9}');
  assert.equal(sql, "(user_id RLIKE '^(?:-?[0-9]{1,9})\\\\z')");
  const pattern = unquote(sql.slice('(user_id RLIKE '.length, -1));
  assert.equal(pattern, '^(?:-?[0-9]{1,9})\\z');
});

test('isJson combines object, array and scalar tests that are NULL-safe on bad text', () => {
  const sql = d.isJson('line');
  assert.match(sql, /^\(json_object_keys\(line\) IS NOT NULL OR json_array_length\(line\) IS NOT NULL OR line RLIKE '.*'\)$/);
  // The scalar pattern, read back from the literal, behaves as intended (JS and Java agree on this subset).
  const literal = sql.slice(sql.indexOf("RLIKE '") + 6, -1);
  const scalar = new RegExp(unquote(literal).replace(/\\z$/, '$'));
  for (const ok of ['42', ' -1.5e3 ', '"a \\"b\\""', 'true', 'null']) assert.ok(scalar.test(ok), ok);
  for (const bad of ['event=login user=3', '{"a": 1', '"open', '01', 'nul']) assert.ok(!scalar.test(bad), bad);
});

test('isJson given the keys of the text reads validity from them, with no second parse', () => {
  const sql = d.isJson('line', 'any_keys');
  assert.match(sql, /^\(any_keys IS NOT NULL OR json_array_length\(line\) IS NOT NULL OR line RLIKE '.*'\)$/);
  assert.equal(d.objectKeysOrNull!('line'), 'json_object_keys(line)');
});

test('jsonFields is from_json into a struct of STRING fields, names backquoted', () => {
  assert.equal(
    d.jsonFields('line', ['timestamp', 'user_id']),
    "from_json(line, 'struct<`timestamp`: string, `user_id`: string>')",
  );
});

test('explodeSplit is explode(split()) with the separator matched literally', () => {
  assert.equal(d.explodeSplit('lower(query)', ' '), "explode(split(lower(query), ' '))");
  assert.equal(d.explodeSplit('t', '|'), "explode(split(t, '\\\\|'))");
  assert.equal(unquote("'\\\\|'"), '\\|');
});

test('readParquet reads a directory as parquet.`path`, a local one as a file:// URI', () => {
  assert.equal(d.readParquet('/data/gold/top_users/'), 'parquet.`file:///data/gold/top_users`');
  assert.equal(d.readParquet('hdfs://nn:8020/data/x'), 'parquet.`hdfs://nn:8020/data/x`');
  assert.match(d.readLines(['/logs/*.jsonl']), /FROM text\.`file:\/\/\/logs\/\*\.jsonl`/);
  assert.match(d.readTable(['/in/tx.parquet'], 'parquet'), /FROM parquet\.`file:\/\/\/in\/tx\.parquet`/);
  assert.equal(d.readParquet('s3a://bucket/x`y'), 'parquet.`s3a://bucket/x``y`');
});

test('hints: BROADCAST for the map-side join, MERGE for the reduce-side join', () => {
  assert.equal(d.broadcastHint('p'), '/*+ BROADCAST(p) */');
  assert.equal(d.shuffleHint('u'), '/*+ MERGE(u) */');
});

test('quote escapes with backslashes, since Spark has no doubled-quote escape', () => {
  assert.equal(d.quote("it's"), "'it\\'s'");
  assert.equal(d.quote('C:\\dir'), "'C:\\\\dir'");
  assert.equal(d.quote('a\nb'), "'a\\nb'");
  for (const s of ["it's", 'back\\slash', "'", 'multi\nline', '"json"']) assert.equal(unquote(sparkString(s)), s);
});

test('identifiers are backquoted, never double-quoted', () => {
  assert.equal(sparkIdentifier('timestamp'), '`timestamp`');
  assert.equal(sparkIdentifier('a`b'), '`a``b`');
  assert.equal(d.textType, 'STRING');
  assert.equal(d.name, 'spark');
});
