import { dataset } from '../../model/dataset.js';
import type { MapReducePipelineConfig } from './config.js';
import { expect } from '../../quality/expect.js';
import { EVENT_TYPES, USER_TIERS } from './vocabulary.js';
import { reconciles } from '../../define/reconcile.js';
import { EVENT_FUNNEL_TESTS, WORD_COUNT_TESTS, PRODUCT_REVENUE_TESTS, USER_SEGMENTS_TESTS } from './tests.js';

type C = MapReducePipelineConfig;
const EVENTS = 'silver.cleaned_events';

export const userEngagement = dataset<C>({
  name: 'gold.user_engagement',
  description: 'Activity, spend and engagement score of each user.',
  columns: {
    user_id: 'User key.',
    total_events: 'Events of the user.',
    unique_event_types: 'Distinct event types.',
    active_days: 'Distinct days with an event.',
    total_spent: 'Sum of purchase amounts, 2 decimals (0 without purchases).',
    total_items_purchased: 'Sum of purchased units (0 without purchases).',
    avg_session_duration: 'Average view duration in seconds, 2 decimals; NULL without views.',
    first_seen: 'First event time.',
    last_seen: 'Last event time.',
    days_active_period: 'Days between first and last event, 4 decimals.',
    engagement_score: 'total_events × active_days / (days_active_period + 1), 2 decimals.',
  },
  expect: [
    expect.unique(['user_id'], { action: 'fail' }),
    expect.range('engagement_score', { min: 0 }),
    expect.range('unique_event_types', { min: 1, max: EVENT_TYPES.length }, { action: 'fail' }),
    reconciles('total_events', EVENTS, 'count(*)'),
    reconciles('total_spent', EVENTS, 'sum(amount)', { within: 1 }),
  ],
  sql: ({ ref, dialect: d }) => `
SELECT user_id, total_events, unique_event_types, active_days, total_spent, total_items_purchased,
       avg_session_duration, first_seen, last_seen, days_active_period,
       round(total_events * active_days / (days_active_period + 1), 2) AS engagement_score
FROM (
  SELECT user_id, count(*) AS total_events,
         count(DISTINCT event) AS unique_event_types,
         count(DISTINCT event_date) AS active_days,
         round(coalesce(sum(amount), 0), 2) AS total_spent,
         CAST(coalesce(sum(quantity), 0) AS BIGINT) AS total_items_purchased,
         round(avg(duration_seconds), 2) AS avg_session_duration,
         min(timestamp) AS first_seen,
         max(timestamp) AS last_seen,
         round((${d.epochSeconds('max(timestamp)')} - ${d.epochSeconds('min(timestamp)')}) / CAST(86400 AS DOUBLE), 4) AS days_active_period
  FROM ${ref(EVENTS)} AS e
  GROUP BY user_id
) AS per_user
ORDER BY user_id`,
});

const rate = (num: string, den: string) => `round(${num} * CAST(100 AS DOUBLE) / NULLIF(${den}, 0), 2)`;

export const eventFunnel = dataset<C>({
  name: 'gold.event_funnel',
  tests: EVENT_FUNNEL_TESTS,
  description: 'Daily view → add-to-cart → purchase funnel with conversion rates.',
  partitionBy: 'event_date',
  columns: {
    event_date: 'Day.',
    total_events: 'Events that day.',
    unique_users: 'Distinct users that day.',
    views: 'View events.',
    add_to_carts: 'Add-to-cart events.',
    purchases: 'Purchase events.',
    daily_revenue: 'Sum of purchase amounts, 2 decimals.',
    view_to_cart_rate: 'add_to_carts / views in percent, 2 decimals; NULL without views.',
    cart_to_purchase_rate: 'purchases / add_to_carts in percent, 2 decimals; NULL without carts.',
    overall_conversion_rate: 'purchases / views in percent, 2 decimals; NULL without views.',
  },
  expect: [
    expect.range('view_to_cart_rate', { min: 0, max: 100 }),
    expect.range('cart_to_purchase_rate', { min: 0, max: 100 }),
    expect.range('overall_conversion_rate', { min: 0, max: 100 }),
    expect.unique(['event_date'], { action: 'fail' }),
    reconciles('total_events', EVENTS, 'count(*)'),
    reconciles('purchases', EVENTS, 'count(*)', { where: "event = 'purchase'" }),
  ],
  sql: ({ ref }) => `
SELECT event_date, total_events, unique_users, views, add_to_carts, purchases, daily_revenue,
       ${rate('add_to_carts', 'views')} AS view_to_cart_rate,
       ${rate('purchases', 'add_to_carts')} AS cart_to_purchase_rate,
       ${rate('purchases', 'views')} AS overall_conversion_rate
FROM (
  SELECT event_date, count(*) AS total_events, count(DISTINCT user_id) AS unique_users,
         count(CASE WHEN event = 'view' THEN 1 END) AS views,
         count(CASE WHEN event = 'add_to_cart' THEN 1 END) AS add_to_carts,
         count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases,
         round(coalesce(sum(amount), 0), 2) AS daily_revenue
  FROM ${ref(EVENTS)} AS e
  GROUP BY event_date
) AS daily
ORDER BY event_date`,
});

export const deviceLocationAnalytics = dataset<C>({
  name: 'gold.device_location_analytics',
  description: 'Events per device and location.',
  columns: { device: 'Device.', location: 'Country code.', event_count: 'Events.' },
  incremental: { merge: { keys: ['device', 'location'], sums: ['event_count'], orderBy: 'event_count DESC, device, location' } },
  mapReduce: {
    pattern: 'group by composite key',
    map: 'emit ((device, location), 1) for each event',
    reduce: 'sum the ones of each (device, location) key',
  },
  expect: [
    reconciles('event_count', EVENTS, 'count(*)'),
  ],
  sql: ({ ref }) => `
SELECT device, location, count(*) AS event_count
FROM ${ref(EVENTS)} AS e
GROUP BY device, location
ORDER BY event_count DESC, device, location`,
});

export const revenueAnalytics = dataset<C>({
  name: 'gold.revenue_analytics',
  description: 'Daily purchase revenue and purchasing customers.',
  partitionBy: 'event_date',
  columns: {
    event_date: 'Day.',
    total_revenue: 'Sum of purchase amounts, 2 decimals.',
    unique_customers: 'Distinct users who purchased.',
    total_purchases: 'Purchase events.',
    avg_order_value: 'Average purchase amount, 2 decimals.',
  },
  expect: [
    expect.range('avg_order_value', { min: 0, minExclusive: true }),
    reconciles('total_purchases', EVENTS, 'count(*)', { where: "event = 'purchase'" }),
    reconciles('total_revenue', EVENTS, 'sum(amount)', { where: "event = 'purchase'", within: 1 }),
  ],
  sql: ({ ref }) => `
SELECT event_date, round(sum(amount), 2) AS total_revenue, count(DISTINCT user_id) AS unique_customers,
       count(*) AS total_purchases, round(avg(amount), 2) AS avg_order_value
FROM ${ref(EVENTS)} AS e
WHERE event = 'purchase'
GROUP BY event_date
ORDER BY event_date`,
});

export const hourlyPatterns = dataset<C>({
  name: 'gold.hourly_patterns',
  description: 'Activity by hour of day, over all days.',
  columns: {
    event_hour: 'Hour of day, 0–23.',
    event_count: 'Events in that hour.',
    unique_users: 'Distinct users in that hour.',
    purchases: 'Purchase events in that hour.',
    revenue: 'Sum of purchase amounts, 2 decimals.',
  },
  expect: [
    expect.range('event_hour', { min: 0, max: 23 }, { action: 'fail' }),
    expect.rowCount({ max: 24 }, { action: 'fail' }),
    reconciles('event_count', EVENTS, 'count(*)'),
  ],
  sql: ({ ref }) => `
SELECT event_hour, count(*) AS event_count, count(DISTINCT user_id) AS unique_users,
       count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases,
       round(coalesce(sum(amount), 0), 2) AS revenue
FROM ${ref(EVENTS)} AS e
GROUP BY event_hour
ORDER BY event_hour`,
});

export const eventTypeCounts = dataset<C>({
  name: 'gold.event_type_counts',
  description: 'Events per type: the group-by-key pattern.',
  columns: { event: 'Event type.', event_count: 'Events.' },
  incremental: { merge: { keys: ['event'], sums: ['event_count'], orderBy: 'event_count DESC, event' } },
  mapReduce: {
    pattern: 'group by key',
    map: 'emit (event, 1) for each event',
    reduce: 'sum the ones of each event type (partial sums per thread act as the combiner)',
  },
  expect: [
    expect.acceptedValues('event', EVENT_TYPES, { action: 'fail' }),
    reconciles('event_count', EVENTS, 'count(*)'),
  ],
  sql: ({ ref }) => `
SELECT event, count(*) AS event_count
FROM ${ref(EVENTS)} AS e
GROUP BY event
ORDER BY event_count DESC, event`,
});

export const topUsers = dataset<C>({
  name: 'gold.top_users',
  description: 'The ten most active users; ties broken by the smaller user id.',
  columns: { rank: 'Rank, 1–10.', user_id: 'User key.', event_count: 'Events of the user.' },
  mapReduce: {
    pattern: 'top-N',
    map: 'emit (user_id, 1) for each event',
    reduce: 'sum per user, then keep the 10 largest counts (a bounded heap per partition, merged at the end)',
  },
  expect: [
    expect.rowCount({ max: 10 }, { action: 'fail' }),
    expect.unique(['rank'], { action: 'fail' }),
    expect.references('user_id', EVENTS),
  ],
  sql: ({ ref }) => `
SELECT CAST(row_number() OVER (ORDER BY event_count DESC, user_id) AS INTEGER) AS rank, user_id, event_count
FROM (SELECT user_id, count(*) AS event_count FROM ${ref(EVENTS)} AS e GROUP BY user_id) AS per_user
ORDER BY event_count DESC, user_id
LIMIT 10`,
});

export const wordCount = dataset<C>({
  name: 'gold.word_count',
  tests: WORD_COUNT_TESTS,
  description: 'Occurrences of each lower-cased word of search queries: the classic word count.',
  columns: { word: 'A word of a search query, lower-cased.', occurrences: 'Times it was searched.' },
  incremental: { merge: { keys: ['word'], sums: ['occurrences'], orderBy: 'occurrences DESC, word' } },
  mapReduce: {
    pattern: 'word count',
    map: 'split each query into words and emit (word, 1)',
    reduce: 'sum the ones of each word',
  },
  expect: [
    expect.pattern('word', '[a-z0-9]+'),
    expect.range('occurrences', { min: 1 }, { action: 'fail' }),
  ],
  sql: ({ ref, dialect: d }) => `
SELECT word, count(*) AS occurrences
FROM (
  SELECT ${d.explodeSplit('lower(query)', ' ')} AS word
  FROM ${ref(EVENTS)} AS e
  WHERE event = 'search' AND query IS NOT NULL
) AS words
WHERE word <> ''
GROUP BY word
ORDER BY occurrences DESC, word`,
});

export const productRevenue = dataset<C>({
  name: 'gold.product_revenue',
  tests: PRODUCT_REVENUE_TESTS,
  description: 'Purchases, units and revenue per product, joined to the small catalog on the map side.',
  columns: {
    product_id: 'Product key.',
    product_name: 'Display name (from the catalog).',
    category: 'Category (from the catalog).',
    purchases: 'Purchase events.',
    units: 'Units purchased.',
    revenue: 'Sum of purchase amounts, 2 decimals.',
  },
  mapReduce: {
    pattern: 'map-side join',
    map: 'the small catalog is broadcast to every task, so each purchase is joined where it is read, without a shuffle',
    reduce: 'sum purchases, units and amounts per product',
  },
  expect: [
    expect.references('product_id', 'bronze.products', 'product_id', { action: 'fail' }),
    expect.range('units', { min: 1 }, { action: 'fail' }),
    reconciles('purchases', EVENTS, 'count(*)', {
      where: (ctx) => `event = 'purchase' AND product_id IN (SELECT product_id FROM ${ctx.ref('bronze.products')} AS p)`,
    }),
  ],
  sql: ({ ref, dialect: d }) => `
SELECT ${d.broadcastHint('p')} p.product_id, p.product_name, p.category,
       count(*) AS purchases, CAST(sum(e.quantity) AS BIGINT) AS units, round(sum(e.amount), 2) AS revenue
FROM ${ref(EVENTS)} AS e
JOIN ${ref('bronze.products')} AS p ON e.product_id = p.product_id
WHERE e.event = 'purchase'
GROUP BY p.product_id, p.product_name, p.category
ORDER BY revenue DESC, p.product_id`,
});

export const userSegments = dataset<C>({
  name: 'gold.user_segments',
  tests: USER_SEGMENTS_TESTS,
  description: 'Active users, events and revenue per tier and country: a reduce-side join after a combiner.',
  columns: {
    tier: 'Subscription tier.',
    country: 'Country code.',
    users: 'Active users.',
    events: 'Events of those users.',
    revenue: 'Their purchase amounts, 2 decimals.',
  },
  mapReduce: {
    pattern: 'reduce-side join',
    map: 'combiner: events are first reduced to one (user_id, events, revenue) record per user; both sides are then keyed by user_id',
    reduce: 'both inputs are shuffled by user_id and joined in the reducers, then summed per (tier, country)',
  },
  expect: [
    expect.acceptedValues('tier', USER_TIERS, { action: 'fail' }),
    reconciles('events', EVENTS, 'count(*)', {
      where: (ctx) => `user_id IN (SELECT user_id FROM ${ctx.ref('bronze.users')} AS u)`,
    }),
  ],
  sql: ({ ref, dialect: d }) => `
SELECT ${d.shuffleHint('u')} u.tier, u.country, count(*) AS users, CAST(sum(a.events) AS BIGINT) AS events,
       round(sum(a.revenue), 2) AS revenue
FROM (
  SELECT user_id, count(*) AS events, coalesce(sum(amount), 0) AS revenue
  FROM ${ref(EVENTS)} AS e
  GROUP BY user_id
) AS a
JOIN ${ref('bronze.users')} AS u ON a.user_id = u.user_id
GROUP BY u.tier, u.country
ORDER BY u.tier, u.country`,
});
