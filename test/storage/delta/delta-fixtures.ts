import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commitWrite, moveIntoTable, type DeltaCommitResult } from '../../../src/storage/formats/delta/index.js';
import type { SchemaColumn } from '../../../src/storage/version-record.js';
import { reader } from '../../helpers.js';

/** Columns of the batches below, as DuckDB names them. */
export const BATCH_COLUMNS: SchemaColumn[] = [
  { name: 'id', type: 'BIGINT' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'amount', type: 'DECIMAL(12,2)' },
  { name: 'at', type: 'TIMESTAMP' },
  { name: 'day', type: 'DATE' },
  { name: 'flag', type: 'BOOLEAN' },
  { name: 'score', type: 'DOUBLE' },
];

/** SQL for `count` rows with ids from `first`; `score` is null on every fourth row. */
export function batchSql(first: number, count: number): string {
  return `SELECT (${first} + range)::BIGINT AS id, 'name ' || (${first} + range) AS name,
    ((${first} + range) / 4.0)::DECIMAL(12,2) AS amount,
    TIMESTAMP '2024-03-01 08:00:00' + to_minutes(${first} + range) AS at,
    DATE '2024-03-01' + (range % 7)::INTEGER AS day, range % 2 = 0 AS flag,
    CASE WHEN range % 4 = 3 THEN NULL ELSE range * 1.5 END AS score
    FROM range(${count})`;
}

/** Writes one batch as Parquet (as an engine would, into a staging directory) and commits it. */
export async function commitBatch(
  tableDir: string,
  first: number,
  count: number,
  mode: 'append' | 'overwrite' = 'append',
  columns: SchemaColumn[] = BATCH_COLUMNS,
  select = batchSql(first, count),
): Promise<DeltaCommitResult> {
  const staging = join(tableDir, '_staging', `${first}-${count}-${Date.now()}`);
  mkdirSync(staging, { recursive: true });
  const engine = await reader();
  await engine.execute(`COPY (${select}) TO '${join(staging, 'data_0.parquet')}' (FORMAT parquet)`);
  try {
    const files = await moveIntoTable(staging, tableDir);
    return await commitWrite(tableDir, { files, columns, mode, runId: `run-${first}` });
  } finally {
    rmSync(join(tableDir, '_staging'), { recursive: true, force: true });
  }
}

/** Rows of the given files, ordered by id, as DuckDB reads them. */
export async function rowsOf(files: readonly string[]): Promise<Array<Record<string, unknown>>> {
  if (!files.length) return [];
  const engine = await reader();
  return engine.query(`SELECT * FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}]) ORDER BY id`);
}
