/**
 * How a dataset is rebuilt by a run over a window of days (`--date`, `--from/--to`):
 *
 * - `daily`: its rows belong to days (`partitionBy`); a run rebuilds only the window's days and
 *   keeps the other days of the previous version as they were.
 * - `merge`: a whole-history aggregate of sums per key; a run adds the window's new partial sums to
 *   the previous version and takes away the partial sums of the rows those days held before.
 *   Only correct for exact sums (counts, integer totals), which is what declaring it asserts.
 * - `full` (the default): recomputed from its inputs as they are after the run.
 */
export type IncrementalMode = 'daily' | 'merge' | 'full';

/** What a `merge` dataset is made of: its SQL must be `SELECT keys…, sums… GROUP BY keys…`. */
export interface MergeSpec {
  /** The group-by columns. */
  readonly keys: readonly string[];
  /** Whole-number sums (counts) per key; a key whose sums all come to 0 is gone. */
  readonly sums: readonly string[];
  /** The ORDER BY of the merged rows, e.g. `occurrences DESC, word`. */
  readonly orderBy?: string;
}

export type IncrementalSpec = 'daily' | 'full' | { readonly merge: MergeSpec };

/** The mode of an incremental declaration. */
export function incrementalMode(spec: IncrementalSpec | undefined): IncrementalMode {
  if (spec === undefined || spec === 'full') return 'full';
  return spec === 'daily' ? 'daily' : 'merge';
}
