import type { Dialect } from '../dialect/dialect.js';
import type { TestRow, TestValue } from '../model/dataset-test.js';
import type { Column } from '../model/values.js';
import { standIn } from '../check/stand-in.js';

function literal(dialect: Dialect, value: TestValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return dialect.quote(value);
}

/**
 * A relation holding `rows` with exactly `columns` (name and engine type, in order), written as
 * SQL: each value cast to its column's type, the columns a row does not name NULL. No rows is the
 * relation without rows the checks bind against.
 */
export function literalRows(dialect: Dialect, columns: readonly Column[], rows: readonly TestRow[]): string {
  if (!rows.length) return standIn(dialect, columns);
  const selects = rows.map(
    (row) => `SELECT ${columns.map((c) => `CAST(${literal(dialect, row[c.name])} AS ${c.type}) AS ${dialect.identifier(c.name)}`).join(', ')}`,
  );
  return `(${selects.join('\nUNION ALL\n')})`;
}
