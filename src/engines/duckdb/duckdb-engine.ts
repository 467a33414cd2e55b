import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DuckDBInstance, DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from './load-duckdb.js';
import { duckdbDialect } from '../../dialect/duckdb.js';
import { sqlString } from '../../dialect/dialect.js';
import type { Column, Engine, Row } from '../engine.js';
import { InputError } from '../../model/errors.js';

export interface DuckDBEngineOptions {
  /** Worker threads; DuckDB's default is one per core. */
  threads?: number;
  /** Connections, i.e. statements that may run at once (default: one per thread, at most 4). */
  connections?: number;
  /** e.g. `1GB`; above it DuckDB spills to `spillDir` (default `MEDALLION_DUCKDB_MEMORY`, else `DEFAULT_MEMORY_LIMIT`). */
  memoryLimit?: string;
  /** Where DuckDB may spill intermediate results that do not fit in memory (default: a folder of its own under the system's temp dir, removed on close). */
  spillDir?: string;
}

/**
 * DuckDB's own default is most of the machine's memory. An embedded engine shares a laptop with
 * everything else, and spilling the rare large sort or join to disk costs less than that: with
 * this budget a whole process stays under 1 GiB at scale 100.
 */
export const DEFAULT_MEMORY_LIMIT = '512MB';

/**
 * The embedded engine: an in-memory DuckDB database that reads and writes Parquet files.
 * It keeps one connection per thread, so that independent statements run side by side.
 */
export class DuckDBEngine implements Engine {
  readonly name = 'duckdb' as const;
  readonly dialect = duckdbDialect;
  readonly concurrency: number;
  readonly #instance: DuckDBInstance;
  readonly #all: DuckDBConnection[];
  readonly #idle: DuckDBConnection[];
  readonly #waiting: Array<{ resolve: (connection: DuckDBConnection) => void; reject: (error: Error) => void }> = [];

  readonly #ownSpillDir: string | undefined;
  readonly #memoryLimit: string;
  #sent = 0;

  private constructor(instance: DuckDBInstance, connections: DuckDBConnection[], ownSpillDir: string | undefined, memoryLimit: string) {
    this.#ownSpillDir = ownSpillDir;
    this.#memoryLimit = memoryLimit;
    this.#instance = instance;
    this.#all = connections;
    this.#idle = [...connections];
    this.concurrency = connections.length;
  }

  static async create(options: DuckDBEngineOptions = {}): Promise<DuckDBEngine> {
    const settings: Record<string, string> = {};
    if (options.threads) settings['threads'] = String(options.threads);
    settings['memory_limit'] = options.memoryLimit ?? (process.env['MEDALLION_DUCKDB_MEMORY'] || DEFAULT_MEMORY_LIMIT);
    // An in-memory database would spill into `.tmp` of the working directory: the user's folder.
    const ownSpillDir = options.spillDir ? undefined : join(tmpdir(), `medallion-duckdb-${process.pid}-${randomUUID().slice(0, 8)}`);
    settings['temp_directory'] = options.spillDir ?? ownSpillDir!;
    const instance = await duckdb().DuckDBInstance.create(':memory:', settings);
    const count = options.connections ?? Math.max(1, Math.min(options.threads ?? availableParallelism(), 4));
    const connections = await Promise.all(Array.from({ length: count }, () => instance.connect()));
    return new DuckDBEngine(instance, connections, ownSpillDir, settings['memory_limit']);
  }

  async #with<T>(use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    this.#sent += 1;
    const connection = this.#idle.pop() ?? (await new Promise<DuckDBConnection>((resolve, reject) => this.#waiting.push({ resolve, reject })));
    try {
      return await use(connection);
    } catch (error) {
      throw asInputError(error) ?? asMemoryError(error, this.#memoryLimit) ?? error;
    } finally {
      const next = this.#waiting.shift();
      if (next) next.resolve(connection);
      else this.#idle.push(connection);
    }
  }

  async version(): Promise<string> {
    const [row] = await this.query('SELECT version() AS v');
    return `DuckDB ${String(row?.['v'])}`;
  }

  async execute(sql: string): Promise<void> {
    await this.#with((c) => c.run(sql));
  }

  async query(sql: string): Promise<Row[]> {
    const reader = await this.#with((c) => c.runAndReadAll(sql));
    return reader.getRowObjectsJS().map(normalizeRow);
  }

  async describe(sql: string): Promise<Column[]> {
    const rows = await this.query(`DESCRIBE ${sql}`);
    return rows.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
  }

  async writeParquet(select: string, dir: string, partitionBy?: string): Promise<number> {
    mkdirSync(partitionBy ? dir : dirname(parquetFile(dir)), { recursive: true });
    const reader = await this.#with((c) => c.runAndReadAll(duckdbWriteStatement(select, dir, partitionBy)));
    const [row] = reader.getRowsJS();
    return Number(row?.[0] ?? 0);
  }

  async explain(sql: string): Promise<string> {
    const reader = await this.#with((c) => c.runAndReadAll(`EXPLAIN ${sql}`));
    return reader
      .getRowObjectsJS()
      .map((r) => String(r['explain_value']))
      .join('\n');
  }

  statementsSent(): number {
    return this.#sent;
  }

  /** Stops the running statements, and fails those still waiting for a connection. */
  interrupt(): void {
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new Error('interrupted before it started'));
    for (const connection of this.#all) if (!this.#idle.includes(connection)) connection.interrupt();
  }

  async close(): Promise<void> {
    for (const connection of this.#all) connection.closeSync();
    this.#instance.closeSync();
    if (this.#ownSpillDir) rmSync(this.#ownSpillDir, { recursive: true, force: true });
  }
}

/**
 * The statement `writeParquet` runs: one snappy Parquet file per dataset version, or the one part
 * file named (`…/part-00003.parquet`) of a dataset written in parts. Bloom filters are off: our
 * datasets are read whole, and writing them costs more than they save.
 */
export function duckdbWriteStatement(select: string, dir: string, partitionBy?: string): string {
  if (partitionBy) {
    // The files keep the column, so that they read the same with or without their directory names.
    return `COPY (${select}) TO ${sqlString(dir)} (FORMAT parquet, COMPRESSION snappy, WRITE_BLOOM_FILTER false, PARTITION_BY (${duckdbDialect.identifier(partitionBy)}), WRITE_PARTITION_COLUMNS true, FILENAME_PATTERN 'part-{i}')`;
  }
  return `COPY (${select}) TO ${sqlString(parquetFile(dir))} (FORMAT parquet, COMPRESSION snappy, WRITE_BLOOM_FILTER false)`;
}

/** The file an unpartitioned write goes to: the part file named, or the one file of a directory. */
function parquetFile(target: string): string {
  return target.endsWith('.parquet') ? target : join(target, 'part-00000.parquet');
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

/**
 * DuckDB's out-of-memory error, with what a user of medallion can do about it: DuckDB's own advice
 * (`SET threads`, `SET memory_limit`) names settings of a session they never see.
 */
function asMemoryError(error: unknown, limit: string): Error | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const oom = /^Out of Memory Error: ([^\n]*)/.exec(message);
  if (!oom) return undefined;
  return new Error(
    `DuckDB ran out of its memory limit of ${limit} (${oom[1]!.trim()}): run again with a higher limit, e.g. MEDALLION_DUCKDB_MEMORY=4GB ` +
      '(beyond it DuckDB spills what it can to disk); a run over days builds each day of its sources in one statement, so a long backfill may instead be run in shorter --from/--to ranges',
    { cause: error },
  );
}

/**
 * DuckDB's messages for input files that cannot be read as given, turned into one line that
 * says what is wrong with which input. Anything else stays an engine error, with its stack.
 */
function asInputError(error: unknown): InputError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const unicode = /CSV Error on Line: (\d+)\s+Original Line: ([^\n]*)\n\s*Invalid unicode/.exec(message);
  if (unicode) {
    return new InputError(
      `an input file is not valid UTF-8 at line ${unicode[1]} (${JSON.stringify(unicode[2]!.slice(0, 60))}); convert it to UTF-8 or remove the line`,
    );
  }
  const tooLong = /CSV Error on Line: (\d+)[\s\S]*?Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+) bytes/.exec(message);
  if (tooLong) {
    return new InputError(`an input file has a line of ${tooLong[3]} bytes at line ${tooLong[1]}, over the ${tooLong[2]} bytes the reader takes; split the file into lines`);
  }
  const missing = /No files found that match the pattern "([^"]+)"/.exec(message);
  if (missing && !missing[1]!.endsWith('.parquet')) return new InputError(`no input files match '${missing[1]}'`);
  return undefined;
}
