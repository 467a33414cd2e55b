import { reconciles } from '../../define/reconcile.js';
import type { DatasetContext } from '../../model/dataset.js';
import { dataset } from '../../model/dataset.js';
import { expect } from '../../quality/expect.js';
import type { PerformancePipelineConfig } from './config.js';
import { DEVICE_CLASSES, USER_SEGMENTS, WEEKDAYS } from './vocabulary.js';
import { COHORT_RETENTION_TESTS } from './tests.js';

type C = PerformancePipelineConfig;
const EVENTS = 'silver.enriched_events';
const SECONDS_PER_WEEK = 7 * 86400;

const percent = (part: string, whole: string) => `round(${part} * CAST(100 AS DOUBLE) / NULLIF(${whole}, 0), 2)`;

export const userAnalytics = dataset<C>({
  name: 'gold.user_analytics',
  description: 'Sessions, events, spend, average gap between events, and first and last seen, per user.',
  columns: {
    user_id: 'User key.',
    sessions: 'Sessions of the user.',
    events: 'Events of the user.',
    active_days: 'Distinct days with an event.',
    purchases: 'Purchase events.',
    total_spent: 'Sum of purchase amounts, 2 decimals.',
    lifetime_value: "The user's last running total: the window's sum over all their events, which must equal total_spent.",
    avg_purchase: 'Average purchase amount, 2 decimals; NULL without purchases.',
    avg_gap_seconds: "Average seconds between the user's consecutive events, 2 decimals; NULL with one event.",
    events_per_session: 'events / sessions, 2 decimals.',
    first_seen: 'First event time.',
    last_seen: 'Last event time.',
    user_segment: `Premium (lifetime value > ${USER_SEGMENTS[0][1]}), Gold (> ${USER_SEGMENTS[1][1]}), Silver (> ${USER_SEGMENTS[2][1]}) or Bronze.`,
  },
  keys: ['user_id'],
  expect: [
    expect.unique(['user_id'], { action: 'fail' }),
    expect.custom('last_running_total_is_total_spent', 'abs(lifetime_value - total_spent) <= 0.005', { action: 'fail', columns: ['user_id', 'lifetime_value', 'total_spent'] }),
    expect.custom('first_seen_before_last_seen', 'first_seen <= last_seen', { action: 'fail', columns: ['user_id', 'first_seen', 'last_seen'] }),
    expect.range('avg_gap_seconds', { min: 0 }, { action: 'fail' }),
    expect.acceptedValues('user_segment', [...USER_SEGMENTS.map(([name]) => name), 'Bronze'], { action: 'fail' }),
    reconciles('events', EVENTS, 'count(*)'),
    reconciles('total_spent', EVENTS, 'sum(amount)', { within: 1 }),
  ],
  sql: ({ ref }) => `
SELECT user_id, sessions, events, active_days, purchases, total_spent, lifetime_value, avg_purchase, avg_gap_seconds,
       round(CAST(events AS DOUBLE) / sessions, 2) AS events_per_session, first_seen, last_seen,
       CASE ${USER_SEGMENTS.map(([name, min]) => `WHEN lifetime_value > ${min} THEN '${name}'`).join(' ')} ELSE 'Bronze' END AS user_segment
FROM (
  SELECT user_id, count(DISTINCT session_id) AS sessions, count(*) AS events, count(DISTINCT event_date) AS active_days,
         count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases,
         round(sum(amount), 2) AS total_spent,
         max(running_total_spent) AS lifetime_value,
         round(avg(CASE WHEN event = 'purchase' THEN amount END), 2) AS avg_purchase,
         round(avg(seconds_since_previous), 2) AS avg_gap_seconds,
         min(timestamp) AS first_seen, max(timestamp) AS last_seen
  FROM ${ref(EVENTS)} AS e
  GROUP BY user_id
) AS per_user
ORDER BY user_id`,
});

/** The silver events of the days a run by day rebuilds (every event on a plain run): what a daily gold dataset reconciles with. */
function ofRunDays(ctx: DatasetContext<C>, column: string): string {
  const window = ctx.config.window;
  if (!window) return 'TRUE';
  return `${ctx.dialect.identifier(column)} IN (${window.days.map((day) => `CAST(${ctx.dialect.quote(day)} AS DATE)`).join(', ')})`;
}

export const sessionAnalytics = dataset<C>({
  name: 'gold.session_analytics',
  description: 'Sessions per day and device class (from the broadcast device dimension): length, duration, conversion and revenue.',
  partitionBy: 'session_date',
  columns: {
    session_date: 'Day the sessions started.',
    device_class: 'handheld or desktop.',
    sessions: 'Sessions.',
    events: 'Events of those sessions.',
    avg_events_per_session: 'events / sessions, 2 decimals.',
    avg_duration_seconds: 'Average seconds from the first event of a session to its last, 1 decimal.',
    converting_sessions: 'Sessions with at least one purchase.',
    conversion_rate: 'converting_sessions / sessions in percent, 2 decimals.',
    revenue: 'Sum of purchase amounts, 2 decimals.',
  },
  expect: [
    expect.unique(['session_date', 'device_class'], { action: 'fail' }),
    expect.acceptedValues('device_class', DEVICE_CLASSES),
    expect.range('conversion_rate', { min: 0, max: 100 }, { action: 'fail' }),
    expect.range('avg_duration_seconds', { min: 0 }, { action: 'fail', name: 'sessions_start_before_they_end' }),
    reconciles('events', EVENTS, 'count(*)', { where: (ctx) => ofRunDays(ctx, 'session_date') }),
    reconciles('sessions', EVENTS, 'count(DISTINCT session_id)', { where: (ctx) => ofRunDays(ctx, 'session_date') }),
  ],
  sql: ({ ref, dialect: d }) => `
SELECT session_date, device_class, count(*) AS sessions, CAST(sum(events) AS BIGINT) AS events,
       round(CAST(sum(events) AS DOUBLE) / count(*), 2) AS avg_events_per_session,
       round(avg(duration_seconds), 1) AS avg_duration_seconds,
       count(CASE WHEN purchases > 0 THEN 1 END) AS converting_sessions,
       ${percent('count(CASE WHEN purchases > 0 THEN 1 END)', 'count(*)')} AS conversion_rate,
       round(sum(revenue), 2) AS revenue
FROM (
  SELECT session_id, session_date, device_class, count(*) AS events,
         count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases, sum(amount) AS revenue,
         ${d.epochSeconds('max(session_end)')} - ${d.epochSeconds('min(session_start)')} AS duration_seconds
  FROM ${ref(EVENTS)} AS e
  GROUP BY session_id, session_date, device_class
) AS per_session
GROUP BY session_date, device_class
ORDER BY session_date, device_class`,
});

export const temporalPatterns = dataset<C>({
  name: 'gold.temporal_patterns',
  description: 'Activity by day of the week and hour of the day, over all days.',
  columns: {
    event_weekday: 'Day of the week, 1 Monday … 7 Sunday.',
    weekday_name: 'Mon … Sun.',
    event_hour: 'Hour of day, 0–23.',
    events: 'Events in that hour of that weekday.',
    sessions: 'Distinct sessions with an event then.',
    users: 'Distinct users with an event then.',
    purchases: 'Purchase events.',
    revenue: 'Sum of purchase amounts, 2 decimals.',
  },
  expect: [
    expect.range('event_weekday', { min: 1, max: 7 }, { action: 'fail' }),
    expect.range('event_hour', { min: 0, max: 23 }, { action: 'fail' }),
    expect.unique(['event_weekday', 'event_hour'], { action: 'fail' }),
    expect.rowCount({ min: 1, max: 7 * 24 }, { action: 'fail' }),
    reconciles('events', EVENTS, 'count(*)'),
    reconciles('revenue', EVENTS, 'sum(amount)', { within: 1 }),
  ],
  sql: ({ ref, dialect: d }) => `
SELECT event_weekday, ${d.pick(WEEKDAYS, 'event_weekday - 1')} AS weekday_name, event_hour, events, sessions, users, purchases, revenue
FROM (
  SELECT event_weekday, event_hour, count(*) AS events, count(DISTINCT session_id) AS sessions, count(DISTINCT user_id) AS users,
         count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases, round(sum(amount), 2) AS revenue
  FROM ${ref(EVENTS)} AS e
  GROUP BY event_weekday, event_hour
) AS per_hour
ORDER BY event_weekday, event_hour`,
});

export const cohortRetention = dataset<C>({
  name: 'gold.cohort_retention',
  tests: COHORT_RETENTION_TESTS,
  description: 'Users by the week of their first activity (the cohort), and how many of them are active in each week after: retention.',
  columns: {
    cohort_week: 'Monday of the week of the first activity of the cohort\'s users.',
    week_number: 'Weeks since the cohort week: 0 is the cohort week itself.',
    cohort_users: 'Users whose first activity falls in the cohort week.',
    active_users: 'Of those, the users with an event in that week.',
    retention_pct: 'active_users / cohort_users in percent, 2 decimals.',
    revenue: 'Their purchase amounts in that week, 2 decimals.',
  },
  expect: [
    expect.unique(['cohort_week', 'week_number'], { action: 'fail' }),
    expect.range('week_number', { min: 0 }, { action: 'fail' }),
    expect.range('retention_pct', { min: 0, max: 100 }, { action: 'fail', name: 'percentages_in_range' }),
    expect.custom('active_within_cohort', 'active_users >= 1 AND active_users <= cohort_users', { action: 'fail', columns: ['cohort_week', 'week_number', 'active_users', 'cohort_users'] }),
    expect.custom('whole_cohort_active_in_its_week', 'week_number <> 0 OR active_users = cohort_users', { action: 'fail', columns: ['cohort_week', 'active_users', 'cohort_users'] }),
    expect.reconciles<C>(
      'reconciles(cohort users = distinct users of silver.enriched_events)',
      { expr: 'sum(CASE WHEN week_number = 0 THEN cohort_users END)', dataset: EVENTS, refExpr: 'count(DISTINCT user_id)', within: 0 },
      { action: 'fail' },
    ),
  ],
  sql: ({ ref, dialect: d }) => {
    const weeksBetween = (later: string, earlier: string) =>
      `CAST((${d.epochSeconds(`CAST(${later} AS TIMESTAMP)`)} - ${d.epochSeconds(`CAST(${earlier} AS TIMESTAMP)`)}) / ${SECONDS_PER_WEEK} AS INTEGER)`;
    const cohorts = `(SELECT user_id, ${d.weekStart('min(event_date)')} AS cohort_week FROM ${ref(EVENTS)} AS f GROUP BY user_id)`;
    return `
SELECT a.cohort_week, a.week_number, c.cohort_users, a.active_users,
       ${percent('a.active_users', 'c.cohort_users')} AS retention_pct, a.revenue
FROM (
  SELECT cohort_week, week_number, count(DISTINCT user_id) AS active_users, round(sum(amount), 2) AS revenue
  FROM (
    SELECT u.cohort_week, ${weeksBetween(d.weekStart('e.event_date'), 'u.cohort_week')} AS week_number, e.user_id, e.amount
    FROM ${ref(EVENTS)} AS e
    JOIN ${cohorts} AS u ON e.user_id = u.user_id
  ) AS activity
  GROUP BY cohort_week, week_number
) AS a
JOIN (SELECT cohort_week, count(*) AS cohort_users FROM ${cohorts} AS firsts GROUP BY cohort_week) AS c ON a.cohort_week = c.cohort_week
ORDER BY a.cohort_week, a.week_number`;
  },
});
