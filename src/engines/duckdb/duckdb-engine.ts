import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckdbDialect } from '../../dialect/duckdb.js';
import { sqlString } from '../../dialect/dialect.js';
import type { Column, Engine, Row } from '../engine.js';

export interface DuckDBEngineOptions {
  /** Worker threads; DuckDB's default is one per core. */
  threads?: number;
  /** e.g. `1GB`; above it DuckDB spills to `spillDir`. */
  memoryLimit?: string;
  /** Where DuckDB may spill intermediate results that do not fit in memory. */
  spillDir?: string;
}

/** The embedded engine: an in-memory DuckDB database that reads and writes Parquet files. */
export class DuckDBEngine implements Engine {
  readonly name = 'duckdb' as const;
  readonly dialect = duckdbDialect;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.#instance = instance;
    this.#connection = connection;
  }

  static async create(options: DuckDBEngineOptions = {}): Promise<DuckDBEngine> {
    const settings: Record<string, string> = {};
    if (options.threads) settings['threads'] = String(options.threads);
    if (options.memoryLimit) settings['memory_limit'] = options.memoryLimit;
    if (options.spillDir) settings['temp_directory'] = options.spillDir;
    const instance = await DuckDBInstance.create(':memory:', settings);
    const connection = await instance.connect();
    return new DuckDBEngine(instance, connection);
  }

  async version(): Promise<string> {
    const [row] = await this.query('SELECT version() AS v');
    return `DuckDB ${String(row?.['v'])}`;
  }

  async execute(sql: string): Promise<void> {
    await this.#connection.run(sql);
  }

  async query(sql: string): Promise<Row[]> {
    const reader = await this.#connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map(normalizeRow);
  }

  async describe(sql: string): Promise<Column[]> {
    const rows = await this.query(`DESCRIBE ${sql}`);
    return rows.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
  }

  async writeParquet(select: string, dir: string): Promise<number> {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'part-00000.parquet');
    const reader = await this.#connection.runAndReadAll(
      `COPY (${select}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION snappy, WRITE_BLOOM_FILTER false)`,
    );
    const [row] = reader.getRowsJS();
    return Number(row?.[0] ?? 0);
  }

  async explain(sql: string): Promise<string> {
    const reader = await this.#connection.runAndReadAll(`EXPLAIN ${sql}`);
    return reader
      .getRowObjectsJS()
      .map((r) => String(r['explain_value']))
      .join('\n');
  }

  async close(): Promise<void> {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}

/** BIGINTs become numbers when they fit, so results compare and print naturally. */
function normalizeRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] =
      typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value;
  }
  return out;
}
