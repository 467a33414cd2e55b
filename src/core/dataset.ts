import type { Dialect } from '../dialect/dialect.js';
import type { Expectation } from '../quality/expectation.js';

export const LAYERS = ['bronze', 'silver', 'gold'] as const;
export type Layer = (typeof LAYERS)[number];

/** What a dataset's SQL builder may use. `ref` both reads an input and declares the dependency. */
export interface DatasetContext<C> {
  readonly dialect: Dialect;
  readonly config: C;
  /** A table expression that reads another dataset of the same pipeline, e.g. `ref('bronze.customers')`. */
  ref(name: string): string;
  /** SQL TIMESTAMP literal of the instant this run ingests its sources. */
  readonly ingestedAt: string;
}

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
}

export function dataset<C>(definition: Dataset<C>): Dataset<C> {
  if (!/^(bronze|silver|gold)\.[a-z][a-z0-9_]*$/.test(definition.name)) {
    throw new Error(`dataset name must be <layer>.<snake_case>, got '${definition.name}'`);
  }
  return Object.freeze(definition);
}

export function layerOf(name: string): Layer {
  return name.slice(0, name.indexOf('.')) as Layer;
}

export function shortName(name: string): string {
  return name.slice(name.indexOf('.') + 1);
}
