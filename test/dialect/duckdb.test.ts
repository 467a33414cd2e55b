import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duckdbDialect as d } from '../../src/dialect/duckdb.js';
import { reader } from '../helpers.js';
import { EDGE_CASES } from './edge-values.js';
import { INTEGER_TEXT_PATTERN, ISO_DATE_PATTERN, ISO_OFFSET_TIMESTAMP_PATTERN, ISO_UTC_TIMESTAMP_PATTERN, ZERO_FRACTION_PATTERN } from '../../src/dialect/dialect.js';

async function value(expr: string): Promise<unknown> {
  const [row] = await (await reader()).query(`SELECT ${expr} AS v`);
  return row!['v'];
}

test('range yields ids 0 … n-1', async () => {
  const rows = await (await reader()).query(`SELECT id FROM ${d.range(4)} AS r ORDER BY id`);
  assert.deepEqual(rows.map((r) => r['id']), [0, 1, 2, 3]);
});

test('integer mixing: xor and right shift', async () => {
  assert.equal(await value(d.xor('12', '10')), 6);
  assert.equal(await value(d.shiftRight('1024', 3)), 128);
});

test('pick is 0-based over the listed values', async () => {
  assert.equal(await value(d.pick(['a', 'b', 'c'], '0')), 'a');
  assert.equal(await value(d.pick(['a', 'b', "c'd"], '2')), "c'd");
});

test('timestamps round-trip through epoch seconds and ISO text', async () => {
  const ts = d.timestampFromEpoch('1767225600'); // 2026-01-01T00:00:00Z
  assert.equal(await value(d.isoTimestampText(ts)), '2026-01-01T00:00:00');
  assert.equal(await value(d.isoDateText(ts)), '2026-01-01');
  assert.equal(Number(await value(d.epochSeconds(ts))), 1767225600);
  assert.equal(await value(`${d.tryParseTimestamp("'2026-01-01T10:20:30'")} IS NOT NULL`), true);
  assert.equal(await value(`${d.tryParseTimestamp("'yesterday'")} IS NULL`), true);
  assert.equal(await value(`${d.tryParseDate("'2026-02-30'")} IS NULL`), true);
});

test('tryCast yields NULL instead of failing', async () => {
  assert.equal(await value(d.tryCast("'12.5'", 'DOUBLE')), 12.5);
  assert.equal(await value(d.tryCast("'abc'", 'INTEGER')), null);
});

test('fullMatch anchors the whole text', async () => {
  assert.equal(await value(d.fullMatch("'123'", '-?[0-9]+')), true);
  assert.equal(await value(d.fullMatch("'12a'", '-?[0-9]+')), false);
});

test('JSON: validity, and fields as text parsed once', async () => {
  assert.equal(await value(d.isJson(`'{"a": 1}'`)), true);
  assert.equal(await value(d.isJson(`'{"a": 1'`)), false);
  assert.equal(await value(d.isJson(`'event=login'`)), false);
  const fields = await value(d.jsonFields(`'{"user_id": 12, "event": "view", "amount": 3.5}'`, ['user_id', 'event', 'amount', 'page']));
  assert.deepEqual(fields, { user_id: '12', event: 'view', amount: '3.5', page: null });
});

test('explodeSplit emits one row per piece', async () => {
  const rows = await (await reader()).query(`SELECT ${d.explodeSplit("'red bike helmet'", ' ')} AS w`);
  assert.deepEqual(rows.map((r) => r['w']), ['red', 'bike', 'helmet']);
});

test('quote doubles single quotes', () => {
  assert.equal(d.quote("it's"), "'it''s'");
});

test('edge values of parsing and concat: DuckDB gives the answers Spark gives (the live Spark suite runs the same cases)', async () => {
  for (const edge of EDGE_CASES) {
    assert.equal(await value(edge.expr(d)), edge.expected, edge.name);
  }
});

// The fast ways through tryInteger, tryParseTimestamp and tryParseDate must accept exactly what
// their patterns accept: compared here with the pattern-only forms over texts on both sides of
// every shortcut.
const patternInteger = (text: string, type: string) =>
  `CASE WHEN regexp_full_match(${text}, ${d.quote(INTEGER_TEXT_PATTERN)}) THEN TRY_CAST(regexp_replace(trim(${text}), ${d.quote(ZERO_FRACTION_PATTERN)}, '') AS ${type}) END`;
const patternTimestamp = (text: string) =>
  `CASE WHEN regexp_full_match(${text}, ${d.quote(ISO_UTC_TIMESTAMP_PATTERN)}) THEN TRY_CAST(${text} AS TIMESTAMP) ` +
  `WHEN regexp_full_match(${text}, ${d.quote(ISO_OFFSET_TIMESTAMP_PATTERN)}) THEN timezone('UTC', TRY_CAST(${text} AS TIMESTAMPTZ)) END`;
const patternDate = (text: string) => `CASE WHEN regexp_full_match(${text}, ${d.quote(ISO_DATE_PATTERN)}) THEN TRY_CAST(${text} AS DATE) END`;

const INTEGER_SHAPES = ['0', '7', '-7', '+7', '-0', '+0', '007', '-007', ' 7', '7 ', '7.0', '7.', '.0', '7.5', '1_000', '0x1F', '1e3', '١٢',
  '2147483647', '2147483648', '-2147483648', '-2147483649', '9223372036854775807', '9223372036854775808', '', ' ', 'NaN', null];
const TIMESTAMP_SHAPES = ['2026-01-01T10:20:30', '2026-01-01 10:20:30', '2026-01-01T10:20:30.5', '2026-01-01T10:20:30.1234567', '2026-01-01T10:20',
  '2026-01-01', '20260-01-01T00:00:00', '+2026-01-01T00:00:00', '-2026-01-01T00:00:00', ' 026-01-01T00:00:00', '2026-01-01T24:00:00',
  '2026-13-01T10:20:30', '2026-02-30T10:20:30', '2026-01-01t10:20:30', '2026-01-01T10:20:30Z', '2026-01-01T10:20:30.5Z', '2026-01-01 10:20:30+02:00', '2026-01-01T10:20:30-0130', '2026-01-01T10:20:30+02', '2026-01-01T10:20:30+02:00Z', '2026-01-01T10:20Z', '2026-1-01T10:20:30', '２０２６-01-01T10:20:30', '', null];
const DATE_SHAPES = ['2026-01-15', '2026-02-30', '2026-1-15', '20260-01-15', ' 2026-01-15', '2026-01-15 ', '2026/01/15', '２０２６-01-15', '', null];

test('the fast ways through integer, timestamp and date parsing give what the patterns alone give', async () => {
  const lit = (t: string | null) => (t === null ? 'CAST(NULL AS VARCHAR)' : d.quote(t));
  const pairs = [
    ...INTEGER_SHAPES.flatMap((t) => (['INTEGER', 'BIGINT'] as const).map((type) => [`${type} ${t}`, d.tryInteger(lit(t), type), patternInteger(lit(t), type)] as const)),
    ...TIMESTAMP_SHAPES.map((t) => [`timestamp ${t}`, d.tryParseTimestamp(lit(t)), patternTimestamp(lit(t))] as const),
    ...DATE_SHAPES.map((t) => [`date ${t}`, d.tryParseDate(lit(t)), patternDate(lit(t))] as const),
  ];
  const rows = await (await reader()).query(
    pairs.map(([name, fast, plain]) => `SELECT ${d.quote(name)} AS name, CAST(${fast} AS VARCHAR) AS fast, CAST(${plain} AS VARCHAR) AS plain`).join('\nUNION ALL\n'),
  );
  assert.equal(rows.length, pairs.length);
  for (const r of rows) assert.equal(r['fast'], r['plain'], String(r['name']));
  // The shapes reach both sides of each shortcut.
  const accepted = rows.filter((r) => r['plain'] !== null).length;
  assert.ok(accepted > 10 && accepted < rows.length - 20, `${accepted} of ${rows.length} accepted`);
});
