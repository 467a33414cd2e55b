import type { Dialect } from '../../dialect/dialect.js';
import { Prng } from '../../generate/prng.js';
import { dayStartSeconds } from '../../model/date-window.js';
import { asOfEpochSeconds, paddedId } from '../../generate/sql.js';
import { DEVICES, EVENT_LOCATIONS, EVENT_TYPE_WEIGHTS, PAGES, SEARCH_WORDS } from './vocabulary.js';

/** Share of lines, in thousandths, that are not valid JSON (truncated objects, plain log text). */
export const MALFORMED_PER_MILLE = 25;
/** Share of lines, in thousandths, that parse but break the schema (user_id "invalid", no event). */
export const SCHEMA_ERROR_PER_MILLE = 25;

/**
 * Raw event-API lines, one JSON object per line as a client would send them, in column `line`.
 * Timestamps fall in the 7 days before `asOf`, or within `day` when given. About 2.5% of lines are genuinely malformed and
 * 2.5% are well-formed JSON that breaks the event schema.
 */
export function generateEventLines(
  d: Dialect,
  opts: { count: number; users: number; products: number; seed: number; asOf: string; day?: string },
): string {
  // One day's lines (a run over a window of days) depend on the seed and the day only, so that a
  // day generates the same lines whichever run generates it.
  const r = new Prng(d, opts.seed, opts.day === undefined ? 'events' : `events/${opts.day}`);
  const start = opts.day === undefined ? asOfEpochSeconds(opts.asOf) - 7 * 86400 : dayStartSeconds(opts.day);
  const span = opts.day === undefined ? 7 * 86400 : 86400;
  const text = (x: string) => `CAST(${x} AS ${d.textType})`;
  const word = (stream: number) => r.choice(`r${stream}`, SEARCH_WORDS);
  const wordCount = r.int('r12', 1, 3);
  // Fields that only some event types carry are computed inside their CASE branch, so that
  // rows of other types never pay for them.
  const extras = `CASE event
                  WHEN 'purchase' THEN concat(', "product_id": "', ${paddedId(d, 'PROD_', r.int('r8', 1, opts.products), 4)},
                                              '", "amount": ', ${text(r.money('r9', 10, 500))},
                                              ', "quantity": ', ${text(r.int('r10', 1, 5))})
                  WHEN 'view' THEN concat(', "page": "', ${r.choice('r11', PAGES)}, '", "duration_seconds": ', ${text(r.int('r13', 5, 300))})
                  WHEN 'search' THEN concat(', "query": "', ${word(14)},
                                            CASE WHEN ${wordCount} >= 2 THEN concat(' ', ${word(15)}) ELSE '' END,
                                            CASE WHEN ${wordCount} = 3 THEN concat(' ', ${word(16)}) ELSE '' END, '"')
                  WHEN 'signup' THEN concat(', "email": "user', user_id, '@example.com"')
                  ELSE ''
                END`;
  return `
SELECT CASE
         WHEN corrupt < 20 THEN substr(line, 1, 10 + cut % (length(line) - 11))
         WHEN corrupt < ${MALFORMED_PER_MILLE} THEN concat('event=', event, ' user=', user_id, ' ts=', ts)
         ELSE line
       END AS line
FROM (
  SELECT corrupt, cut, event, user_id, ts,
         concat('{"timestamp": "', ts, '", "user_id": ',
                CASE WHEN corrupt >= ${MALFORMED_PER_MILLE} AND corrupt < 38 THEN '"invalid"' ELSE user_id END,
                CASE WHEN corrupt >= 38 AND corrupt < ${MALFORMED_PER_MILLE + SCHEMA_ERROR_PER_MILLE} THEN '' ELSE concat(', "event": "', event, '"') END,
                ', "device": "', ${r.choice('r6', DEVICES)}, '", "location": "', ${r.choice('r7', EVENT_LOCATIONS)}, '"',
                ${extras},
                '}') AS line
  FROM (
    SELECT r1 % 1000 AS corrupt, r2 AS cut,
           ${r.weighted('r3', EVENT_TYPE_WEIGHTS)} AS event,
           ${text(r.int('r4', 1, opts.users))} AS user_id,
           ${d.isoTimestampText(d.timestampFromEpoch(`${start} + ${r.int('r5', 0, span - 1)}`))} AS ts,
           r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16
    FROM ${r.table(opts.count, 16)}
  ) AS fields
) AS lines`;
}
