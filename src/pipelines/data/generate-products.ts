import type { Dialect } from '../../dialect/dialect.js';
import { Prng } from '../../generate/prng.js';
import { asOfEpochSeconds, paddedId } from '../../generate/sql.js';
import { CATEGORIES, SUPPLIERS } from './vocabulary.js';

/** The retail catalog: products PROD_0001…, created 30–1825 days before `asOf`, about half active. */
export function generateProducts(d: Dialect, opts: { count: number; seed: number; asOf: string }): string {
  const r = new Prng(d, opts.seed, 'products');
  const asOf = asOfEpochSeconds(opts.asOf);
  return `
SELECT ${paddedId(d, 'PROD_', 'id + 1', 4)} AS product_id,
       concat('Product ', CAST(id + 1 AS ${d.textType})) AS product_name,
       ${r.choice('r1', CATEGORIES)} AS category,
       ${r.money('r2', 10, 2000)} AS price,
       CAST(${r.int('r3', 0, 2000)} AS INTEGER) AS stock_quantity,
       ${r.choice('r4', SUPPLIERS)} AS supplier,
       ${r.money('r5', 0.1, 100)} AS weight_kg,
       ${d.isoDateText(d.timestampFromEpoch(`${asOf} - 86400 * ${r.int('r6', 30, 1825)}`))} AS created_date,
       (r7 % 2 = 0) AS is_active
FROM ${r.table(opts.count, 7)}`;
}
