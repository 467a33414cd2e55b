import { dataset } from '../../model/dataset.js';
import { expect } from '../../quality/expect.js';
import type { PerformancePipelineConfig } from './config.js';
import { nonDecreasingWithin } from './non-decreasing.js';
import { SESSION_EVENTS } from './vocabulary.js';
import { ENRICHED_EVENTS_TESTS } from './tests.js';

type C = PerformancePipelineConfig;

/** A user's events in time order; the event id orders two events of one instant (overlapping sessions). */
const USER_ORDER = 'PARTITION BY e.user_id ORDER BY e.ts, e.event_id';

export const enrichedEvents = dataset<C>({
  name: 'silver.enriched_events',
  tests: ENRICHED_EVENTS_TESTS,
  description: 'Typed session events with window columns per user and per session, and the device dimension joined by broadcast.',
  columns: {
    event_id: 'Event key.',
    session_id: 'Session key.',
    user_id: 'User key.',
    timestamp: 'When the event happened (TIMESTAMP).',
    event: 'Event type.',
    device: 'Device of the session.',
    region: 'Region of the session.',
    amount: 'Amount of a purchase; 0 for other events.',
    page_views: 'Pages viewed by a page_view event; 0 for other events.',
    event_date: 'Day of the event (DATE).',
    event_hour: 'Hour of the event, 0–23.',
    event_weekday: 'Day of the week of the event, 1 Monday … 7 Sunday.',
    device_name: 'Display name of the device (from the broadcast dimension).',
    device_class: 'handheld or desktop (from the broadcast dimension).',
    session_start: 'First event time of the session: min over the session.',
    session_end: 'Last event time of the session: max over the session.',
    session_date: 'Day the session started (DATE).',
    prev_event_time: "The user's previous event time: lag over the user's events in time order; NULL for the first.",
    seconds_since_previous: "Seconds since the user's previous event; NULL for the first.",
    running_total_spent: "The user's spend so far: sum of amounts from the first event to this one (rows unbounded preceding to current row), 2 decimals.",
    session_event_number: 'Position of the event in its session, from 1: row_number over the session in time order.',
    purchase_rank: "Rank of a purchase among the user's purchases by amount, largest first, ties sharing a rank (dense_rank); NULL for other events.",
    moving_avg_amount: "Average amount of the user's last three events (this one and the two before), 2 decimals.",
  },
  keys: ['event_id'],
  expect: [
    expect.notNull('timestamp', { action: 'fail', name: 'timestamp_parses' }),
    expect.unique(['event_id'], { action: 'fail' }),
    expect.acceptedValues('event', SESSION_EVENTS, { action: 'fail' }),
    expect.range('amount', { min: 0 }, { action: 'fail', name: 'amounts_non_negative' }),
    expect.custom('session_starts_before_it_ends', 'session_start <= session_end', { action: 'fail', columns: ['session_id', 'session_start', 'session_end'] }),
    expect.range('seconds_since_previous', { min: 0 }, { action: 'fail', name: 'gaps_non_negative' }),
    expect.range('session_event_number', { min: 1, max: 10 }, { action: 'fail' }),
    expect.range('purchase_rank', { min: 1 }, { action: 'fail' }),
    expect.custom('ranked_purchases_only', "(event = 'purchase') = (purchase_rank IS NOT NULL)", { action: 'fail', columns: ['event', 'purchase_rank'] }),
    expect.references('device', 'bronze.devices', 'device'),
    nonDecreasingWithin<C>('running_total_spent', ['user_id'], ['timestamp', 'event_id']),
  ],
  sql: ({ ref, dialect: d }) => `
SELECT event_id, session_id, user_id, timestamp, event, device, region, amount, page_views,
       event_date, event_hour, event_weekday, device_name, device_class,
       session_start, session_end, CAST(session_start AS DATE) AS session_date,
       prev_event_time,
       CAST(${d.epochSeconds('timestamp')} - ${d.epochSeconds('prev_event_time')} AS BIGINT) AS seconds_since_previous,
       running_total_spent, session_event_number, purchase_rank, moving_avg_amount
FROM (
  SELECT ${d.broadcastHint('dv')} e.event_id, e.session_id, e.user_id, e.ts AS timestamp, e.event, e.device, e.region, e.amount, e.page_views,
         CAST(e.ts AS DATE) AS event_date, CAST(hour(e.ts) AS INTEGER) AS event_hour, ${d.isoWeekday('e.ts')} AS event_weekday,
         dv.device_name, dv.device_class,
         min(e.ts) OVER (PARTITION BY e.session_id) AS session_start,
         max(e.ts) OVER (PARTITION BY e.session_id) AS session_end,
         lag(e.ts) OVER (${USER_ORDER}) AS prev_event_time,
         round(sum(e.amount) OVER (${USER_ORDER} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 2) AS running_total_spent,
         CAST(row_number() OVER (PARTITION BY e.session_id ORDER BY e.ts, e.event_id) AS INTEGER) AS session_event_number,
         CASE WHEN e.event = 'purchase'
              THEN CAST(dense_rank() OVER (PARTITION BY e.user_id, e.event = 'purchase' ORDER BY e.amount DESC) AS INTEGER) END AS purchase_rank,
         round(avg(e.amount) OVER (${USER_ORDER} ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS moving_avg_amount
  FROM (
    SELECT event_id, session_id, user_id, ${d.tryParseTimestamp('timestamp')} AS ts, event, device, region, amount, page_views
    FROM ${ref('bronze.sessions')} AS b
  ) AS e
  LEFT JOIN ${ref('bronze.devices')} AS dv ON e.device = dv.device
) AS windowed
ORDER BY user_id, timestamp, event_id`,
});
