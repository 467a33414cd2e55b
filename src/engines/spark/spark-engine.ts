import { sparkDialect } from '../../dialect/spark.js';
import { UserError } from '../../model/errors.js';
import type { Column, Engine, Row } from '../engine.js';
import { parseConnectionString, type SparkRemote } from './connection-string.js';
import { dataTypeName } from './data-type-name.js';
import type { ExplainMode } from './messages.js';
import { SparkConnectClient, type SparkConnectClientOptions } from './spark-connect-client.js';
import { sparkSessionSettings, type SparkSessionOptions } from './session-settings.js';
import { sparkWriteStatements, type SparkWriteStatements } from './write-statements.js';
import { partitionValues, sparkPartitionedWrite } from './partitioned-write.js';

export interface SparkEngineOptions extends SparkSessionOptions, SparkConnectClientOptions {
  /**
   * `sc://host:port/;token=…;use_ssl=true`, or an already parsed remote. When absent,
   * `SPARK_REMOTE` is read, as PySpark does.
   */
  readonly remote?: string | SparkRemote;
  /** Where `remote` came from, for error messages (default `--remote`). */
  readonly remoteSource?: string;
  /** How `explain` shows plans; the physical plan by default. */
  readonly explainMode?: ExplainMode;
  /**
   * Datasets built at the same time (default 4). One session runs several operations at once;
   * the cluster's scheduler shares its executors between them.
   */
  readonly concurrency?: number;
  /** Told what an interrupt stopped on the server, e.g. to log it. */
  readonly onInterrupt?: (message: string) => void;
  /** The environment to read `SPARK_REMOTE` from (tests pass their own). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Apache Spark through Spark Connect: the cluster runs the SQL (generation included), the client
 * only sends statements and reads small results. Paths are the cluster's: the data dir must be a
 * location the cluster can write (hdfs://, s3a://, or file: on storage it shares with us).
 *
 * ```ts
 * const engine = await SparkEngine.create({ remote: 'sc://spark-host:15002' });
 * console.log(await engine.version()); // Spark 4.0.1
 * ```
 */
export class SparkEngine implements Engine {
  readonly name = 'spark' as const;
  /** Reads of published datasets come pinned to one version from the store (`storage/pinned-directory.ts`). */
  readonly dialect = sparkDialect;
  readonly concurrency: number;
  readonly #client: SparkConnectClient;
  readonly #explainMode: ExplainMode;
  readonly #onInterrupt: ((message: string) => void) | undefined;
  #version: string | undefined;
  #interrupting: Promise<void> | undefined;

  private constructor(client: SparkConnectClient, explainMode: ExplainMode, concurrency: number, onInterrupt?: (message: string) => void) {
    this.#client = client;
    this.#onInterrupt = onInterrupt;
    this.concurrency = concurrency;
    this.#explainMode = explainMode;
  }

  /** Connects, checks the server answers, and applies the session settings. */
  static async create(options: SparkEngineOptions = {}): Promise<SparkEngine> {
    const remote = resolveRemote(options);
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new UserError(`Spark concurrency must be a positive whole number, got ${concurrency}`);
    }
    const settings = sparkSessionSettings(options);
    const client = new SparkConnectClient(remote, options);
    try {
      await client.setConfig(settings);
    } catch (error) {
      await client.close();
      throw error;
    }
    return new SparkEngine(client, options.explainMode ?? 'EXPLAIN_MODE_SIMPLE', concurrency, options.onInterrupt);
  }

  /** The statements `writeParquet` sends, rendered without a server (for `medallion sql`). */
  static writeStatements(select: string, dir: string): SparkWriteStatements {
    return sparkWriteStatements(select, dir);
  }

  /** The session id of this engine's Spark Connect session, for correlating with the server's logs. */
  get sessionId(): string {
    return this.#client.sessionId;
  }

  async version(): Promise<string> {
    this.#version ??= await this.#client.sparkVersion();
    return `Spark ${this.#version}`;
  }

  async execute(sql: string): Promise<void> {
    await this.#client.command(sql);
  }

  async query(sql: string): Promise<Row[]> {
    return this.#client.query(sql);
  }

  async describe(sql: string): Promise<Column[]> {
    const schema = await this.#client.schema(sql);
    return (schema?.struct?.fields ?? []).map((f) => ({ name: f.name, type: dataTypeName(f.data_type) }));
  }

  async writeParquet(select: string, dir: string, partitionBy?: string): Promise<number> {
    if (partitionBy) return this.#writePartitioned(select, dir, partitionBy);
    const { write, count } = sparkWriteStatements(select, dir);
    await this.#client.command(write, datasetOf(dir));
    const [row] = await this.#client.query(count);
    return Number(row?.['n'] ?? 0);
  }

  async writeParquetUncounted(select: string, dir: string): Promise<void> {
    await this.#client.command(sparkWriteStatements(select, dir).write, datasetOf(dir));
  }

  async #writePartitioned(select: string, dir: string, column: string): Promise<number> {
    const statements = sparkPartitionedWrite(select, dir, column);
    await this.#client.command(statements.cache);
    try {
      const values = partitionValues(await this.#client.query(statements.values));
      for (const value of values) await this.#client.command(statements.write(value));
      if (!values.length) return 0;
    } finally {
      await this.#client.command(statements.release);
    }
    const [row] = await this.#client.query(statements.count);
    return Number(row?.['n'] ?? 0);
  }

  async explain(sql: string): Promise<string> {
    return this.#client.explain(sql, this.#explainMode);
  }

  statementsSent(): number {
    return this.#client.plansSent;
  }

  /**
   * Ctrl-C: the statements running now are interrupted on the server and released (their calls
   * fail), rather than waited for. `close` waits for the interrupt to be answered.
   */
  interrupt(): void {
    this.#interrupting = this.#client.interrupt().then((ids) => {
      if (ids.length) this.#onInterrupt?.(`Spark Connect: the server interrupted ${ids.length} running operation${ids.length === 1 ? '' : 's'} of session ${this.sessionId} and released ${ids.length === 1 ? 'it' : 'them'}`);
    });
  }

  async close(): Promise<void> {
    await this.#interrupting;
    await this.#client.close();
  }
}

/** `gold.daily_revenue` for a write to `…/gold/daily_revenue`: what a statement builds, to name it. */
function datasetOf(dir: string): string {
  return dir.split('/').filter(Boolean).slice(-2).join('.');
}

function resolveRemote(options: SparkEngineOptions): SparkRemote {
  if (options.remote !== undefined && typeof options.remote !== 'string') return options.remote;
  const env = options.env ?? process.env;
  if (options.remote !== undefined) return parseConnectionString(options.remote, options.remoteSource ?? '--remote', env);
  const fromEnv = env['SPARK_REMOTE'];
  if (fromEnv) return parseConnectionString(fromEnv, 'SPARK_REMOTE', env);
  throw new UserError(
    'no Spark Connect server given: pass --remote sc://host:15002 or set SPARK_REMOTE (the engine spark needs a running Spark Connect server)',
  );
}
