import type { DatasetTest } from './dataset-test.js';
import type { Expectation } from './expectation.js';
import type { DatasetContext } from './dataset-context.js';

export type { DatasetContext } from './dataset-context.js';
import { UserError } from './errors.js';
import { didYouMean } from './did-you-mean.js';
import { definitionIssues } from './definition-issues.js';
import { inheritedProblems, refuseDefinition } from './definition-problems.js';
import { datasetSchema } from './definition-schemas.js';
import type { IncrementalSpec } from './incremental.js';

export const LAYERS = ['bronze', 'silver', 'gold'] as const;
export type Layer = (typeof LAYERS)[number];

/** A named row filter. Rows for which `condition` is false or NULL are dropped and counted under `name`. */
export interface KeepRule {
  readonly name: string;
  readonly condition: string;
}

/** How a step maps onto the MapReduce model, for the log and for `explain`. */
export interface MapReduceNote {
  readonly pattern: string;
  readonly map: string;
  readonly reduce: string;
}

/**
 * A dataset is data, not a procedure: its name, its SQL (reading inputs through `ctx.ref`),
 * the columns it promises, and what the runner should check and count.
 */
export interface Dataset<C> {
  /** `<layer>.<name>`, e.g. `silver.transactions_clean`. */
  readonly name: string;
  readonly description: string;
  /** The output columns in order, each with a one-line doc. The runner checks the output against it. */
  readonly columns: Readonly<Record<string, string>>;
  readonly sql: (ctx: DatasetContext<C>) => string;
  /** Row filters applied to the SQL's output, counted per rule in the manifest. */
  readonly keep?: readonly KeepRule[];
  /** Data-quality expectations on the dataset's rows (after `keep`) or on the dataset as written. */
  readonly expect?: readonly Expectation<C>[];
  /** Columns whose duplicates the quality checks report (one key per entry). */
  readonly keys?: readonly string[];
  /** Present on the steps that demonstrate a MapReduce pattern. */
  readonly mapReduce?: MapReduceNote;
  /** A column whose rows per value are counted and logged after the build, e.g. a parse status. */
  readonly breakdown?: string;
  /** Present on bronze datasets that can read the user's files: which input, and the columns a file must have. */
  readonly source?: SourceInfo;
  /**
   * True when each output row comes from one row of the dataset's one input, or of the one range
   * it generates from (projections and filters only: no join, aggregate, window, order or limit).
   * Such a dataset, when large, is written part by part, each part from its own slice of rows.
   */
  readonly rowWise?: boolean;
  /**
   * The DATE column its rows are partitioned by in runs over a window of days (`--date`): files
   * land under `<column>=YYYY-MM-DD/`. A bronze source that does not have the column gets it,
   * holding the day it was ingested for.
   */
  readonly partitionBy?: string;
  /** How a run over a window of days rebuilds it (default `full`, or `daily` with `partitionBy`). */
  readonly incremental?: IncrementalSpec;
  /** Unit tests: rows for its inputs and what it must make of them (`medallion test`). */
  readonly tests?: readonly DatasetTest[];
}

/** The user-file side of a bronze source. */
export interface SourceInfo {
  /** The input option of the pipeline's config it reads (`config.inputs[input]`). */
  readonly input: string;
  /** Columns a CSV or Parquet file must have; none for raw line sources. */
  readonly requiredColumns: readonly string[];
}

/**
 * Declares a dataset. A name that is not `<bronze|silver|gold>.<snake_case>` is a `UserError`;
 * any other mistake (an unknown key, a value of the wrong type, a declaration that cannot work)
 * is refused with every problem named, or carried to the project's loader (see `refuseDefinition`).
 */
export function dataset<C>(definition: Dataset<C>): Dataset<C> {
  assertDatasetName(definition.name);
  const subject = `dataset ${definition.name}`;
  const issues = definitionIssues(datasetSchema, definition).map((m) => `${subject}: ${m}`);
  const messages = issues.length ? issues : declarationProblems(definition);
  const inherited = inheritedProblems(definition.expect ?? [], subject);
  if (!messages.length && !inherited.length) return Object.freeze(definition);
  return refuseDefinition(messages, () => placeholderOf(definition), inherited);
}

function assertDatasetName(name: string): void {
  if (typeof name === 'string' && /^(bronze|silver|gold)\.[a-z][a-z0-9_]*$/.test(name)) return;
  const text = String(name);
  const layer = text.includes('.') ? text.slice(0, text.indexOf('.')) : '';
  throw new UserError(
    LAYERS.includes(layer as Layer) || !layer
      ? `dataset name must be <layer>.<snake_case> (e.g. silver.orders_clean), got '${text}'`
      : `dataset '${text}' is outside the medallion: its layer must be bronze, silver or gold, not '${layer}'`,
  );
}

/** A dataset that is refused stands in the pipeline as this, so that the loader can go on and find the other mistakes. */
function placeholderOf<C>(definition: Dataset<C>): Dataset<C> {
  const columns = typeof definition.columns === 'object' && definition.columns !== null ? definition.columns : {};
  return { ...definition, columns, sql: typeof definition.sql === 'function' ? definition.sql : () => 'SELECT 1 AS placeholder' };
}

/** What the shape alone cannot tell: keys, names and declarations that must agree with each other. */
function declarationProblems<C>(definition: Dataset<C>): string[] {
  const { name, partitionBy, incremental, columns, keys = [], breakdown, keep = [], expect = [] } = definition;
  const problems: string[] = [];
  const declared = Object.keys(columns);
  if (!declared.length) return [`dataset ${name} declares no columns`];
  for (const key of keys) {
    if (!(key in columns)) problems.push(`dataset ${name}: key '${key}' is not one of its columns${didYouMean(key, declared)}`);
  }
  if (breakdown !== undefined && !(breakdown in columns)) problems.push(`dataset ${name}: breakdown '${breakdown}' is not one of its columns${didYouMean(breakdown, declared)}`);
  for (const duplicate of duplicates(keep.map((r) => r.name))) problems.push(`dataset ${name}: two keep rules are named ${duplicate}: give each a name of its own`);
  for (const duplicate of duplicates(expect.map((e) => e.name))) {
    problems.push(`dataset ${name}: two expectations are named ${duplicate}: give one a name of its own (option name)`);
  }
  if (incremental === 'daily' && !partitionBy) problems.push(`dataset ${name} is rebuilt daily: declare the date column it is partitioned by (partitionBy)`);
  if (partitionBy && !name.startsWith('bronze.') && !(partitionBy in columns)) {
    problems.push(`dataset ${name} is partitioned by ${partitionBy}, which is not one of its columns${didYouMean(partitionBy, declared)}`);
  }
  if (typeof incremental === 'object') {
    if (partitionBy) problems.push(`dataset ${name} is partitioned by ${partitionBy}, so it is rebuilt by day: it cannot also be a merge`);
    const { keys: mergeKeys, sums } = incremental.merge;
    if (!mergeKeys.length || !sums.length) problems.push(`dataset ${name}: a merge needs at least one key and one sum`);
    const unknown = [...mergeKeys, ...sums].filter((c) => !(c in columns));
    if (unknown.length) problems.push(`dataset ${name}: merge names ${unknown.join(', ')}, not among its columns`);
  }
  return problems;
}

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
}

export function layerOf(name: string): Layer {
  return name.slice(0, name.indexOf('.')) as Layer;
}

export function shortName(name: string): string {
  return name.slice(name.indexOf('.') + 1);
}
