import { sparkDialect, sparkPath, sparkString } from '../../dialect/spark.js';

/** The statements that write a dataset on Spark: the write, then the count of what was written. */
export interface SparkWriteStatements {
  /** Replaces `dir` with the rows of the query as snappy Parquet part files and a `_SUCCESS` marker. */
  readonly write: string;
  /** Counts the rows written, reading them back (Spark does not return the count of an INSERT). */
  readonly count: string;
}

/**
 * The exact SQL `SparkEngine.writeParquet(select, dir)` sends, rendered without a server so a
 * command can print every statement of a run.
 */
export function sparkWriteStatements(select: string, dir: string): SparkWriteStatements {
  const path = sparkPath(dir);
  return {
    write: `INSERT OVERWRITE DIRECTORY ${sparkString(path)} USING parquet OPTIONS ('compression' = 'snappy')\n${select.trim()}`,
    count: `SELECT count(*) AS n FROM ${sparkDialect.readParquet(path)}`,
  };
}
