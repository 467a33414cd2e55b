import type { Dialect } from '../../src/dialect/dialect.js';

/**
 * Inputs where the engines' own casts and concat disagree, with the one answer both dialects must
 * give. Each case is an SQL expression rendered by a dialect and the text it must evaluate to.
 */
export interface EdgeCase {
  readonly name: string;
  readonly expr: (d: Dialect) => string;
  readonly expected: string | null;
}

const timestampCases: Array<[string | null, string | null]> = [
  ['2026-01-01T10:20:30', '2026-01-01T10:20:30'],
  ['2026-01-01 10:20:30', '2026-01-01T10:20:30'],
  ['2026-01-01T10:20:30.250', '2026-01-01T10:20:30'],
  ['2026-01-01T10:20', '2026-01-01T10:20:00'],
  ['2026-01-01', '2026-01-01T00:00:00'],
  ['2026', null],
  ['2026-01', null],
  ['2026-1-1', null],
  ['yesterday', null],
  ['today', null],
  ['now', null],
  ['epoch', null],
  ['2026-02-30T00:00:00', null],
  ['2026-01-01T10:20:30Z', null],
  ['2026-01-01T10:20:30+02:00', null],
  [' 2026-01-01', null],
  ['', null],
  [null, null],
];

const dateCases: Array<[string | null, string | null]> = [
  ['2026-01-15', '2026-01-15'],
  ['2026', null],
  ['2026-01', null],
  ['2026-2-3', null],
  ['2026-02-30', null],
  ['today', null],
  ['2026-01-15T10:00:00', null],
  [null, null],
];

const literal = (d: Dialect, value: string | null) => (value === null ? `CAST(NULL AS ${d.textType})` : d.quote(value));

export const EDGE_CASES: readonly EdgeCase[] = [
  ...timestampCases.map(([input, expected]) => ({
    name: `tryParseTimestamp(${JSON.stringify(input)})`,
    expr: (d: Dialect) => d.isoTimestampText(d.tryParseTimestamp(literal(d, input))),
    expected,
  })),
  ...dateCases.map(([input, expected]) => ({
    name: `tryParseDate(${JSON.stringify(input)})`,
    expr: (d: Dialect) => d.isoDateText(d.tryParseDate(literal(d, input))),
    expected,
  })),
  // DuckDB's dayofweek() counts from 0 = Sunday, Spark's from 1 = Sunday: both must give ISO days.
  ...[['2026-01-12', '1'], ['2026-01-15', '4'], ['2026-01-18', '7']].map(([day, expected]) => ({
    name: `isoWeekday(${day})`,
    expr: (d: Dialect) => `CAST(${d.isoWeekday(`CAST(${d.quote(day!)} AS DATE)`)} AS ${d.textType})`,
    expected: expected!,
  })),
  ...[['2026-01-12', '2026-01-12'], ['2026-01-18', '2026-01-12'], ['2026-01-19', '2026-01-19'], ['2025-12-31', '2025-12-29']].map(([day, expected]) => ({
    name: `weekStart(${day})`,
    expr: (d: Dialect) => `CAST(${d.weekStart(`CAST(${d.quote(day!)} AS DATE)`)} AS ${d.textType})`,
    expected: expected!,
  })),
  { name: 'weekStart of a timestamp is a DATE', expr: (d) => `CAST(${d.weekStart(`CAST('2026-01-18 23:59:59' AS TIMESTAMP)`)} AS ${d.textType})`, expected: '2026-01-12' },
  { name: 'concat of texts', expr: (d) => d.concat([d.quote('Ada'), d.quote(' '), d.quote('Lovelace')]), expected: 'Ada Lovelace' },
  { name: 'concat with a NULL is NULL', expr: (d) => d.concat([d.quote('Ada'), d.quote(' '), literal(d, null)]), expected: null },
];
