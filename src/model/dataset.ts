import type { Expectation } from './expectation.js';
import type { DatasetContext } from './dataset-context.js';

export type { DatasetContext } from './dataset-context.js';
import { UserError } from './errors.js';
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
}

/** The user-file side of a bronze source. */
export interface SourceInfo {
  /** The input option of the pipeline's config it reads (`config.inputs[input]`). */
  readonly input: string;
  /** Columns a CSV or Parquet file must have; none for raw line sources. */
  readonly requiredColumns: readonly string[];
}

/** Declares a dataset; a name that is not `<bronze|silver|gold>.<snake_case>` is a `UserError`. */
export function dataset<C>(definition: Dataset<C>): Dataset<C> {
  if (!/^(bronze|silver|gold)\.[a-z][a-z0-9_]*$/.test(definition.name)) {
    const layer = definition.name.includes('.') ? definition.name.slice(0, definition.name.indexOf('.')) : '';
    throw new UserError(
      LAYERS.includes(layer as Layer) || !layer
        ? `dataset name must be <layer>.<snake_case> (e.g. silver.orders_clean), got '${definition.name}'`
        : `dataset '${definition.name}' is outside the medallion: its layer must be bronze, silver or gold, not '${layer}'`,
    );
  }
  if (!Object.keys(definition.columns).length) throw new UserError(`dataset ${definition.name} declares no columns`);
  assertIncrementalDeclaration(definition);
  return Object.freeze(definition);
}

/** A partitioned dataset outside bronze makes its partition column; a merge names its columns. */
function assertIncrementalDeclaration<C>(definition: Dataset<C>): void {
  const { name, partitionBy, incremental, columns } = definition;
  if (incremental === 'daily' && !partitionBy) throw new UserError(`dataset ${name} is rebuilt daily: declare the date column it is partitioned by (partitionBy)`);
  if (partitionBy && !name.startsWith('bronze.') && !(partitionBy in columns)) {
    throw new UserError(`dataset ${name} is partitioned by ${partitionBy}, which is not one of its columns`);
  }
  if (typeof incremental === 'object') {
    if (partitionBy) throw new UserError(`dataset ${name} is partitioned by ${partitionBy}, so it is rebuilt by day: it cannot also be a merge`);
    const { keys, sums } = incremental.merge;
    if (!keys.length || !sums.length) throw new UserError(`dataset ${name}: a merge needs at least one key and one sum`);
    const unknown = [...keys, ...sums].filter((c) => !(c in columns));
    if (unknown.length) throw new UserError(`dataset ${name}: merge names ${unknown.join(', ')}, not among its columns`);
  }
}

export function layerOf(name: string): Layer {
  return name.slice(0, name.indexOf('.')) as Layer;
}

export function shortName(name: string): string {
  return name.slice(name.indexOf('.') + 1);
}
