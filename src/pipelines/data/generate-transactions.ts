import type { Dialect } from '../../dialect/dialect.js';
import { Prng } from '../../generate/prng.js';
import { dayStartSeconds } from '../../model/date-window.js';
import { asOfEpochSeconds, paddedId } from '../../generate/sql.js';
import { BROWSERS, CATEGORIES, DEVICES, PAYMENT_METHODS, TRANSACTION_LOCATIONS, TRANSACTION_STATUSES } from './vocabulary.js';

/**
 * `count` transactions by customers 1…customers of products 1…products, within the year before
 * `asOf`; or, given `day`, within that day, with ids of that day (`TXN_<yyyymmdd>_…`), depending
 * on the seed and the day only.
 */
export function generateTransactions(
  d: Dialect,
  opts: { count: number; customers: number; products: number; seed: number; asOf: string; day?: string },
): string {
  const r = new Prng(d, opts.seed, opts.day === undefined ? 'transactions' : `transactions/${opts.day}`);
  const asOf = asOfEpochSeconds(opts.asOf);
  const timestamp = opts.day === undefined ? `${asOf} - ${r.int('r5', 3600, 8760 * 3600)}` : `${dayStartSeconds(opts.day)} + ${r.int('r5', 0, 86399)}`;
  const idPrefix = opts.day === undefined ? 'TXN_' : `TXN_${opts.day.replaceAll('-', '')}_`;
  return `
SELECT ${paddedId(d, idPrefix, 'id + 1', 7)} AS transaction_id,
       CAST(${r.int('r1', 1, opts.customers)} AS INTEGER) AS customer_id,
       ${paddedId(d, 'PROD_', r.int('r2', 1, opts.products), 4)} AS product_id,
       ${r.choice('r3', CATEGORIES)} AS product_category,
       ${r.money('r4', 5, 1000)} AS amount,
       ${d.isoTimestampText(d.timestampFromEpoch(timestamp))} AS timestamp,
       ${r.choice('r6', PAYMENT_METHODS)} AS payment_method,
       ${r.choice('r7', TRANSACTION_STATUSES)} AS status,
       ${r.choice('r8', DEVICES)} AS device,
       ${r.choice('r9', BROWSERS)} AS browser,
       ${r.choice('r10', TRANSACTION_LOCATIONS)} AS location
FROM ${r.table(opts.count, 10)}`;
}
