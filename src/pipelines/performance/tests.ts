import type { DatasetTest, TestRow } from '../../model/dataset-test.js';

const sessionEvent = (event_id: number, session_id: string, user_id: number, timestamp: string, event: string, amount = 0): TestRow => ({
  event_id, session_id, user_id, timestamp, event, device: 'mobile', region: 'EU', amount, page_views: event === 'page_view' ? 2 : 0,
});

const DEVICES: readonly TestRow[] = [{ device: 'mobile', device_name: 'Mobile phone', os_family: 'Android', screen_size: 'small', device_class: 'handheld' }];

export const ENRICHED_EVENTS_TESTS: readonly DatasetTest[] = [
  {
    name: "window columns over a user's events: gap, running total, position in session, purchase rank, moving average",
    given: {
      'bronze.sessions': [
        sessionEvent(1, 'S1', 7, '2026-05-04 10:00:00', 'login'),
        sessionEvent(2, 'S1', 7, '2026-05-04 10:00:30', 'purchase', 40),
        sessionEvent(3, 'S1', 7, '2026-05-04 10:02:00', 'purchase', 10),
        sessionEvent(4, 'S2', 7, '2026-05-05 09:00:00', 'purchase', 40),
        sessionEvent(5, 'S3', 8, '2026-05-04 11:00:00', 'page_view'),
      ],
      'bronze.devices': DEVICES,
    },
    expect: [
      { event_id: 1, seconds_since_previous: null, running_total_spent: 0, session_event_number: 1, purchase_rank: null, moving_avg_amount: 0, session_start: '2026-05-04 10:00:00', session_end: '2026-05-04 10:02:00', device_class: 'handheld' },
      { event_id: 2, seconds_since_previous: 30, running_total_spent: 40, session_event_number: 2, purchase_rank: 1, moving_avg_amount: 20 },
      { event_id: 3, seconds_since_previous: 90, running_total_spent: 50, session_event_number: 3, purchase_rank: 2, moving_avg_amount: 16.67 },
      { event_id: 4, seconds_since_previous: 82680, running_total_spent: 90, session_event_number: 1, purchase_rank: 1, moving_avg_amount: 30, session_date: '2026-05-05' },
      { event_id: 5, seconds_since_previous: null, running_total_spent: 0, session_event_number: 1, purchase_rank: null },
    ],
    tolerance: 0.005,
  },
  {
    name: 'a negative amount stops the run',
    given: { 'bronze.sessions': [sessionEvent(1, 'S1', 7, '2026-05-04 10:00:00', 'purchase', -5)], 'bronze.devices': DEVICES },
    fails: 'amounts_non_negative',
  },
];

export const COHORT_RETENTION_TESTS: readonly DatasetTest[] = [
  {
    name: 'users by the week of their first event, and how many come back each week after',
    given: {
      'silver.enriched_events': [
        // Two users start in the week of Monday 2026-05-04; one comes back the week after and the one after that.
        { user_id: 1, event_date: '2026-05-04', amount: 10 },
        { user_id: 2, event_date: '2026-05-06', amount: 0 },
        { user_id: 1, event_date: '2026-05-12', amount: 5 },
        { user_id: 1, event_date: '2026-05-19', amount: 0 },
        // One user starts the week after.
        { user_id: 3, event_date: '2026-05-11', amount: 2 },
      ],
    },
    expect: [
      { cohort_week: '2026-05-04', week_number: 0, cohort_users: 2, active_users: 2, retention_pct: 100, revenue: 10 },
      { cohort_week: '2026-05-04', week_number: 1, cohort_users: 2, active_users: 1, retention_pct: 50, revenue: 5 },
      { cohort_week: '2026-05-04', week_number: 2, cohort_users: 2, active_users: 1, retention_pct: 50, revenue: 0 },
      { cohort_week: '2026-05-11', week_number: 0, cohort_users: 1, active_users: 1, retention_pct: 100, revenue: 2 },
    ],
  },
];
