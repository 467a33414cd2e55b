/** A value of a row written in a test: what a user types in TypeScript, and JSON can hold. */
export type TestValue = string | number | boolean | null;

/** A row of a test, by column name: columns not named are NULL in inputs and not compared in outputs. */
export type TestRow = Readonly<Record<string, TestValue>>;

/**
 * A unit test of a dataset, dbt-style: rows for some of its inputs, and what the dataset makes of
 * them. `medallion test` runs the dataset's SQL, keep rules and expectations on these rows alone,
 * on the engine chosen, without reading or writing a data dir, and compares in any order.
 */
export interface DatasetTest {
  /** What it shows, in a few words: how the test is named in the output. */
  readonly name: string;
  /** Rows of the dataset's inputs, by `ref` name. Columns not given are NULL; inputs not given are empty. */
  readonly given?: Readonly<Record<string, readonly TestRow[]>>;
  /** The rows the dataset holds after its keep rules and expectations: only the columns named are compared. */
  readonly expect?: readonly TestRow[];
  /** Rows each keep rule filters out, by the rule's name (a row counts against the first rule it breaks). */
  readonly filtered?: Readonly<Record<string, readonly TestRow[]>>;
  /** Rows each `drop` expectation removes, by the expectation's name. */
  readonly dropped?: Readonly<Record<string, readonly TestRow[]>>;
  /** Rows each `quarantine` expectation sets aside, by the expectation's name. */
  readonly quarantined?: Readonly<Record<string, readonly TestRow[]>>;
  /** The name of a `fail` expectation these rows must trip (the run would stop before publishing). */
  readonly fails?: string;
  /** The largest difference between an expected and an actual number that still counts as equal (default 1e-9). */
  readonly tolerance?: number;
}
