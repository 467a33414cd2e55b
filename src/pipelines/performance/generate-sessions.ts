import type { Dialect } from '../../dialect/dialect.js';
import { Prng } from '../../generate/prng.js';
import { asOfEpochSeconds, paddedId } from '../../generate/sql.js';
import { dayStartSeconds } from '../../model/date-window.js';
import { DEVICES, REGIONS, SESSION_EVENT_WEIGHTS } from './vocabulary.js';

/** Most events a session has; each has three draws of its own among the session's. */
export const MAX_SESSION_EVENTS = 10;
/** Events of a session are this far apart, give or take up to `EVENT_JITTER_SECONDS` more. */
const EVENT_SPACING_SECONDS = 120;
const EVENT_JITTER_SECONDS = 60;
/** A session starts early enough to end within the span it was generated for (its day, on a run by day). */
const LONGEST_SESSION_SECONDS = MAX_SESSION_EVENTS * EVENT_SPACING_SECONDS;
const SESSION_DRAWS = 5;

/**
 * `count` web sessions of 1–10 events each, by users 1…users, one row per event: sessions start
 * within the `days` days before `asOf`, or within `day` when given (with ids of that day,
 * `sess_<yyyymmdd>_…`, depending on the seed and the day only). Events of a session are 2–3
 * minutes apart, in order. Every draw comes from the session's row, so a session's events are
 * made by a cross join with the ten event positions rather than by a second generator.
 */
export function generateSessions(
  d: Dialect,
  opts: { count: number; users: number; days: number; seed: number; asOf: string; day?: string },
): string {
  const r = new Prng(d, opts.seed, opts.day === undefined ? 'sessions' : `sessions/${opts.day}`);
  const start = opts.day === undefined ? asOfEpochSeconds(opts.asOf) - opts.days * 86400 : dayStartSeconds(opts.day);
  const span = (opts.day === undefined ? opts.days * 86400 : 86400) - LONGEST_SESSION_SECONDS;
  const idPrefix = opts.day === undefined ? 'sess_' : `sess_${opts.day.replaceAll('-', '')}_`;
  // The three draws of event k: its type, its amount or page views, its spacing.
  const draw = (k: number, which: 0 | 1 | 2) => `r${SESSION_DRAWS + 1 + k * 3 + which}`;
  const ofEvent = (which: 0 | 1 | 2) =>
    `CASE k.id ${Array.from({ length: MAX_SESSION_EVENTS }, (_, k) => `WHEN ${k} THEN s.${draw(k, which)}`).join(' ')} END`;
  const eventDraws = Array.from({ length: MAX_SESSION_EVENTS * 3 }, (_, i) => `r${SESSION_DRAWS + 1 + i}`);
  return `
SELECT concat(session_id, '-', lpad(CAST(position + 1 AS ${d.textType}), 2, '0')) AS event_id, session_id, user_id,
       ${d.isoTimestampText(d.timestampFromEpoch(`start_second + position * ${EVENT_SPACING_SECONDS} + jitter_draw % ${EVENT_JITTER_SECONDS}`))} AS timestamp,
       event, device, region,
       CASE WHEN event = 'purchase' THEN ${r.money('value_draw', 10, 500)} ELSE 0.0 END AS amount,
       CAST(CASE WHEN event = 'page_view' THEN ${r.int('value_draw', 1, 20)} ELSE 0 END AS INTEGER) AS page_views
FROM (
  SELECT session_id, user_id, start_second, device, region, position, value_draw, jitter_draw,
         ${r.weighted('type_draw', SESSION_EVENT_WEIGHTS)} AS event
  FROM (
    SELECT s.session_id, s.user_id, s.start_second, s.device, s.region, k.id AS position,
           ${ofEvent(0)} AS type_draw, ${ofEvent(1)} AS value_draw, ${ofEvent(2)} AS jitter_draw
    FROM (
      SELECT ${paddedId(d, idPrefix, 'id + 1', 7)} AS session_id,
             CAST(${r.int('r1', 1, opts.users)} AS INTEGER) AS user_id,
             ${start} + ${r.int('r2', 0, span - 1)} AS start_second,
             ${r.int('r3', 1, MAX_SESSION_EVENTS)} AS events,
             ${r.choice('r4', DEVICES)} AS device,
             ${r.choice('r5', REGIONS)} AS region,
             ${eventDraws.join(', ')}
      FROM ${r.table(opts.count, SESSION_DRAWS + eventDraws.length)}
    ) AS s
    CROSS JOIN ${d.range(MAX_SESSION_EVENTS)} AS k
    WHERE k.id < s.events
  ) AS positioned
) AS events
ORDER BY event_id`;
}
