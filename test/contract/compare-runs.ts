import assert from 'node:assert/strict';
import type { RunManifest } from '../../src/model/manifest.js';
import type { Row } from '../../src/engines/engine.js';
import { reader } from '../helpers.js';

/**
 * The column types each engine reports for the same contract column. Spark's written schema is
 * compared with DuckDB's through this table, so a column that comes out as another type on one
 * engine (an INT where DuckDB has a BIGINT, say) fails the comparison.
 */
const SAME_TYPE: Readonly<Record<string, string>> = {
  bigint: 'BIGINT',
  int: 'INTEGER',
  string: 'VARCHAR',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

/** Spark's type name as DuckDB spells it (`decimal(12,2)` → `DECIMAL(12,2)`). */
export function duckdbTypeOf(sparkType: string): string {
  return SAME_TYPE[sparkType] ?? sparkType.toUpperCase();
}

/** A value as both engines can agree on it: instants as ISO text, bigints as numbers. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 23);
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  return value;
}

/**
 * The rows of a dataset as written, read back by one DuckDB, so that only the engines that wrote
 * them differ. Sorted by every column, text and whole numbers first, so floating-point values that
 * differ in the last place do not change the order.
 */
export async function writtenRows(dir: string, columns: readonly string[]): Promise<unknown[][]> {
  const engine = await reader();
  const described = await engine.describe(`SELECT * FROM read_parquet('${dir}/*.parquet')`);
  const isFloat = (c: string) => /DOUBLE|FLOAT|REAL/.test(described.find((d) => d.name === c)?.type ?? '');
  const order = [...columns.filter((c) => !isFloat(c)), ...columns.filter(isFloat)];
  // Timestamps Spark wrote are UTC-adjusted (DuckDB reads TIMESTAMPTZ): compare both as plain UTC instants.
  const select = columns.map((c) => `"${c}"`).join(', ');
  const rows: Row[] = await engine.query(
    `SELECT ${select} FROM read_parquet('${dir}/*.parquet') ORDER BY ${order.map((c) => `"${c}"`).join(', ')}`,
  );
  return rows.map((r) => columns.map((c) => plain(r[c])));
}

/** Asserts two sets of rows are equal: integers and text exactly, floating-point values within rounding. */
export function assertSameRows(actual: unknown[][], expected: unknown[][], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: row count`);
  actual.forEach((row, i) => {
    const other = expected[i]!;
    row.forEach((value, j) => {
      const want = other[j];
      if (typeof value === 'number' && typeof want === 'number' && !(Number.isInteger(value) && Number.isInteger(want))) {
        // Values rounded to cents may round a tie (x.xx5) differently: one unit in the last place, or a relative 1e-9.
        assert.ok(Math.abs(value - want) <= Math.max(0.0100001, Math.abs(want) * 1e-9), `${what}: row ${i} column ${j}: ${value} vs ${want}`);
      } else {
        assert.deepEqual(value, want, `${what}: row ${i} column ${j}`);
      }
    });
  });
}

/** Each dataset's row accounting and expectation outcomes, without timings, paths or versions. */
export function accounting(manifest: RunManifest): Record<string, unknown> {
  return Object.fromEntries(
    manifest.datasets.map((d) => [
      d.name,
      {
        status: d.status,
        rowsIn: d.rowsIn,
        rows: d.rows,
        filtered: d.filtered,
        dropped: d.dropped,
        quarantined: d.quarantined,
        expectations: d.expectations.map((e) => ({ name: e.name, action: e.action, status: e.status, failures: e.failures, checked: e.checked })),
      },
    ]),
  );
}
