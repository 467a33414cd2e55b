import type { Dialect } from '../dialect/dialect.js';
import { Prng } from './prng.js';
import { asOfEpochSeconds, paddedId } from './sql.js';
import { CATEGORIES, SUPPLIERS } from './vocabulary.js';

/** The retail catalog: products PROD_0001…, created 30–1825 days before `asOf`, about half active. */
export function generateProducts(d: Dialect, opts: { count: number; seed: number; asOf: string }): string {
  const r = new Prng(d, opts.seed, 'products');
  const asOf = asOfEpochSeconds(opts.asOf);
  return `
SELECT ${paddedId(d, 'PROD_', 'id + 1', 4)} AS product_id,
       concat('Product ', CAST(id + 1 AS ${d.textType})) AS product_name,
       ${r.choice('h', 1, CATEGORIES)} AS category,
       ${r.money('h', 2, 10, 2000)} AS price,
       CAST(${r.int('h', 3, 0, 2000)} AS INTEGER) AS stock_quantity,
       ${r.choice('h', 4, SUPPLIERS)} AS supplier,
       ${r.money('h', 5, 0.1, 100)} AS weight_kg,
       ${d.isoDateText(d.timestampFromEpoch(`${asOf} - 86400 * ${r.int('h', 6, 30, 1825)}`))} AS created_date,
       (${r.draw('h', 7)} % 2 = 0) AS is_active
FROM (SELECT id, ${r.rowHash('id')} AS h FROM ${d.range(opts.count)})`;
}
