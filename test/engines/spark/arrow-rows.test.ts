import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Bool,
  DateDay,
  Decimal,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  makeVector,
  Struct,
  Table,
  tableToIPC,
  TimestampMicrosecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { arrowBatchesToRows } from '../../../src/engines/spark/arrow-rows.js';

const JAN_1 = Date.UTC(2026, 0, 1);
const TS = Date.UTC(2026, 0, 14, 12, 30, 15);

/** One batch shaped as Spark sends it: an IPC stream with Spark's Arrow types (µs timestamps in UTC, day dates). */
function sparkBatch(): Uint8Array {
  const table = new Table({
    i: vectorFromArray([1, null, -7], new Int32()),
    big: vectorFromArray([42n, 2n ** 60n, null], new Int64()),
    neg: vectorFromArray([-(2n ** 53n) - 1n, -5n, 0n], new Int64()),
    d: vectorFromArray([1.5, null, -0.25], new Float64()),
    s: vectorFromArray(['TXN_0000001', null, 'naïve ✓'], new Utf8()),
    b: vectorFromArray([true, false, null], new Bool()),
    day: vectorFromArray([new Date(JAN_1), null, new Date(JAN_1 - 86_400_000)], new DateDay()),
    ts: vectorFromArray([TS, null, 0], new TimestampMicrosecond('UTC')),
    // 123.45, -0.02, NULL as DECIMAL(10,2): unscaled 128-bit little-endian words.
    amount: makeVector({
      type: new Decimal(2, 10, 128),
      data: new Uint32Array([12345, 0, 0, 0, 0xfffffffe, 0xffffffff, 0xffffffff, 0xffffffff, 0, 0, 0, 0]),
      nullBitmap: new Uint8Array([0b011]),
      nullCount: 1,
    }),
  });
  return tableToIPC(table, 'stream');
}

test('Arrow IPC batches decode to plain JS rows: ints, bigints, doubles, strings, nulls, booleans, dates, timestamps, decimals', () => {
  const rows = arrowBatchesToRows([sparkBatch()]);
  assert.deepEqual(rows, [
    { i: 1, big: 42, neg: -(2n ** 53n) - 1n, d: 1.5, s: 'TXN_0000001', b: true, day: new Date(JAN_1), ts: new Date(TS), amount: 123.45 },
    { i: null, big: 2n ** 60n, neg: -5, d: null, s: null, b: false, day: null, ts: null, amount: -0.02 },
    { i: -7, big: null, neg: 0, d: -0.25, s: 'naïve ✓', b: null, day: new Date(JAN_1 - 86_400_000), ts: new Date(0), amount: null },
  ]);
});

test('rows of several batches are concatenated in order; an empty batch adds none', () => {
  const batch = (values: number[]) => tableToIPC(new Table({ n: vectorFromArray(values, new Int32()) }), 'stream');
  assert.deepEqual(arrowBatchesToRows([batch([1, 2]), batch([]), batch([3])]), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  assert.deepEqual(arrowBatchesToRows([]), []);
});

test('nested values become arrays and objects with converted members', () => {
  const words = vectorFromArray([['red', 'bike'], null], new List(new Field('element', new Utf8(), true)));
  const struct = vectorFromArray(
    [{ user_id: '12', n: 3n }, null],
    new Struct([new Field('user_id', new Utf8(), true), new Field('n', new Int64(), true)]),
  );
  const rows = arrowBatchesToRows([tableToIPC(new Table({ words, j: struct }), 'stream')]);
  assert.deepEqual(rows, [
    { words: ['red', 'bike'], j: { user_id: '12', n: 3 } },
    { words: null, j: null },
  ]);
});
