import type { Dataset, DatasetContext } from './dataset.js';

/** The SQL a dataset is built with: its own query, then the promised columns and its keep rules. */
export interface RenderedDataset {
  /** The dataset's query, as a derived table named `candidate`. */
  readonly candidate: string;
  /** `coalesce(condition, false)` of each keep rule, in order. */
  readonly passes: readonly string[];
  /** The query whose rows are written. */
  readonly output: string;
}

export function renderDataset<C>(dataset: Dataset<C>, ctx: DatasetContext<C>): RenderedDataset {
  const candidate = `(${dataset.sql(ctx)}) AS candidate`;
  const columns = Object.keys(dataset.columns).map((c) => `"${c}"`).join(', ');
  const passes = (dataset.keep ?? []).map((r) => `coalesce((${r.condition}), false)`);
  const where = passes.length ? `\nWHERE ${passes.join('\n  AND ')}` : '';
  return { candidate, passes, output: `SELECT ${columns}\nFROM ${candidate}${where}` };
}
