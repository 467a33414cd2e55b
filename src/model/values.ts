/** A result row with plain JS values: numbers (bigint when beyond 2^53), strings, booleans, Dates, null. */
export type Row = Record<string, unknown>;

/** One column of a result or a dataset: its name and the engine's type name. */
export interface Column {
  readonly name: string;
  readonly type: string;
}
