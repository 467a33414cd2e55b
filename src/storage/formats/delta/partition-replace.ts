import { linkSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../../model/errors.js';
import type { ReplaceDays } from '../../write-strategy.js';
import { decodeDataPath } from './actions.js';
import type { DeltaSnapshot } from './snapshot.js';

/** Files of a table (relative paths) kept by a run that replaces some day partitions, and their rows. */
export interface KeptFiles {
  /** Paths of the hard links made in the staging directory, relative to it. */
  readonly links: readonly string[];
  readonly rows: number;
}

/**
 * Hard-links into `staged` the snapshot's files of the day partitions a run keeps, so that readers
 * of the staged directory read the whole new version; the commit unlinks them again and adds only
 * the new files. A table not partitioned by the run's column is refused.
 */
export function linkKeptFiles(dataset: string, snapshot: DeltaSnapshot | undefined, staged: string, strategy: ReplaceDays): KeptFiles {
  if (!snapshot || !strategy.keepOtherDays) return { links: [], rows: 0 };
  if (snapshot.partitionColumns.join(',') !== strategy.column) {
    throw new UserError(`${dataset} is not a Delta table partitioned by ${strategy.column}: rebuild it once with --full-refresh (with --from/--to) before running single days`);
  }
  const replaced = new Set(strategy.days);
  const links: string[] = [];
  let rows = 0;
  snapshot.state.files.forEach((file, index) => {
    const day = file.partitionValues[strategy.column];
    if (day === null || day === undefined || replaced.has(day)) return;
    const rel = decodeDataPath(file.path);
    // Named like a data file (readers skip names starting with `_`), and unlike any the table has.
    const link = join(dirname(rel), `kept-${index}-${basename(rel)}`);
    mkdirSync(dirname(join(staged, link)), { recursive: true });
    linkSync(join(snapshot.tableDir, rel), join(staged, link));
    links.push(link);
    rows += file.stats ? ((JSON.parse(file.stats) as { numRecords?: number }).numRecords ?? 0) : 0;
  });
  return { links, rows };
}

/** Removes the links `linkKeptFiles` made, so that the staging directory holds only the run's new files. */
export function unlinkKeptFiles(staged: string, kept: KeptFiles | undefined): void {
  for (const link of kept?.links ?? []) rmSync(join(staged, link), { force: true });
}
