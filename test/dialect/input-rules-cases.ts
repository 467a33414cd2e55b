import type { Dialect } from '../../src/dialect/dialect.js';

/**
 * The rules a user's values are checked by (integers, finite numbers, repeated JSON keys, line
 * lengths), and the timestamp texts, with the answers every engine must give: input-rules.test.ts
 * asks DuckDB, input-rules-spark.live.test.ts a real Spark (PySpark's local mode, ANSI on, and a
 * live Spark Connect server).
 */

export const INTEGER_TEXTS = ['42', '42.0', '3.00', ' 7 ', '+3', '-7', '70.5', '3.7', '1e3', 'abc', '', '99999999999'];
export const DOUBLE_TEXTS = ['1e400', 'inf', 'Infinity', 'NaN', '25.5', '-0.0', 'lots'];
export const OBJECTS = ['{"a":1,"b":2,"a":3}', '{"a":1,"b":{"a":2}}', '{"user_id":2,"event":"view","user_id":3}', '{"x":1}'];
export const TEXTS = ['é', 'abc', ''];

/** One query of every rule over every value, in a fixed order, through `d`. */
export function rulesQuery(d: Dialect): string {
  const rows = [
    ...INTEGER_TEXTS.map((t) => `SELECT 'integer' AS rule, ${d.quote(t)} AS input, CAST(${d.tryInteger(d.quote(t), 'INTEGER')} AS ${d.textType}) AS result`),
    ...INTEGER_TEXTS.map((t) => `SELECT 'bigint', ${d.quote(t)}, CAST(${d.tryInteger(d.quote(t), 'BIGINT')} AS ${d.textType})`),
    ...DOUBLE_TEXTS.map((t) => `SELECT 'finite', ${d.quote(t)}, CAST(${d.tryFiniteDouble(d.quote(t))} IS NOT NULL AS ${d.textType})`),
    ...OBJECTS.map((t) => `SELECT 'repeated', ${d.quote(t)}, ${d.firstRepeated(d.jsonKeys(d.quote(t)))}`),
    ...TEXTS.map((t) => `SELECT 'bytes', ${d.quote(t)}, CAST(${d.byteLength(d.quote(t))} AS ${d.textType})`),
  ];
  return rows.join('\nUNION ALL\n');
}

export const EXPECTED = [
  ...['42', '42', '3', '7', '3', '-7', null, null, null, null, null, null].map((r, i) => ['integer', INTEGER_TEXTS[i], r]),
  ...['42', '42', '3', '7', '3', '-7', null, null, null, null, null, '99999999999'].map((r, i) => ['bigint', INTEGER_TEXTS[i], r]),
  ...['false', 'false', 'false', 'false', 'true', 'true', 'false'].map((r, i) => ['finite', DOUBLE_TEXTS[i], r]),
  ...['a', null, 'user_id', null].map((r, i) => ['repeated', OBJECTS[i], r]),
  ...['2', '3', '0'].map((r, i) => ['bytes', TEXTS[i], r]),
];

/**
 * Timestamps as texts give the same instants on DuckDB and on a live Spark (Spark Connect, the
 * session in UTC as the engine sets it): ISO-8601 with `Z` or an offset is the instant in UTC;
 * what is not an ISO-8601 timestamp is NULL on both.
 */
export const TIMESTAMPS: ReadonlyArray<readonly [string, string | null]> = [
  ['2026-10-30T10:00:00', '2026-10-30 10:00:00'],
  ['2026-10-30 10:00', '2026-10-30 10:00:00'],
  ['2026-10-30', '2026-10-30 00:00:00'],
  ['2026-10-30T10:00:00Z', '2026-10-30 10:00:00'],
  ['2026-10-30T10:00:00.123456Z', '2026-10-30 10:00:00.123456'],
  ['2026-10-30T10:00:00+02:00', '2026-10-30 08:00:00'],
  ['2026-10-30T10:00:00+0200', '2026-10-30 08:00:00'],
  ['2026-10-30T10:00:00+02', '2026-10-30 08:00:00'],
  ['2026-10-30 10:00:00.5-05:30', '2026-10-30 15:30:00.5'],
  ['2026-12-31T23:30:00-01:00', '2027-01-01 00:30:00'],
  ['2026-10-30T10:00:00-00:00', '2026-10-30 10:00:00'],
  ['2026-10-30T10:00:00+14:00', '2026-10-29 20:00:00'],
  ['2026-10-30T10:00Z', null],
  ['2026-10-30T10:00:00z', null],
  ['2026-10-30T10:00:00 +02:00', null],
  ['2026-10-30T10:00:00+2:00', null],
  ['2026-10-30T10:00:00+02:60', null],
  ['2026-10-30T10:00:00+15:00', null],
  ['2026-10-30T10:00:00+02:00:00', null],
  ['2026-10-30T10:00:00UTC', null],
  ['2026-10-30T10:00:00 Europe/Paris', null],
  ['2026-10-30Z', null],
  ['2026-02-30T10:00:00+01:00', null],
  ['2026-10-30T25:00:00Z', null],
  ['2026', null],
  ['yesterday', null],
];

export function timestampsQuery(d: Dialect): string {
  return TIMESTAMPS.map(([t]) => `SELECT ${d.quote(t)} AS input, CAST(${d.tryParseTimestamp(d.quote(t))} AS ${d.textType}) AS result`).join('\nUNION ALL\n');
}

