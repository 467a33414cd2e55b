import type { MergeSpec } from '../model/incremental.js';

/**
 * How a run's version of a dataset is made from what it wrote and the version before it. The plan
 * chooses one per dataset (`run/incremental/choose-write-strategy.ts`), the engine writes by it,
 * and the table format carries it out when it stages the version; nothing else decides it.
 *
 * - `overwrite`: the rows written are the whole new version.
 * - `replace-days`: the rows written are those of `days`, in `<column>=YYYY-MM-DD/` directories;
 *   the previous version's other days stay as they were (none on a full refresh).
 * - `merge-sums`: the rows written are the previous version's sums per key plus the window's new
 *   partial sums minus those the window's days held before (the SQL of `run/incremental` makes
 *   them); the format stores them as the whole new version.
 */
export type WriteStrategy = Overwrite | ReplaceDays | MergeSums;

export interface Overwrite {
  readonly kind: 'overwrite';
}

export interface ReplaceDays {
  readonly kind: 'replace-days';
  /** The date column whose values name the day directories. */
  readonly column: string;
  /** The days the run writes: their previous rows go, whether or not the run wrote rows for them. */
  readonly days: readonly string[];
  /** False on a full refresh: the new version is the run's days only, and no previous day stays. */
  readonly keepOtherDays: boolean;
}

export interface MergeSums {
  readonly kind: 'merge-sums';
  readonly merge: MergeSpec;
}

/** A strategy as the run carried it out: for `replace-days`, with the rows it wrote per day (counted after the write). */
export type StrategyWritten = Overwrite | MergeSums | DaysWritten;

export interface DaysWritten extends ReplaceDays {
  /** Rows written per day. */
  readonly rowsPerDay: Readonly<Record<string, number>>;
}

export const OVERWRITE: Overwrite = Object.freeze({ kind: 'overwrite' });

/** The column a write puts in day directories, when the strategy has one. */
export function partitionColumnOf(strategy: WriteStrategy): string | undefined {
  return strategy.kind === 'replace-days' ? strategy.column : undefined;
}

/** True when the new version keeps the previous version's other days: a write of no rows then leaves the dataset those days. */
export function keepsOtherDays(strategy: WriteStrategy): boolean {
  return strategy.kind === 'replace-days' && strategy.keepOtherDays;
}

/** One phrase for logs and `medallion sql`: `overwrite`, `replace days 2024-01-02, 2024-01-03 by event_date`, `merge sums of occurrences by word`. */
export function describeStrategy(strategy: WriteStrategy): string {
  switch (strategy.kind) {
    case 'overwrite':
      return 'overwrite';
    case 'replace-days':
      return `${strategy.keepOtherDays ? 'replace days' : 'rebuild from days'} ${strategy.days.join(', ')} by ${strategy.column}`;
    case 'merge-sums':
      return `merge sums of ${strategy.merge.sums.join(', ')} by ${strategy.merge.keys.join(', ')}`;
  }
}
