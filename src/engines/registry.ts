import { duckdbDialect } from '../dialect/duckdb.js';
import { sparkDialect } from '../dialect/spark.js';
import type { Dialect } from '../dialect/dialect.js';
import { UserError } from '../model/errors.js';
import type { Engine, EngineName } from './engine.js';

export const ENGINE_NAMES: readonly EngineName[] = ['duckdb', 'spark'];

export interface EngineChoice {
  readonly engine: EngineName;
  /** Spark Connect remote (`sc://host:port/;token=…`); `SPARK_REMOTE` when absent. */
  readonly remote?: string;
  /** Logs retries of transient errors. */
  readonly onRetry?: (message: string) => void;
  /** Told what a Ctrl-C stopped on the server (Spark). */
  readonly onInterrupt?: (message: string) => void;
}

export function parseEngineName(value: string): EngineName {
  if (!ENGINE_NAMES.includes(value as EngineName)) {
    throw new UserError(`--engine must be ${ENGINE_NAMES.join(' or ')}, got '${value}'`);
  }
  return value as EngineName;
}

/** Opens the chosen engine; each is loaded only when chosen, so DuckDB users never load gRPC. */
export async function openEngine(choice: EngineChoice): Promise<Engine> {
  if (choice.engine === 'duckdb') {
    const { DuckDBEngine } = await import('./duckdb/duckdb-engine.js');
    return DuckDBEngine.create();
  }
  const { SparkEngine } = await import('./spark/spark-engine.js');
  return SparkEngine.create({
    ...(choice.remote ? { remote: choice.remote } : {}),
    remoteSource: choice.remote ? '--remote' : 'SPARK_REMOTE',
    ...(choice.onInterrupt ? { onInterrupt: choice.onInterrupt } : {}),
    ...(choice.onRetry ? { onRetry: (info: { attempt: number; delayMs: number; reason: string }) => choice.onRetry!(`Spark Connect: retry ${info.attempt} in ${info.delayMs} ms (${info.reason})`) } : {}),
  });
}

/** What an engine would send, rendered without connecting: its dialect, session setup and writes. */
export interface EngineStatements {
  readonly dialect: Dialect;
  readonly session: readonly string[];
  write(select: string, dir: string, partitionBy?: string): string[];
  /** A write whose count the run reads elsewhere (`Statement.uncounted`). */
  writeUncounted(select: string, dir: string, partitionBy?: string): string[];
  /** How the engine asks for a query's columns. */
  describe(sql: string): string;
}

export async function engineStatements(name: EngineName): Promise<EngineStatements> {
  if (name === 'duckdb') {
    const { duckdbWriteStatement } = await import('./duckdb/duckdb-engine.js');
    const write = (select: string, dir: string, partitionBy?: string) => [duckdbWriteStatement(select, dir, partitionBy)];
    return { dialect: duckdbDialect, session: [], write, writeUncounted: write, describe: (sql) => `DESCRIBE ${sql}` };
  }
  const { sparkWriteStatements } = await import('./spark/write-statements.js');
  const { sparkPartitionedWrite } = await import('./spark/partitioned-write.js');
  const { settingsAsSql, sparkSessionSettings } = await import('./spark/session-settings.js');
  const write = (select: string, dir: string, partitionBy?: string): string[] => {
    if (partitionBy) {
      // The values are found at run time: one write per value, shown for a placeholder value.
      const w = sparkPartitionedWrite(select, dir, partitionBy, 'medallion_partitioned');
      return [w.cache, w.values, w.write('<value>'), w.release, w.count];
    }
    const { write, count } = sparkWriteStatements(select, dir);
    return [write, count];
  };
  return {
    dialect: sparkDialect,
    session: settingsAsSql(sparkSessionSettings()),
    write,
    writeUncounted: (select, dir, partitionBy) => (partitionBy ? write(select, dir, partitionBy) : [sparkWriteStatements(select, dir).write]),
    // Sent as an analyze request of the query's plan, which is what DESCRIBE QUERY does.
    describe: (sql) => `DESCRIBE QUERY ${sql}`,
  };
}
