import type { Dialect } from '../dialect/dialect.js';

export type EngineName = 'duckdb' | 'spark';

export type { Column, Row } from '../model/values.js';
import type { Column, Row } from '../model/values.js';

/**
 * The one thing core knows about an engine: run SQL, read small results, write Parquet.
 * Implementations wrap their client thinly; they know nothing of pipelines.
 */
export interface Engine {
  readonly name: EngineName;
  readonly dialect: Dialect;
  /** How many statements the engine runs well at the same time; the runner builds that many datasets at once. */
  readonly concurrency: number;
  /** e.g. `DuckDB v1.4.1`. */
  version(): Promise<string>;
  /** Runs a statement whose result is not needed. */
  execute(sql: string): Promise<void>;
  /** Runs a query and returns all its rows; meant for small results. */
  query(sql: string): Promise<Row[]>;
  /** The columns a query would return, without running it. */
  describe(sql: string): Promise<Column[]>;
  /**
   * Writes the rows of `select` as Parquet files into the directory `dir` (created by the engine,
   * must not exist) and returns how many rows were written. With `partitionBy`, files land under
   * `<column>=<value>/` directories, and still hold the column. On engines whose dialect has
   * `partRows`, `dir` may instead name one part file (`…/part-00003.parquet`) to write.
   */
  writeParquet(select: string, dir: string, partitionBy?: string): Promise<number>;
  /**
   * `writeParquet` without the count, on engines where counting what was written is a statement
   * of its own (Spark reads the files back): for writes whose count the caller reads elsewhere.
   */
  writeParquetUncounted?(select: string, dir: string): Promise<void>;
  /** The engine's physical plan of a query, as text. */
  explain(sql: string): Promise<string>;
  /**
   * The statements sent so far: on DuckDB each statement run, on Spark each plan executed or
   * analyzed (a partitioned write is several). What a run costs in round trips, for the benchmark.
   */
  statementsSent?(): number;
  /** Stops the statements running now, which then fail; for a run that is being interrupted. */
  interrupt?(): void;
  close(): Promise<void>;
}
