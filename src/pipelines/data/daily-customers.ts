import type { DatasetContext } from '../../model/dataset.js';
import { PRNG_MODULUS } from '../../generate/prng.js';
import type { DataPipelineConfig } from './config.js';
import { snapshotOfDay } from './snapshot-of-day.js';
import { generateCustomers } from './generate-customers.js';
import { CUSTOMERS_HISTORY } from './names.js';
import { CITIES, FIRST_NAMES, LAST_NAMES } from './vocabulary.js';

export const CUSTOMER_COLUMNS = ['customer_id', 'first_name', 'last_name', 'email', 'age', 'city', 'signup_date', 'total_orders', 'total_spent'] as const;

/**
 * The customers as the source system holds them on the run's day. With no history before that
 * day, the generated customers of that day; otherwise the customers current the day before, of
 * whom about `changeRate` move city or spend more, or leave, while a few who left come back and
 * new customers sign up.
 */
export function customersOfDay(ctx: DatasetContext<DataPipelineConfig>): string {
  const { dialect: d, config } = ctx;
  const text = (n: string) => `CAST(${n} AS ${d.textType})`;
  return snapshotOfDay(ctx, {
    first: generateCustomers(d, { count: config.customers, seed: config.seed, asOf: config.asOf }),
    history: CUSTOMERS_HISTORY,
    table: 'customers',
    size: config.customers,
    key: 'customer_id',
    columns: CUSTOMER_COLUMNS,
    keyNumber: (key) => `coalesce(abs(CAST(${key} AS BIGINT)), 0)`,
    // A third move, a third spend more, a third do both.
    update: (draw) => ({
      city: `CASE WHEN ${draw(1)} % 3 <> 1 THEN ${d.pick(CITIES, `${draw(2)} % ${CITIES.length}`)} ELSE c.city END`,
      total_orders: `CASE WHEN ${draw(1)} % 3 <> 0 THEN CAST(c.total_orders + 1 + ${draw(3)} % 5 AS INTEGER) ELSE c.total_orders END`,
      total_spent: `CASE WHEN ${draw(1)} % 3 <> 0 THEN round(c.total_spent + 5 + CAST(${draw(4)} AS DOUBLE) * 495 / ${PRNG_MODULUS}, 2) ELSE c.total_spent END`,
    }),
    insertDraws: 4,
    insertColumns: (number, draw) => {
      const firstName = d.pick(FIRST_NAMES, `${draw(1)} % ${FIRST_NAMES.length}`);
      const lastName = d.pick(LAST_NAMES, `${draw(2)} % ${LAST_NAMES.length}`);
      return [
        `CAST(${number} AS INTEGER) AS customer_id`,
        `${firstName} AS first_name`,
        `${lastName} AS last_name`,
        `concat(lower(${firstName}), '.', lower(${lastName}), ${text(number)}, '@example.com') AS email`,
        `CAST(18 + ${draw(3)} % 63 AS INTEGER) AS age`,
        `${d.pick(CITIES, `${draw(4)} % ${CITIES.length}`)} AS city`,
        // New customers sign up on the day, and have bought nothing yet.
        `${d.quote(config.asOf)} AS signup_date`,
        `CAST(0 AS INTEGER) AS total_orders`,
        `CAST(0 AS DOUBLE) AS total_spent`,
      ];
    },
  });
}
