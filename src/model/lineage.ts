/** A column of a dataset of the same pipeline. */
export interface ColumnRef {
  readonly dataset: string;
  readonly column: string;
}

/**
 * How a column's value is made from its sources within its own dataset's SQL, from the least
 * to the most transforming: `copy` (the source's value unchanged, perhaps renamed), `expression`
 * (a function of values of the same row), `window` (of values of other rows too), `aggregate`
 * (of a group of rows), `constant` (of no column), `origin` (a bronze column: where lineage
 * starts).
 */
export type ColumnTransform = 'origin' | 'copy' | 'expression' | 'window' | 'aggregate' | 'constant';

/** One hop of column-level lineage: the upstream columns one output column is computed from. */
export interface ColumnLineage {
  readonly column: string;
  readonly transform: ColumnTransform;
  /** The columns of the dataset's inputs its value is computed from. */
  readonly sources: readonly ColumnRef[];
  /** Inputs whose rows it counts without reading a column of them (`count(*)`). */
  readonly rowsOf?: readonly string[];
  /** Columns of the version of a dataset published before the run (a history building on itself, for one). */
  readonly previous?: readonly ColumnRef[];
  /** What the analysis could not follow, in words; the sources are then incomplete. */
  readonly unresolved?: readonly string[];
}

/** The lineage of every declared column of one dataset, in the declared order. */
export interface DatasetLineage {
  readonly dataset: string;
  readonly columns: readonly ColumnLineage[];
}

export function columnKey(ref: ColumnRef): string {
  return `${ref.dataset}.${ref.column}`;
}
