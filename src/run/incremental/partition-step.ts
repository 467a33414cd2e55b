import type { Dialect } from '../../dialect/dialect.js';
import type { Row } from '../../model/values.js';
import type { DaysWritten, ReplaceDays, WriteStrategy } from '../../storage/write-strategy.js';
import type { Statement } from '../plan.js';
import { dayList } from './windowed-datasets.js';

/** What a `replace-days` write sends and reads besides the rows of its days. */
export interface PartitionStep {
  /** Rows written per day, sent right after the write. */
  readonly rows: Statement;
  /**
   * The rows this run wrote, read from the staged version (which also holds the days it keeps):
   * what the profile describes, so that a day's run profiles a day, not the whole history.
   */
  readonly written: string;
}

/** The partition step of a `replace-days` write; undefined for every other strategy. */
export function partitionStep(strategy: WriteStrategy, dialect: Dialect, stagedRelation: string): PartitionStep | undefined {
  if (strategy.kind !== 'replace-days') return undefined;
  const column = dialect.identifier(strategy.column);
  return {
    written: `(SELECT * FROM ${stagedRelation} AS w WHERE ${column} IN (${dayList(strategy)}))`,
    rows: {
      kind: 'query',
      sql: `SELECT CAST(${column} AS ${dialect.textType}) AS day, count(*) AS n FROM ${stagedRelation} AS d GROUP BY ${column}`,
      purpose: 'rows per day written',
    },
  };
}

/** The strategy as carried out, from the rows-per-day result: what the table format stages. */
export function daysWritten(strategy: ReplaceDays, counted: readonly Row[]): DaysWritten {
  const rowsPerDay: Record<string, number> = {};
  for (const r of counted) rowsPerDay[String(r['day'])] = Number(r['n']);
  return { ...strategy, rowsPerDay };
}
