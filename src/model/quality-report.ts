export interface ColumnProfile {
  readonly name: string;
  readonly type: string;
  readonly nulls: number;
  /** Share of non-null values, in percent. */
  readonly completeness: number;
  /** Distinct non-null values (HyperLogLog estimate, exact for keys). */
  readonly distinct: number;
  /** True when `distinct` is an estimate (a sketch, within a few percent; never above the non-null values): every column but a key. */
  readonly distinctApprox?: boolean;
  /** Smallest and largest value, for numbers, dates and timestamps. */
  readonly min?: string | number;
  readonly max?: string | number;
  /** The most frequent values of a text column with few distinct values. */
  readonly top?: ReadonlyArray<{ readonly value: string; readonly count: number }>;
}

export interface DuplicateReport {
  readonly key: string;
  /** Rows whose key value already appeared in another row (NULL keys not counted). */
  readonly duplicates: number;
}

/** A dataset's profile: per column nulls, completeness, distinct values, range and top values; duplicate keys. */
export interface QualityReport {
  readonly rows: number;
  readonly totalNulls: number;
  /** Share of non-null cells over all columns, in percent. */
  readonly completeness: number;
  readonly columns: readonly ColumnProfile[];
  readonly duplicates: readonly DuplicateReport[];
}
