import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duckdbDialect as d } from '../../src/dialect/duckdb.js';
import { reader } from '../helpers.js';
import { EDGE_CASES } from './edge-values.js';

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
