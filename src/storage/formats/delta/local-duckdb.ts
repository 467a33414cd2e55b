import type { DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from '../../../engines/duckdb/load-duckdb.js';

/** Runs SQL and returns its rows as JSON-safe objects (numbers beyond 2^53 and decimals as strings). */
export type QueryRows = (sql: string) => Promise<Array<Record<string, unknown>>>;

let shared: Promise<DuckDBInstance> | undefined;

/**
 * An in-memory DuckDB for what storage must read or write as Parquet itself: file footers for
 * statistics, checkpoints. It is independent of the engine of a run (which may be a remote Spark),
 * single-threaded, and shared by the whole process, since opening one costs far more (tens of ms)
 * than reading a footer; each use gets its own connection, closed when `use` returns.
 */
export async function withLocalDuckDB<T>(use: (query: QueryRows) => Promise<T>): Promise<T> {
  shared ??= duckdb().DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await (await shared).connect();
  try {
    // Statistics and checkpoints render instants in UTC whatever the machine's zone.
    await connection.run("SET TimeZone = 'UTC'");
    return await use(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Array<Record<string, unknown>>);
  } finally {
    connection.closeSync();
  }
}

/** A SQL string literal. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
