import type { Dialect } from '../../dialect/dialect.js';
import { Prng } from '../../generate/prng.js';
import { paddedId } from '../../generate/sql.js';
import { CATEGORIES } from './vocabulary.js';

/** The small product catalog of the event stream (PROD_0001…), broadcast in the map-side join. */
export function generateEventProducts(d: Dialect, opts: { count: number; seed: number }): string {
  const r = new Prng(d, opts.seed, 'event_products');
  return `
SELECT ${paddedId(d, 'PROD_', 'id + 1', 4)} AS product_id,
       concat('Product ', CAST(id + 1 AS ${d.textType})) AS product_name,
       ${r.choice('r1', CATEGORIES)} AS category,
       ${r.money('r2', 10, 500)} AS price
FROM ${r.table(opts.count, 2)}`;
}
