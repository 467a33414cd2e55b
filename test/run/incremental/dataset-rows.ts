import assert from 'node:assert/strict';
import { join } from 'node:path';
import { reader } from '../../helpers.js';

/**
 * Rows of a relation, every column but `run_id` (a change set records the run that computed it,
 * which differs from run to run by design), sorted by its whole numbers, text and dates first and
 * its floating-point columns last.
 */
export async function rowsOf(relation: string): Promise<unknown[][]> {
  const engine = await reader();
  const described = (await engine.describe(`SELECT * FROM ${relation}`)).filter((c) => c.name !== 'run_id');
  const isFloat = (type: string) => /DOUBLE|FLOAT|REAL/.test(type);
  const quoted = (name: string) => `"${name}"`;
  const order = [...described.filter((c) => !isFloat(c.type)), ...described.filter((c) => isFloat(c.type))].map((c) => quoted(c.name));
  const rows = await engine.query(`SELECT ${described.map((c) => quoted(c.name)).join(', ')} FROM ${relation} ORDER BY ${order.join(', ')}`);
  return rows.map((r) => Object.values(r).map((v) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v)));
}

/** Every row of a dataset as published (partition directories included), every column; see `rowsOf`. */
export async function allRows(dataDir: string, dataset: string): Promise<unknown[][]> {
  const [layer, name] = dataset.split('.') as [string, string];
  return rowsOf(`read_parquet('${join(dataDir, layer, name)}/**/*.parquet', hive_partitioning = false)`);
}

/** Column names and types of a dataset as published. */
export async function columnsOf(dataDir: string, dataset: string): Promise<string[]> {
  const [layer, name] = dataset.split('.') as [string, string];
  const engine = await reader();
  return (await engine.describe(`SELECT * FROM read_parquet('${join(dataDir, layer, name)}/**/*.parquet', hive_partitioning = false)`)).map((c) => `${c.name} ${c.type}`);
}

/**
 * The same rows, every row and every column: whole numbers, text, dates and instants exactly;
 * floating-point values exactly, or one unit in the last place of a value rounded to cents. An
 * aggregate of doubles (`round(avg(amount), 2)`) recomputed over the same rows read in another
 * order may land on the other side of a tie; anything more is a difference.
 */
export function assertSameRows(actual: readonly unknown[][], expected: readonly unknown[][], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: row count`);
  actual.forEach((row, i) => {
    const other = expected[i]!;
    assert.equal(row.length, other.length, `${what}: columns of row ${i}`);
    row.forEach((value, j) => {
      const want = other[j];
      if (typeof value === 'number' && typeof want === 'number' && !(Number.isInteger(value) && Number.isInteger(want))) {
        assert.ok(Math.abs(value - want) <= 0.0100001, `${what}: row ${i} column ${j}: ${value} vs ${want}`);
      } else {
        assert.deepEqual(value, want, `${what}: row ${i} column ${j}`);
      }
    });
  });
}

/** `assertSameRows` for each dataset of two snapshots. */
export function assertSameDatasets(actual: Readonly<Record<string, unknown[][]>>, expected: Readonly<Record<string, unknown[][]>>): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const name of Object.keys(expected)) assertSameRows(actual[name]!, expected[name]!, name);
}
