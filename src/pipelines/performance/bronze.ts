import { source } from '../../define/source.js';
import { expect } from '../../quality/expect.js';
import type { PerformancePipelineConfig } from './config.js';
import { generateSessions } from './generate-sessions.js';
import { DEVICE_DIMENSION } from './vocabulary.js';

type C = PerformancePipelineConfig;

/** Sessions generated per day in a run over a window of days: `--sessions` stays the size of `--days` days. */
export function sessionsPerDay(sessions: number, days: number): number {
  return Math.ceil(sessions / days);
}

export const sessions = source<C>({
  name: 'bronze.sessions',
  description: 'Web-session events as received: one row per event, timestamps as text, amounts on purchases only.',
  columns: {
    event_id: { type: 'TEXT', doc: 'Event key: the session id and the event position, sess_0000001-01….' },
    session_id: { type: 'TEXT', doc: 'Session key, sess_0000001….' },
    user_id: { type: 'INTEGER', doc: 'User of the session, 1…users.' },
    timestamp: { type: 'TEXT', doc: 'When the event happened, ISO-8601 text, within the days before as-of.' },
    event: { type: 'TEXT', doc: 'login, page_view, search, add_to_cart, purchase or logout.' },
    device: { type: 'TEXT', doc: 'Device of the session.' },
    region: { type: 'TEXT', doc: 'Region of the session.' },
    amount: { type: 'DOUBLE', doc: 'Amount of a purchase, 10–500; 0 for other events.' },
    page_views: { type: 'INTEGER', doc: 'Pages viewed by a page_view event, 1–20; 0 for other events.' },
  },
  keys: ['event_id'],
  partitionBy: 'session_date',
  expect: [expect.rowCount({ min: 1 }, { action: 'fail', name: 'has_sessions' })],
  generate: ({ dialect, config }) =>
    generateSessions(dialect, {
      // Over a window of days, --sessions is still the size of --days days: each day makes its share.
      count: config.window ? sessionsPerDay(config.sessions, config.days) : config.sessions,
      ...(config.window ? { day: config.window.days[0]! } : {}),
      users: config.users,
      days: config.days,
      seed: config.seed,
      asOf: config.asOf,
    }),
});

export const devices = source<C>({
  name: 'bronze.devices',
  description: 'The device dimension: a handful of rows, broadcast to every task of the join that reads it.',
  columns: {
    device: { type: 'TEXT', doc: 'Device key, as the sessions name it.' },
    device_name: { type: 'TEXT', doc: 'Display name.' },
    os_family: { type: 'TEXT', doc: 'Operating systems of the device.' },
    screen_size: { type: 'TEXT', doc: 'Small, Medium or Large Screen.' },
    device_class: { type: 'TEXT', doc: 'handheld or desktop: what session analytics group by.' },
  },
  keys: ['device'],
  generate: ({ dialect: d }) => `
SELECT * FROM (
  ${DEVICE_DIMENSION.map(
    (row) =>
      `SELECT ${d.quote(row.device)} AS device, ${d.quote(row.device_name)} AS device_name, ${d.quote(row.os_family)} AS os_family, ${d.quote(row.screen_size)} AS screen_size, ${d.quote(row.device_class)} AS device_class`,
  ).join('\n  UNION ALL\n  ')}
) AS dimension
ORDER BY device`,
});
