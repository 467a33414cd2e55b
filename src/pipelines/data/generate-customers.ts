import type { Dialect } from '../../dialect/dialect.js';
import { Prng } from '../../generate/prng.js';
import { asOfEpochSeconds } from '../../generate/sql.js';
import { CITIES, FIRST_NAMES, LAST_NAMES } from './vocabulary.js';

/** `count` customers with ids 1…count, signed up 1–730 days before `asOf`. */
export function generateCustomers(d: Dialect, opts: { count: number; seed: number; asOf: string }): string {
  const r = new Prng(d, opts.seed, 'customers');
  const asOf = asOfEpochSeconds(opts.asOf);
  return `
SELECT customer_id, first_name, last_name,
       concat(lower(first_name), '.', lower(last_name), ${`CAST(customer_id AS ${d.textType})`}, '@example.com') AS email,
       age, city, signup_date, total_orders, total_spent
FROM (
  SELECT CAST(id + 1 AS INTEGER) AS customer_id,
         ${r.choice('r1', FIRST_NAMES)} AS first_name,
         ${r.choice('r2', LAST_NAMES)} AS last_name,
         CAST(${r.int('r3', 18, 80)} AS INTEGER) AS age,
         ${r.choice('r4', CITIES)} AS city,
         ${d.isoDateText(d.timestampFromEpoch(`${asOf} - 86400 * ${r.int('r5', 1, 730)}`))} AS signup_date,
         CAST(${r.int('r6', 0, 100)} AS INTEGER) AS total_orders,
         ${r.money('r7', 0, 10000)} AS total_spent
  FROM ${r.table(opts.count, 7)}
)`;
}
