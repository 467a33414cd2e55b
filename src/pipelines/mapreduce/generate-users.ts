import type { Dialect } from '../../dialect/dialect.js';
import { Prng } from '../../generate/prng.js';
import { asOfEpochSeconds } from '../../generate/sql.js';
import { EVENT_LOCATIONS, USER_TIERS } from './vocabulary.js';

/** The users dimension of the event stream: ids 1…count with country and subscription tier. */
export function generateEventUsers(d: Dialect, opts: { count: number; seed: number; asOf: string }): string {
  const r = new Prng(d, opts.seed, 'users');
  const asOf = asOfEpochSeconds(opts.asOf);
  return `
SELECT CAST(id + 1 AS INTEGER) AS user_id,
       ${d.isoDateText(d.timestampFromEpoch(`${asOf} - 86400 * ${r.int('r1', 1, 730)}`))} AS signup_date,
       ${r.choice('r2', EVENT_LOCATIONS)} AS country,
       ${r.choice('r3', USER_TIERS)} AS tier
FROM ${r.table(opts.count, 3)}`;
}
