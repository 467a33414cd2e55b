import type { Dialect } from '../dialect/dialect.js';
import { Prng } from './prng.js';
import { asOfEpochSeconds, paddedId } from './sql.js';
import { BROWSERS, CATEGORIES, DEVICES, PAYMENT_METHODS, TRANSACTION_LOCATIONS, TRANSACTION_STATUSES } from './vocabulary.js';

/** `count` transactions by customers 1…customers of products 1…products, within the year before `asOf`. */
export function generateTransactions(
  d: Dialect,
  opts: { count: number; customers: number; products: number; seed: number; asOf: string },
): string {
  const r = new Prng(d, opts.seed, 'transactions');
  const asOf = asOfEpochSeconds(opts.asOf);
  return `
SELECT ${paddedId(d, 'TXN_', 'id + 1', 7)} AS transaction_id,
       CAST(${r.int('h', 1, 1, opts.customers)} AS INTEGER) AS customer_id,
       ${paddedId(d, 'PROD_', r.int('h', 2, 1, opts.products), 4)} AS product_id,
       ${r.choice('h', 3, CATEGORIES)} AS product_category,
       ${r.money('h', 4, 5, 1000)} AS amount,
       ${d.isoTimestampText(d.timestampFromEpoch(`${asOf} - ${r.int('h', 5, 3600, 8760 * 3600)}`))} AS timestamp,
       ${r.choice('h', 6, PAYMENT_METHODS)} AS payment_method,
       ${r.choice('h', 7, TRANSACTION_STATUSES)} AS status,
       ${r.choice('h', 8, DEVICES)} AS device,
       ${r.choice('h', 9, BROWSERS)} AS browser,
       ${r.choice('h', 10, TRANSACTION_LOCATIONS)} AS location
FROM (SELECT id, ${r.rowHash('id')} AS h FROM ${d.range(opts.count)})`;
}
