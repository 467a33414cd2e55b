import type { Dataset, DatasetContext } from '../model/dataset.js';
import type { Row } from '../model/values.js';
import { DEFAULT_MAX_REJECTED, rejectsTooMany, trips, type Expectation, type ExpectationAction, type RowExpectation, type TableExpectation } from '../model/expectation.js';

export type { ExpectationResult } from '../model/expectation.js';
import type { ExpectationResult } from '../model/expectation.js';

const TRUE = '(1 = 1)';
/** What an expectation renders to when there is nothing to check. */
export const TRUE_SQL = '1 = 1';
const all = (conditions: readonly string[]) => (conditions.length ? conditions.map((c) => `(${c})`).join(' AND ') : TRUE);
const isRemoval = (action: ExpectationAction) => action === 'drop' || action === 'quarantine';

/** The SQL of one dataset's keep rules and row-level expectations, over its candidate rows. */
export class RowChecks<C> {
  /** The rows that pass every keep rule. */
  readonly kept: string;
  readonly keepPasses: readonly string[];
  readonly expectations: readonly RowExpectation<C>[];
  readonly passes: readonly string[];
  readonly #removals: ReadonlyArray<{ index: number; pass: string }>;
  readonly #trivial: readonly boolean[];
  readonly #onOutput: readonly boolean[];
  readonly #ctx: DatasetContext<C>;
  readonly #dataset: Dataset<C>;

  constructor(dataset: Dataset<C>, ctx: DatasetContext<C>) {
    this.#dataset = dataset;
    this.#ctx = ctx;
    this.keepPasses = (dataset.keep ?? []).map((r) => `coalesce((${r.condition}), false)`);
    this.kept = all(this.keepPasses);
    this.expectations = (dataset.expect ?? []).filter((e): e is RowExpectation<C> => e.scope === 'row');
    const conditions = this.expectations.map((e) => e.passes(ctx).trim());
    // A check that renders to a constant truth (e.g. type checks of a generated source) costs nothing.
    this.#trivial = conditions.map((c) => c === TRUE_SQL);
    this.passes = conditions.map((c) => `coalesce((${c}), false)`);
    this.#removals = this.expectations.flatMap((e, index) =>
      isRemoval(e.action) && !this.#trivial[index] ? [{ index, pass: this.passes[index]! }] : [],
    );
    // A warn or fail that only reads columns of the output is checked on the written files: one
    // scan of them is cheaper than running the dataset's query (an aggregation, a join) again.
    const outputColumns = new Set(Object.keys(dataset.columns));
    this.#onOutput = this.expectations.map(
      (e, i) => !isRemoval(e.action) && !this.#trivial[i] && e.columns.length > 0 && e.columns.every((c) => outputColumns.has(c)),
    );
  }

  /** True when expectation `index` renders to a constant truth and can never fail. */
  isTrivial(index: number): boolean {
    return this.#trivial[index]!;
  }

  /** True when expectation `index` is checked on the written rows rather than on the candidate rows. */
  onOutput(index: number): boolean {
    return this.#onOutput[index]!;
  }

  /** False when no keep rule or row expectation needs the candidate rows: rows in = rows out. */
  get needsCounts(): boolean {
    return this.keepPasses.length > 0 || this.#trivial.some((t, i) => !t && !this.#onOutput[i]);
  }

  /**
   * The aggregates of the expectations checked on the written rows (`failed_<i>`), to be computed
   * in the same scan of them as the profile; none when every check is made on the candidate rows.
   */
  get outputCountSums(): string[] {
    return this.passes.flatMap((pass, i) => (this.#onOutput[i] ? [`sum(CASE WHEN NOT ${pass} THEN 1 ELSE 0 END) AS failed_${i}`] : []));
  }

  /** Rows that are written: kept, and not removed by a drop or quarantine expectation. */
  get outputCondition(): string {
    return all([this.kept, ...this.#removals.map((r) => r.pass)]);
  }

  /**
   * One aggregate over the candidate rows: rows in, rows each keep rule filtered (a row counts
   * against the first rule it breaks), rows checked, and per expectation its failures and, for
   * drop and quarantine, the rows it removed (again the first such expectation a row fails).
   */
  countsSelect(): string {
    const sums = ['count(*) AS rows_in', `sum(CASE WHEN ${this.kept} THEN 1 ELSE 0 END) AS checked`];
    this.keepPasses.forEach((pass, i) => {
      sums.push(`sum(CASE WHEN ${all([...this.keepPasses.slice(0, i), `NOT ${pass}`])} THEN 1 ELSE 0 END) AS filtered_${i}`);
    });
    this.passes.forEach((pass, i) => {
      if (!this.#trivial[i] && !this.#onOutput[i]) sums.push(`sum(CASE WHEN ${this.kept} AND NOT ${pass} THEN 1 ELSE 0 END) AS failed_${i}`);
    });
    this.#removals.forEach(({ index, pass }, j) => {
      const earlier = this.#removals.slice(0, j).map((r) => r.pass);
      sums.push(`sum(CASE WHEN ${all([this.kept, ...earlier, `NOT ${pass}`])} THEN 1 ELSE 0 END) AS removed_${index}`);
    });
    return sums.join(',\n       ');
  }

  /** True when some drop or quarantine expectation can remove rows. */
  get removes(): boolean {
    return this.#removals.length > 0;
  }

  /** True when the counts row says no drop or quarantine expectation removes a row. */
  removesNone(counts: Row): boolean {
    return this.#removedNone(counts, () => true);
  }

  /** True when the counts row says no quarantine expectation sends a row to quarantine. */
  quarantinesNone(counts: Row): boolean {
    return this.#removedNone(counts, (e) => e.action === 'quarantine');
  }

  #removedNone(counts: Row, among: (e: RowExpectation<C>) => boolean): boolean {
    return this.#removals.every(({ index }) => !among(this.expectations[index]!) || Number(counts[`removed_${index}`] ?? 0) === 0);
  }

  /** True when some expectation sends rows to quarantine. */
  get quarantines(): boolean {
    return this.#removals.some(({ index }) => this.expectations[index]!.action === 'quarantine');
  }

  /**
   * The quarantined rows with the expectation that sent them and why: every candidate column
   * plus `_expectation`, `_reason` and `_run_id`.
   */
  quarantineSelect(candidate: string, runId: string): string {
    const d = this.#ctx.dialect;
    const firstFailing = (pick: (e: RowExpectation<C>) => string) =>
      `CASE ${this.#removals.map(({ index, pass }) => `WHEN NOT ${pass} THEN ${pick(this.expectations[index]!)}`).join(' ')} END`;
    return `SELECT candidate.*,
       ${firstFailing((e) => d.quote(e.name))} AS _expectation,
       ${firstFailing((e) => this.#reason(e))} AS _reason,
       ${d.quote(runId)} AS _run_id
FROM ${candidate}
WHERE ${this.kept} AND ${firstFailing((e) => d.quote(e.action))} = 'quarantine'`;
  }

  /** Every row failing expectation `index`, for the record kept when a `fail` trips. */
  failingSelect(candidate: string, index: number, runId: string, output: string): string {
    const e = this.expectations[index]!;
    const d = this.#ctx.dialect;
    const source = this.#onOutput[index] ? `${output} AS written` : candidate;
    const where = this.#onOutput[index] ? `NOT ${this.passes[index]}` : `${this.kept} AND NOT ${this.passes[index]}`;
    return `SELECT *, ${d.quote(e.name)} AS _expectation, ${this.#reason(e)} AS _reason, ${d.quote(runId)} AS _run_id
FROM ${source}
WHERE ${where}`;
  }

  /**
   * A few rows failing expectation `index`: key columns and the columns it checks. For drop and
   * quarantine, rows an earlier such expectation already removed are not its examples; for
   * quarantine, they are read back from the few quarantined rows rather than recomputed.
   */
  examplesSelect(candidate: string, index: number, output: string, quarantined?: string, limit = 3): string {
    const e = this.expectations[index]!;
    const columns = [...new Set([...(this.#dataset.keys ?? []), ...e.columns])];
    if (!columns.length) columns.push(Object.keys(this.#dataset.columns)[0]!);
    const list = columns.map((c) => this.#ctx.dialect.identifier(c)).join(', ');
    if (e.action === 'quarantine' && quarantined) {
      return `SELECT ${list} FROM ${quarantined} AS q WHERE _expectation = ${this.#ctx.dialect.quote(e.name)} LIMIT ${limit}`;
    }
    if (this.#onOutput[index]) return `SELECT ${list} FROM ${output} AS written WHERE NOT ${this.passes[index]} LIMIT ${limit}`;
    const earlier = isRemoval(e.action) ? this.#removals.filter((r) => r.index < index).map((r) => r.pass) : [];
    return `SELECT ${list} FROM ${candidate}
WHERE ${all([this.kept, ...earlier, `NOT ${this.passes[index]}`])} LIMIT ${limit}`;
  }

  #reason(e: RowExpectation<C>): string {
    return e.reason ? `coalesce(${e.reason(this.#ctx)}, ${this.#ctx.dialect.quote(e.description)})` : this.#ctx.dialect.quote(e.description);
  }
}

/** pass, warn or fail for `failures` out of `checked`, by the expectation's tolerance and action. */
function judged(e: Expectation<unknown>, failures: number, checked: number): Omit<ExpectationResult, 'examples'> {
  const tripped = trips(failures, checked, e.tolerance);
  const { name, kind, action, description } = e;
  const status = rejectsTooMany(e, failures, checked) ? 'fail' : !tripped ? 'pass' : action === 'fail' ? 'fail' : 'warn';
  return { name, kind, action, description, checked, failures, status, ...(e.maxRejected === undefined ? {} : { maxRejected: e.maxRejected }) };
}

/** The result of a row expectation from the counts row. */
export function rowResult<C>(e: RowExpectation<C>, index: number, counts: Row): Omit<ExpectationResult, 'examples'> {
  const failures = Number(counts[isRemoval(e.action) ? `removed_${index}` : `failed_${index}`] ?? 0);
  return judged(e as Expectation<unknown>, failures, Number(counts['checked'] ?? 0));
}

/** The result of a whole-dataset expectation from its measure row. */
export function tableResult<C>(e: TableExpectation<C>, measured: Row): Omit<ExpectationResult, 'examples'> {
  const observed = measured['observed'];
  return {
    ...judged(e as Expectation<unknown>, Number(measured['failures'] ?? 0), Number(measured['checked'] ?? 0)),
    ...(observed === null || observed === undefined ? {} : { observed: String(observed) }),
  };
}

/** A `fail` expectation tripped: the run stops before this dataset is published. */
export class ExpectationFailedError extends Error {
  override readonly name = 'ExpectationFailedError';
  constructor(
    readonly dataset: string,
    readonly result: ExpectationResult,
  ) {
    const share = result.checked ? ` (${((result.failures / result.checked) * 100).toFixed(2)}%)` : '';
    const examples = result.examples.length ? `; e.g. ${result.examples.map(formatExample).join('; ')}` : '';
    const observed = result.observed ? `; observed ${result.observed}` : '';
    const where = result.quarantinePath ? `; all failing rows are in ${result.quarantinePath}` : '';
    const removal = result.action === 'drop' || result.action === 'quarantine';
    const why = removal ? `; a ${result.action} that removes more than ${maxRejectedOf(result)} of the rows stops the run (the input looks broken)` : '';
    super(
      `expectation ${result.name} failed on ${dataset}: ${result.failures.toLocaleString('en-US')} of ${result.checked.toLocaleString('en-US')} ${result.kind === 'row_count' || result.kind === 'freshness' || result.kind === 'reconciles' ? 'checks' : 'rows'}${share} break "${result.description}"${why}${observed}${examples}${where}`,
    );
  }
}

function maxRejectedOf(result: ExpectationResult): string {
  return `${Math.round((result.maxRejected ?? DEFAULT_MAX_REJECTED) * 100)}%`;
}

export function formatExample(row: Row): string {
  return Object.entries(row)
    .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : v === null ? 'NULL' : typeof v === 'string' ? JSON.stringify(v.length > 80 ? v.slice(0, 77) + '...' : v) : String(v)}`)
    .join(', ');
}
