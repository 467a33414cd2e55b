import { RowChecks } from '../quality/checks.js';
import type { Dataset, DatasetContext } from './dataset.js';

/** The SQL a dataset is built with: its own query, then its keep rules and expectations, then the promised columns. */
export interface RenderedDataset<C> {
  /** The dataset's query, as a derived table named `candidate`. */
  readonly candidate: string;
  /** Keep rules and row-level expectations over the candidate rows. */
  readonly checks: RowChecks<C>;
  /** The query whose rows are written. */
  readonly output: string;
}

export function renderDataset<C>(dataset: Dataset<C>, ctx: DatasetContext<C>): RenderedDataset<C> {
  const candidate = `(${dataset.sql(ctx)}) AS candidate`;
  const checks = new RowChecks(dataset, ctx);
  const columns = Object.keys(dataset.columns).map((c) => ctx.dialect.identifier(c)).join(', ');
  return { candidate, checks, output: `SELECT ${columns}\nFROM ${candidate}\nWHERE ${checks.outputCondition}` };
}
