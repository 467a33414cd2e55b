import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { PerformancePipelineConfig } from '../../src/index.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { memoryLogger, schemaOf, sql, tempDir } from '../helpers.js';

const AS_OF = '2026-03-16';
const SESSIONS = 3000;
const USERS = 400;
const DAYS = 21;
const config = new PerformancePipelineConfig({ dataDir: tempDir(), sessions: SESSIONS, users: USERS, days: DAYS, seed: 13, asOf: AS_OF });
const dir = config.dataDir;
let manifest: RunManifest;

/** A silver row as this test reads it back: instants as epoch milliseconds. */
interface Event {
  event_id: string;
  session_id: string;
  user_id: number;
  ts: number;
  event: string;
  device: string;
  amount: number;
  device_class: string | null;
  session_start: number;
  session_end: number;
  session_date: string;
  prev: number | null;
  gap: number | null;
  running_total_spent: number;
  session_event_number: number;
  purchase_rank: number | null;
  moving_avg_amount: number;
  event_weekday: number;
  event_hour: number;
}
let events: Event[];

before(async () => {
  manifest = await runPipeline(config, { logger: memoryLogger().logger });
  assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
  const rows = await sql(
    dir,
    `SELECT event_id, session_id, user_id, epoch_ms(timestamp) AS ts, event, device, amount, device_class,
            epoch_ms(session_start) AS session_start, epoch_ms(session_end) AS session_end, strftime(session_date, '%Y-%m-%d') AS session_date,
            epoch_ms(prev_event_time) AS prev, seconds_since_previous AS gap, running_total_spent, session_event_number,
            purchase_rank, moving_avg_amount, event_weekday, event_hour
     FROM {silver.enriched_events}`,
  );
  events = rows as unknown as Event[];
});

const V = 'VARCHAR';
const CONTRACT: Record<string, Array<[string, string]>> = {
  'bronze/sessions': [['event_id', V], ['session_id', V], ['user_id', 'INTEGER'], ['timestamp', V], ['event', V], ['device', V], ['region', V], ['amount', 'DOUBLE'], ['page_views', 'INTEGER']],
  'bronze/devices': [['device', V], ['device_name', V], ['os_family', V], ['screen_size', V], ['device_class', V]],
  'silver/enriched_events': [
    ['event_id', V], ['session_id', V], ['user_id', 'INTEGER'], ['timestamp', 'TIMESTAMP'], ['event', V], ['device', V], ['region', V], ['amount', 'DOUBLE'], ['page_views', 'INTEGER'],
    ['event_date', 'DATE'], ['event_hour', 'INTEGER'], ['event_weekday', 'INTEGER'], ['device_name', V], ['device_class', V],
    ['session_start', 'TIMESTAMP'], ['session_end', 'TIMESTAMP'], ['session_date', 'DATE'], ['prev_event_time', 'TIMESTAMP'], ['seconds_since_previous', 'BIGINT'],
    ['running_total_spent', 'DOUBLE'], ['session_event_number', 'INTEGER'], ['purchase_rank', 'INTEGER'], ['moving_avg_amount', 'DOUBLE'],
  ],
  'gold/user_analytics': [
    ['user_id', 'INTEGER'], ['sessions', 'BIGINT'], ['events', 'BIGINT'], ['active_days', 'BIGINT'], ['purchases', 'BIGINT'], ['total_spent', 'DOUBLE'], ['lifetime_value', 'DOUBLE'],
    ['avg_purchase', 'DOUBLE'], ['avg_gap_seconds', 'DOUBLE'], ['events_per_session', 'DOUBLE'], ['first_seen', 'TIMESTAMP'], ['last_seen', 'TIMESTAMP'], ['user_segment', V],
  ],
  'gold/session_analytics': [
    ['session_date', 'DATE'], ['device_class', V], ['sessions', 'BIGINT'], ['events', 'BIGINT'], ['avg_events_per_session', 'DOUBLE'], ['avg_duration_seconds', 'DOUBLE'],
    ['converting_sessions', 'BIGINT'], ['conversion_rate', 'DOUBLE'], ['revenue', 'DOUBLE'],
  ],
  'gold/temporal_patterns': [['event_weekday', 'INTEGER'], ['weekday_name', V], ['event_hour', 'INTEGER'], ['events', 'BIGINT'], ['sessions', 'BIGINT'], ['users', 'BIGINT'], ['purchases', 'BIGINT'], ['revenue', 'DOUBLE']],
  'gold/cohort_retention': [['cohort_week', 'DATE'], ['week_number', 'INTEGER'], ['cohort_users', 'BIGINT'], ['active_users', 'BIGINT'], ['retention_pct', 'DOUBLE'], ['revenue', 'DOUBLE']],
};

test('the run succeeds with every dataset of the contract, every expectation passing', () => {
  assert.deepEqual(manifest.datasets.map((d) => d.name.replace('.', '/')).sort(), Object.keys(CONTRACT).sort());
  const failing = manifest.datasets.flatMap((d) => d.expectations.filter((e) => e.status !== 'pass').map((e) => `${d.name}: ${e.name}`));
  assert.deepEqual(failing, []);
});

for (const [path, columns] of Object.entries(CONTRACT)) {
  test(`${path} has exactly the contract's columns`, async () => {
    const [layer, name] = path.split('/') as [string, string];
    assert.deepEqual(await schemaOf(dir, layer, name), columns);
  });
}

const byKey = <T>(rows: readonly T[], key: (row: T) => string | number): Map<string | number, T[]> => {
  const out = new Map<string | number, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
};
const inTimeOrder = (a: Event, b: Event) => a.ts - b.ts || (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0);
const cents = (x: number) => Math.round(x * 100);

test('bronze holds the sessions asked for, of 1 to 10 events each, 1–3 minutes apart, within the days before as-of', async () => {
  assert.equal(manifest.datasets.find((d) => d.name === 'bronze.sessions')!.rows, events.length);
  const sessions = byKey(events, (e) => e.session_id);
  assert.equal(sessions.size, SESSIONS);
  const asOf = Date.parse(`${AS_OF}T00:00:00Z`);
  for (const [id, rows] of sessions) {
    assert.ok(rows.length >= 1 && rows.length <= 10, `${id}: ${rows.length} events`);
    rows.sort(inTimeOrder);
    assert.equal(new Set(rows.map((r) => r.user_id)).size, 1, `${id}: one user`);
    assert.equal(new Set(rows.map((r) => r.device)).size, 1, `${id}: one device`);
    rows.slice(1).forEach((r, i) => {
      const apart = (r.ts - rows[i]!.ts) / 1000;
      assert.ok(apart >= 61 && apart <= 179, `${id}: events ${apart} s apart`);
    });
    assert.ok(rows[0]!.ts >= asOf - DAYS * 86_400_000 && rows.at(-1)!.ts < asOf, `${id}: within the ${DAYS} days before as-of`);
  }
  const users = new Set(events.map((e) => e.user_id));
  assert.ok([...users].every((u) => u >= 1 && u <= USERS));
  assert.ok(users.size > USERS * 0.9, `${users.size} users have sessions`);
  const amounts = events.filter((e) => e.event === 'purchase').map((e) => e.amount);
  assert.ok(amounts.length > 0 && amounts.every((a) => a >= 10 && a <= 500));
  assert.ok(events.filter((e) => e.event !== 'purchase').every((e) => e.amount === 0));
});

test("silver's window columns per user equal a recomputation over each user's events in time order", () => {
  const users = byKey(events, (e) => e.user_id);
  let checked = 0;
  for (const [user, rows] of users) {
    rows.sort(inTimeOrder);
    let total = 0;
    rows.forEach((row, i) => {
      const before = rows[i - 1];
      total += cents(row.amount);
      const where = `user ${user}, ${row.event_id}`;
      assert.equal(row.prev, before ? before.ts : null, `${where}: previous event time`);
      assert.equal(row.gap, before ? (row.ts - before.ts) / 1000 : null, `${where}: gap`);
      assert.ok(row.gap === null || row.gap >= 0, `${where}: gap is not negative`);
      assert.equal(cents(row.running_total_spent), total, `${where}: running total`);
      if (before) assert.ok(row.running_total_spent >= before.running_total_spent, `${where}: running total never decreases`);
      const lastThree = rows.slice(Math.max(0, i - 2), i + 1).map((r) => cents(r.amount));
      const average = lastThree.reduce((a, b) => a + b, 0) / lastThree.length / 100;
      assert.ok(Math.abs(row.moving_avg_amount - average) <= 0.005 + 1e-9, `${where}: moving average ${row.moving_avg_amount} vs ${average}`);
      checked++;
    });
    // Dense ranks of the user's purchases: the largest amount is 1, ties share a rank, no rank is skipped.
    const amounts = [...new Set(rows.filter((r) => r.event === 'purchase').map((r) => cents(r.amount)))].sort((a, b) => b - a);
    for (const row of rows) {
      assert.equal(row.purchase_rank, row.event === 'purchase' ? amounts.indexOf(cents(row.amount)) + 1 : null, `user ${user}, ${row.event_id}: purchase rank`);
    }
    const ranks = new Set(rows.flatMap((r) => (r.purchase_rank === null ? [] : [r.purchase_rank])));
    assert.deepEqual([...ranks].sort((a, b) => a - b), amounts.map((_, k) => k + 1), `user ${user}: ranks are dense`);
  }
  assert.equal(checked, events.length);
});

test("silver's session columns: each event's position in its session, the session's first and last event, and the device class of the dimension", () => {
  const classOf: Record<string, string> = { mobile: 'handheld', tablet: 'handheld', desktop: 'desktop' };
  for (const [id, rows] of byKey(events, (e) => e.session_id)) {
    rows.sort(inTimeOrder);
    rows.forEach((row, i) => {
      assert.equal(row.session_event_number, i + 1, `${id}: position`);
      assert.equal(row.session_start, rows[0]!.ts);
      assert.equal(row.session_end, rows.at(-1)!.ts);
      assert.ok(row.session_start <= row.session_end);
      assert.equal(row.session_date, new Date(rows[0]!.ts).toISOString().slice(0, 10));
      assert.equal(row.device_class, classOf[row.device]);
      assert.equal(row.event_hour, new Date(row.ts).getUTCHours());
      assert.equal(row.event_weekday, ((new Date(row.ts).getUTCDay() + 6) % 7) + 1);
    });
  }
});

test('user analytics: one row per user whose counts, spend, gaps and last running total match the events', async () => {
  const rows = await sql(dir, `SELECT user_id, sessions, events, active_days, purchases, total_spent, lifetime_value, avg_gap_seconds, user_segment FROM {gold.user_analytics}`);
  const users = byKey(events, (e) => e.user_id);
  assert.equal(rows.length, users.size);
  for (const row of rows) {
    const mine = users.get(Number(row['user_id']))!.sort(inTimeOrder);
    const spent = mine.reduce((s, e) => s + cents(e.amount), 0);
    const gaps = mine.flatMap((e) => (e.gap === null ? [] : [e.gap]));
    assert.equal(row['sessions'], new Set(mine.map((e) => e.session_id)).size);
    assert.equal(row['events'], mine.length);
    assert.equal(row['active_days'], new Set(mine.map((e) => new Date(e.ts).toISOString().slice(0, 10))).size);
    assert.equal(row['purchases'], mine.filter((e) => e.event === 'purchase').length);
    assert.equal(cents(Number(row['total_spent'])), spent);
    assert.equal(cents(Number(row['lifetime_value'])), spent);
    if (gaps.length) assert.ok(Math.abs(Number(row['avg_gap_seconds']) - gaps.reduce((a, b) => a + b, 0) / gaps.length) <= 0.005 + 1e-9);
    else assert.equal(row['avg_gap_seconds'], null);
    const value = spent / 100;
    assert.equal(row['user_segment'], value > 1000 ? 'Premium' : value > 500 ? 'Gold' : value > 100 ? 'Silver' : 'Bronze');
  }
});

test('session analytics per day and device class count the sessions, events and converting sessions of that day', async () => {
  const rows = await sql(dir, `SELECT strftime(session_date, '%Y-%m-%d') AS day, device_class, sessions, events, converting_sessions, conversion_rate, avg_duration_seconds FROM {gold.session_analytics}`);
  const sessions = [...byKey(events, (e) => e.session_id).values()];
  const cells = byKey(sessions, (s) => `${s[0]!.session_date}/${s[0]!.device_class}`);
  assert.equal(rows.length, cells.size);
  let total = 0;
  for (const row of rows) {
    const mine = cells.get(`${String(row['day'])}/${String(row['device_class'])}`)!;
    const converting = mine.filter((s) => s.some((e) => e.event === 'purchase')).length;
    assert.equal(row['sessions'], mine.length);
    assert.equal(row['events'], mine.reduce((n, s) => n + s.length, 0));
    assert.equal(row['converting_sessions'], converting);
    assert.ok(Math.abs(Number(row['conversion_rate']) - (converting * 100) / mine.length) <= 0.005 + 1e-9);
    const durations = mine.map((s) => (s[0]!.session_end - s[0]!.session_start) / 1000);
    assert.ok(Math.abs(Number(row['avg_duration_seconds']) - durations.reduce((a, b) => a + b, 0) / durations.length) <= 0.05 + 1e-9);
    total += Number(row['sessions']);
  }
  assert.equal(total, SESSIONS);
});

test('temporal patterns count the events of every weekday and hour', async () => {
  const rows = await sql(dir, `SELECT event_weekday, weekday_name, event_hour, events FROM {gold.temporal_patterns}`);
  const cells = byKey(events, (e) => `${((new Date(e.ts).getUTCDay() + 6) % 7) + 1}/${new Date(e.ts).getUTCHours()}`);
  assert.equal(rows.length, cells.size);
  for (const row of rows) {
    assert.equal(row['events'], cells.get(`${String(row['event_weekday'])}/${String(row['event_hour'])}`)!.length);
    assert.equal(row['weekday_name'], ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][Number(row['event_weekday']) - 1]);
  }
});

test("the cohort table: each cohort's users are those first active in its week, they sum to every user, and the percentages are in range", async () => {
  const rows = await sql(dir, `SELECT strftime(cohort_week, '%Y-%m-%d') AS cohort_week, week_number, cohort_users, active_users, retention_pct FROM {gold.cohort_retention}`);
  const DAY = 86_400_000;
  const monday = (ms: number) => {
    const day = Math.floor(ms / DAY) * DAY;
    return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  };
  const cohortOf = new Map<number, number>();
  for (const e of events) cohortOf.set(e.user_id, Math.min(cohortOf.get(e.user_id) ?? Infinity, monday(e.ts)));
  const cohortUsers = byKey([...cohortOf.entries()], ([, week]) => week);
  const active = byKey(events, (e) => `${cohortOf.get(e.user_id)!}/${(monday(e.ts) - cohortOf.get(e.user_id)!) / (7 * DAY)}`);
  assert.equal(rows.length, active.size);
  for (const row of rows) {
    const week = Date.parse(`${String(row['cohort_week'])}T00:00:00Z`);
    assert.equal(new Date(week).getUTCDay(), 1, 'a cohort week starts on a Monday');
    assert.equal(row['cohort_users'], cohortUsers.get(week)!.length, `${String(row['cohort_week'])}: cohort users`);
    const activeUsers = new Set(active.get(`${week}/${String(row['week_number'])}`)!.map((e) => e.user_id)).size;
    assert.equal(row['active_users'], activeUsers);
    const pct = Number(row['retention_pct']);
    assert.ok(pct >= 0 && pct <= 100, `retention ${pct}`);
    assert.ok(Math.abs(pct - (activeUsers * 100) / cohortUsers.get(week)!.length) <= 0.005 + 1e-9);
    if (row['week_number'] === 0) assert.equal(pct, 100);
  }
  const firstWeeks = rows.filter((r) => r['week_number'] === 0);
  assert.equal(firstWeeks.reduce((n, r) => n + Number(r['cohort_users']), 0), cohortOf.size);
  assert.ok(rows.some((r) => Number(r['week_number']) >= 2), 'users come back in later weeks');
});
