import { existsSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../model/errors.js';
import type { DaysWritten, ReplaceDays } from '../../write-strategy.js';

/** The day partitions a version holds, as its record keeps them. */
export interface PartitionRecord {
  readonly column: string;
  /** Rows per day. */
  readonly rows: Readonly<Record<string, number>>;
}

/** `<column>=<day>`: the directory of one day's files. */
export function partitionDirName(column: string, day: string): string {
  return `${column}=${day}`;
}

/** The days of `previous` (the previous version's days; `not partitioned` for a version written without days) that a run replacing days keeps as they are. */
export function keptDays(dataset: string, previous: PartitionRecord | 'not partitioned' | undefined, strategy: ReplaceDays): string[] {
  if (!strategy.keepOtherDays || !previous) return [];
  if (previous === 'not partitioned' || previous.column !== strategy.column) {
    throw new UserError(
      `${dataset} was not built partitioned by ${strategy.column}: rebuild it once with --full-refresh (with --from/--to) before running single days`,
    );
  }
  const replaced = new Set(strategy.days);
  return Object.keys(previous.rows).filter((day) => !replaced.has(day)).sort();
}

/**
 * Hard-links the files of the kept days of the previous version (in `previousDir`) into the staged
 * directory, so that it holds the whole new version while the kept files are stored once. Returns
 * the partition record of the new version.
 */
export function linkKeptPartitions(dataset: string, previousDir: string, previous: PartitionRecord | 'not partitioned' | undefined, staged: string, written: DaysWritten): PartitionRecord {
  const rows: Record<string, number> = { ...written.rowsPerDay };
  for (const day of keptDays(dataset, previous, written)) {
    const name = partitionDirName(written.column, day);
    const from = join(previousDir, name);
    if (!existsSync(from)) throw new Error(`${dataset}: the previous version lists day ${day} but has no directory ${from}`);
    mkdirSync(join(staged, name), { recursive: true });
    for (const file of readdirSync(from)) linkSync(join(from, file), join(staged, name, file));
    rows[day] = (previous as PartitionRecord).rows[day]!;
  }
  return { column: written.column, rows: Object.fromEntries(Object.entries(rows).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** Total rows of a partition record. */
export function partitionRows(record: PartitionRecord): number {
  return Object.values(record.rows).reduce((sum, n) => sum + n, 0);
}
