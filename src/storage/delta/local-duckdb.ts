import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Runs SQL and returns its rows as JSON-safe objects (numbers beyond 2^53 and decimals as strings). */
export type QueryRows = (sql: string) => Promise<Array<Record<string, unknown>>>;

/**
 * A short-lived in-memory DuckDB for what storage must read or write as Parquet itself: file
 * footers for statistics, checkpoints. It is independent of the engine of a run (which may be a
 * remote Spark), single-threaded, and closed when `use` returns.
 */
export async function withLocalDuckDB<T>(use: (query: QueryRows) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    const open = connection;
    // Statistics and checkpoints render instants in UTC whatever the machine's zone.
    await open.run("SET TimeZone = 'UTC'");
    return await use(async (sql) => (await open.runAndReadAll(sql)).getRowObjectsJson() as Array<Record<string, unknown>>);
  } finally {
    connection?.closeSync();
    instance.closeSync();
  }
}

/** A SQL string literal. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
