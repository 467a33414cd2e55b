import type { Row } from './values.js';
import type { DatasetContext } from './dataset-context.js';

/**
 * What happens to the rows an expectation rejects, as in Delta Live Tables:
 * `warn` keeps them and counts them, `drop` removes and counts them, `quarantine` moves them to
 * `<data-dir>/_quarantine/<dataset>/` with the reason, and `fail` stops the run before the
 * dataset (or anything downstream) is published.
 */
export type ExpectationAction = 'warn' | 'drop' | 'quarantine' | 'fail';

export type ExpectationKind =
  | 'not_null'
  | 'unique'
  | 'accepted_values'
  | 'range'
  | 'pattern'
  | 'references'
  | 'row_count'
  | 'freshness'
  | 'custom'
  | 'reconciles';

/**
 * How many failures an expectation tolerates before it acts (like `mostly` in Great
 * Expectations, or dbt's `warn_if`/`error_if`): it trips only when more than `rows` rows, or
 * more than `fraction` of the rows checked, fail. Rows of a `drop` or `quarantine`
 * expectation are removed either way; the tolerance decides whether that is worth a warning.
 */
export interface Tolerance {
  readonly rows?: number;
  readonly fraction?: number;
}

interface ExpectationBase {
  readonly name: string;
  readonly kind: ExpectationKind;
  readonly action: ExpectationAction;
  readonly description: string;
  /** The columns it looks at, shown next to failing examples. */
  readonly columns: readonly string[];
  readonly tolerance?: Tolerance;
  /**
   * For drop and quarantine: the share of the rows checked (0–1) it may remove before the run
   * stops instead, default `DEFAULT_MAX_REJECTED`. Removing most of a dataset is a broken input
   * (a wrong file, a changed format), not a few bad rows; 1 lets it remove everything.
   */
  readonly maxRejected?: number;
}

/** A drop or quarantine that would remove more than half of the rows checked stops the run. */
export const DEFAULT_MAX_REJECTED = 0.5;

/** Checked on every row: `passes` is a SQL boolean over the dataset's rows. */
export interface RowExpectation<C = unknown> extends ExpectationBase {
  readonly scope: 'row';
  passes(ctx: DatasetContext<C>): string;
  /** SQL text expression saying why a row failed; the description when absent. */
  reason?(ctx: DatasetContext<C>): string;
  /** For referential integrity: the dataset and column every value must exist in. */
  readonly references?: { readonly dataset: string; readonly column: string };
}

/**
 * A whole-dataset check made of aggregates only: `own` over the dataset's rows, computed in the
 * same scan as its profile, and `other` over one other relation (`from`: the relation, its alias
 * and any WHERE), computed once for every check that reads it alike. `result` gives `failures`,
 * `checked` and `observed` as SQL over those aggregates, each named through `value`.
 */
export interface TableAggregate {
  readonly own: Readonly<Record<string, string>>;
  readonly other?: { readonly from: string; readonly aggregates: Readonly<Record<string, string>> };
  result(value: (name: string) => string): { readonly failures: string; readonly checked: string; readonly observed: string };
}

/**
 * Checked once on the dataset as written: `measure` is a query over `relation` returning one
 * row with `failures` (how many rows or units are wrong), `checked` (out of how many) and
 * `observed` (a value to show, as text). A check that `aggregate`s gives its measure that way
 * too (see `aggregateMeasure`); the run then computes it in the profile's scan.
 */
export interface TableExpectation<C = unknown> extends ExpectationBase {
  readonly scope: 'table';
  readonly action: 'warn' | 'fail';
  measure(ctx: DatasetContext<C>, relation: string): string;
  aggregate?(ctx: DatasetContext<C>): TableAggregate;
  /** A query over `relation` returning a few offending rows, when there is such a thing. */
  examples?(ctx: DatasetContext<C>, relation: string): string;
}

export type Expectation<C = unknown> = RowExpectation<C> | TableExpectation<C>;

/** True when a drop or quarantine removing `failures` out of `checked` rows removes too much to go on. */
export function rejectsTooMany(e: { readonly action: ExpectationAction; readonly maxRejected?: number }, failures: number, checked: number): boolean {
  if (e.action !== 'drop' && e.action !== 'quarantine') return false;
  return checked > 0 && failures > 0 && failures / checked > (e.maxRejected ?? DEFAULT_MAX_REJECTED);
}

/** True when `failures` out of `checked` is more than the tolerance allows. */
export function trips(failures: number, checked: number, tolerance: Tolerance | undefined): boolean {
  if (failures === 0) return false;
  if (!tolerance) return true;
  if (tolerance.rows !== undefined && failures <= tolerance.rows) return false;
  if (tolerance.fraction !== undefined && checked > 0 && failures / checked <= tolerance.fraction) return false;
  return true;
}

/** The outcome of one expectation in one run, as recorded in the manifest. */
export interface ExpectationResult {
  readonly name: string;
  readonly kind: ExpectationKind;
  readonly action: ExpectationAction;
  readonly description: string;
  /** Rows (or, for whole-dataset checks, units) checked. */
  readonly checked: number;
  /** Rows that failed; for drop and quarantine, the rows this expectation removed. */
  readonly failures: number;
  /** pass: nothing beyond the tolerance failed; warn: it did, and the run went on; fail: it stopped the run. */
  readonly status: 'pass' | 'warn' | 'fail';
  readonly observed?: string;
  /** A few failing rows: the dataset's key columns and the columns checked. */
  readonly examples: readonly Row[];
  /** Where all the failing rows are kept, for quarantine (and for a fail that tripped). */
  readonly quarantinePath?: string;
  /** For drop and quarantine, the share of rows it may remove before the run stops, when not the default. */
  readonly maxRejected?: number;
}
