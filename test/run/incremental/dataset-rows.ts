import { join } from 'node:path';
import { reader } from '../../helpers.js';

/**
 * Every row of a dataset as published (partition directories included), every column, sorted by
 * every column: two data dirs hold the same data exactly when these are deeply equal.
 */
export async function allRows(dataDir: string, dataset: string): Promise<unknown[][]> {
  const [layer, name] = dataset.split('.') as [string, string];
  const relation = `read_parquet('${join(dataDir, layer, name)}/**/*.parquet', hive_partitioning = false)`;
  const engine = await reader();
  const columns = (await engine.describe(`SELECT * FROM ${relation}`)).map((c) => `"${c.name}"`);
  const rows = await engine.query(`SELECT ${columns.join(', ')} FROM ${relation} ORDER BY ${columns.join(', ')}`);
  return rows.map((r) => Object.values(r).map((v) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v)));
}

/** Column names and types of a dataset as published. */
export async function columnsOf(dataDir: string, dataset: string): Promise<string[]> {
  const [layer, name] = dataset.split('.') as [string, string];
  const engine = await reader();
  return (await engine.describe(`SELECT * FROM read_parquet('${join(dataDir, layer, name)}/**/*.parquet', hive_partitioning = false)`)).map((c) => `${c.name} ${c.type}`);
}
