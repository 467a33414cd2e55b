import { UserError } from '../../model/errors.js';

export interface SparkSessionOptions {
  /** Partitions of every shuffle (joins, aggregations); AQE coalesces small ones. Default 20. */
  readonly shufflePartitions?: number;
  /** Further session settings, applied last (they may override ours). */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * The session settings a medallion run uses, as the original project set them: adaptive query
 * execution on, coalescing of small shuffle partitions (so few, larger files are written),
 * 20 shuffle partitions, UTC. Besides:
 * - ANSI mode: Spark 4's default semantics on Spark 3.5 too. Identifiers are quoted with
 *   backticks by the dialect, so no identifier setting is needed (some servers refuse them).
 * - Timestamps written as Parquet INT64 microseconds, which DuckDB, Polars and pandas read
 *   without the legacy INT96 conversion.
 */
export function sparkSessionSettings(options: SparkSessionOptions = {}): Record<string, string> {
  const partitions = options.shufflePartitions ?? 20;
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new UserError(`shuffle partitions must be a positive whole number, got ${partitions}`);
  }
  return {
    'spark.sql.adaptive.enabled': 'true',
    'spark.sql.adaptive.coalescePartitions.enabled': 'true',
    'spark.sql.shuffle.partitions': String(partitions),
    'spark.sql.session.timeZone': 'UTC',
    'spark.sql.ansi.enabled': 'true',
    'spark.sql.parquet.outputTimestampType': 'TIMESTAMP_MICROS',
    ...options.settings,
  };
}

/** The settings as `SET key=value` statements, for printing what a run does (they travel by the Config RPC). */
export function settingsAsSql(settings: Readonly<Record<string, string>>): string[] {
  return Object.entries(settings).map(([key, value]) => `SET ${key}=${value}`);
}
