import type { TestRow, TestValue } from '../model/dataset-test.js';
import type { Row } from '../model/values.js';
import { visible } from '../observe/terminal-text.js';

/** How the rows a dataset made differ from those a test expects. */
export interface RowDiff {
  /** Expected rows that no actual row matches (and no key pairs with). */
  readonly missing: readonly TestRow[];
  /** Actual rows that no expected row matches (and no key pairs with). */
  readonly unexpected: readonly TestRow[];
  /** Rows paired by their key whose other cells differ: the key, and each cell expected → actual. */
  readonly changed: ReadonlyArray<{ key: TestRow; cells: ReadonlyArray<{ column: string; expected: TestValue; actual: TestValue }> }>;
}

/** An engine's value as a test writes it: dates and timestamps are text (`2026-11-02 09:15:00`), big integers numbers. */
export function testValue(value: unknown): TestValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  return String(value);
}

function same(expected: TestValue, actual: TestValue, tolerance: number): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected === 'number') {
    const n = typeof actual === 'number' ? actual : Number(actual);
    return Number.isFinite(n) && Math.abs(n - expected) <= tolerance;
  }
  if (typeof expected === 'boolean') return actual === expected;
  return String(actual) === expected;
}

/** Equal on the columns the expected row names (`columns`, when given, narrows them to those). */
const rowMatches = (expected: TestRow, actual: TestRow, tolerance: number, columns: readonly string[] = Object.keys(expected)) =>
  columns.every((c) => same(expected[c] ?? null, actual[c] ?? null, tolerance));

/**
 * Compares in any order, each expected row on the columns it names (as dbt's unit tests do). Rows
 * equal on every such column pair first; of those left, rows with the same `keys` (when every
 * key is compared) are reported as changed cells, the rest as missing or unexpected.
 */
export function diffRows(expected: readonly TestRow[], actualRows: readonly Row[], keys: readonly string[], tolerance: number): RowDiff {
  const named = [...new Set(expected.flatMap((row) => Object.keys(row)))];
  // No row expected: an unexpected row is shown by its key, or its first columns.
  const columns = named.length ? named : keys.length ? [...keys] : Object.keys(actualRows[0] ?? {}).filter((c) => !c.startsWith('__')).slice(0, 6);
  const actual: TestRow[] = actualRows.map((row) => Object.fromEntries(columns.map((c) => [c, testValue(row[c])])));
  const unmatched = [...actual];
  const missing: TestRow[] = [];
  for (const row of expected) {
    const at = unmatched.findIndex((candidate) => rowMatches(row, candidate, tolerance));
    if (at >= 0) unmatched.splice(at, 1);
    else missing.push(row);
  }
  const changed: Array<RowDiff['changed'][number]> = [];
  const keyed = keys.length > 0;
  const stillMissing = keyed
    ? missing.filter((row) => {
        if (!keys.every((k) => k in row)) return true;
        const at = unmatched.findIndex((candidate) => rowMatches(row, candidate, 0, keys));
        if (at < 0) return true;
        const [partner] = unmatched.splice(at, 1);
        const cells = Object.keys(row).filter((c) => !same(row[c] ?? null, partner![c] ?? null, tolerance)).map((c) => ({ column: c, expected: row[c] ?? null, actual: partner![c] ?? null }));
        changed.push({ key: Object.fromEntries(keys.map((k) => [k, row[k] ?? null])), cells });
        return false;
      })
    : missing;
  return { missing: stillMissing, unexpected: unmatched, changed };
}

export function isEmptyDiff(diff: RowDiff): boolean {
  return !diff.missing.length && !diff.unexpected.length && !diff.changed.length;
}

// Values and column names come from the data: their control characters are printed as escapes.
const show = (value: TestValue) => (typeof value === 'string' ? `'${visible(value)}'` : visible(String(value)));
export const showRow = (row: TestRow) => `{ ${Object.entries(row).map(([c, v]) => `${visible(c)}: ${show(v)}`).join(', ')} }`;

/** The diff as lines for a person: what is missing, what is unexpected, which cells changed. */
export function diffLines(diff: RowDiff): string[] {
  return [
    ...diff.missing.map((row) => `missing    ${showRow(row)}`),
    ...diff.unexpected.map((row) => `unexpected ${showRow(row)}`),
    ...diff.changed.map(({ key, cells }) => `changed    ${showRow(key)}: ${cells.map((c) => `${visible(c.column)} ${show(c.expected)} → ${show(c.actual)}`).join(', ')}`),
  ];
}
