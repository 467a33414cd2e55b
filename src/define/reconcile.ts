import type { DatasetContext } from '../model/dataset.js';
import { expect } from '../quality/expect.js';
import type { Expectation } from '../model/expectation.js';

/**
 * Gold totals that must equal their silver source: `sum(goldColumn)` of the dataset against
 * `sourceExpr` over `source`. Counts must match exactly (and fail the run when they do not);
 * money may differ by the rounding of each group (`within`), and only warns.
 */
export function reconciles<C>(
  goldColumn: string,
  source: string,
  sourceExpr: string,
  options: { within?: number; where?: string | ((ctx: DatasetContext<C>) => string) } = {},
): Expectation<C> {
  const within = options.within ?? 0;
  return expect.reconciles<C>(
    `reconciles(${goldColumn} = ${sourceExpr} of ${source})`,
    { expr: `sum(${goldColumn})`, dataset: source, refExpr: sourceExpr, within, ...(options.where ? { where: options.where } : {}) },
    { action: within === 0 ? 'fail' : 'warn' },
  );
}
