import type { Dialect } from '../dialect/dialect.js';

/** What a dataset's SQL builder may use. `ref` both reads an input and declares the dependency. */
export interface DatasetContext<C> {
  readonly dialect: Dialect;
  readonly config: C;
  /** A table expression that reads another dataset of the same pipeline, e.g. `ref('bronze.customers')`. */
  ref(name: string): string;
  /**
   * A table expression reading the version of a dataset that was current when the run started
   * (the dataset itself included: what an incremental or history-keeping dataset builds on), or
   * undefined when it was never published. It declares no dependency.
   */
  previous(name: string): string | undefined;
  /** The as-of date of the run that published the version `previous(name)` reads, when known. */
  previousAsOf(name: string): string | undefined;
  /** The id of this run, as recorded in its manifest (a placeholder when the plan is only printed). */
  readonly runId: string;
  /** SQL TIMESTAMP literal of the instant this run ingests its sources. */
  readonly ingestedAt: string;
}
