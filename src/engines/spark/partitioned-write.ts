import { randomUUID } from 'node:crypto';
import { sparkDialect, sparkPath, sparkString } from '../../dialect/spark.js';
import type { Row } from '../engine.js';

/** The statements of a write partitioned by a column's values, given the values found. */
export interface SparkPartitionedWrite {
  /** Computes the rows once and keeps them for the writes (an eager cache under a temporary view). */
  readonly cache: string;
  /** The values of the partition column among the rows, as text (NULL for rows without one). */
  readonly values: string;
  /** Writes the rows of one value into `<dir>/<column>=<value>/`, the column kept in the files. */
  write(value: string | null): string;
  /** Drops the view and its cache. */
  readonly release: string;
  /** Counts the rows written, reading them back. */
  readonly count: string;
}

/** Hive's directory name for rows whose partition value is NULL, as Spark and DuckDB name it. */
const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

/**
 * A write of `select` partitioned by `column` through SQL alone: Spark's `INSERT OVERWRITE DIRECTORY`
 * takes no PARTITIONED BY, and a partitioned table write drops the column from the files. So the
 * rows are cached once, and each value's rows are written to its own `column=value/` directory with
 * the column kept, so the files read the same with or without their directory names.
 */
export function sparkPartitionedWrite(select: string, dir: string, column: string, view = `medallion_partitioned_${randomUUID().replaceAll('-', '')}`): SparkPartitionedWrite {
  const path = sparkPath(dir);
  const col = sparkDialect.identifier(column);
  return {
    cache: `CACHE TABLE ${view} AS\n${select.trim()}`,
    values: `SELECT DISTINCT CAST(${col} AS STRING) AS value FROM ${view}`,
    write: (value) =>
      `INSERT OVERWRITE DIRECTORY ${sparkString(`${path}/${column}=${value ?? NULL_PARTITION}`)} USING parquet OPTIONS ('compression' = 'snappy')\n` +
      `SELECT * FROM ${view} WHERE ${value === null ? `${col} IS NULL` : `CAST(${col} AS STRING) = ${sparkString(value)}`}`,
    release: `DROP VIEW IF EXISTS ${view}`,
    count: `SELECT count(*) AS n FROM ${sparkDialect.readParquet(path)}`,
  };
}

/** The values a `values` statement found. */
export function partitionValues(rows: readonly Row[]): Array<string | null> {
  return rows.map((r) => (r['value'] === null || r['value'] === undefined ? null : String(r['value']))).sort((a, b) => String(a).localeCompare(String(b)));
}
