import type { ChartsByDataset } from '../../model/chart.js';
import { donut, heatmap, ranking, stacked, unique } from '../../report/chart-kit.js';
import { axisTitle, cartesian, GRID, legend, MIN_FONT, num, text } from '../../report/chart-spec.js';

/** The report's charts of this pipeline's gold datasets. */
export const MAPREDUCE_CHARTS: ChartsByDataset = {
  'gold.user_engagement': [
    {
      title: 'Users by active days',
      subtitle: 'how many days each user was seen',
      sql: (rel) => `SELECT CAST(active_days AS VARCHAR) AS days, count(*) AS users FROM ${rel('gold.user_engagement')} GROUP BY active_days ORDER BY active_days`,
      option: (rows) => ({
        ...cartesian(),
        xAxis: { ...(cartesian().xAxis as object), data: rows.map((r) => text(r, 'days')), ...axisTitle('active_days', 'days seen') },
        yAxis: { ...(cartesian().yAxis as object), ...axisTitle('users', 'count') },
        series: [{ type: 'bar', name: 'users', data: rows.map((r) => num(r, 'users')), barMaxWidth: 40, itemStyle: { borderRadius: [4, 4, 0, 0] } }],
      }),
    },
  ],
  'gold.event_funnel': [
    {
      title: 'Daily funnel',
      subtitle: 'views → carts → purchases, with conversion rates (%)',
      sql: (rel) => `SELECT CAST(event_date AS VARCHAR) AS day, views, add_to_carts, purchases, view_to_cart_rate, cart_to_purchase_rate
                     FROM ${rel('gold.event_funnel')} ORDER BY event_date`,
      option: (rows) => ({
        ...cartesian(),
        grid: { ...GRID, top: 52 },
        xAxis: { ...(cartesian().xAxis as object), data: rows.map((r) => text(r, 'day').slice(5)), ...axisTitle('event_date', 'month-day') },
        yAxis: [
          { ...(cartesian().yAxis as object), ...axisTitle('events', 'count') },
          { type: 'value', splitLine: { show: false }, axisLabel: { color: '#667', fontSize: MIN_FONT + 1, formatter: '{value}%' }, ...axisTitle('conversion rate', '%') },
        ],
        legend,
        series: [
          { type: 'bar', name: 'views', stack: 'f', data: rows.map((r) => num(r, 'views')), barMaxWidth: 14 },
          { type: 'bar', name: 'carts', data: rows.map((r) => num(r, 'add_to_carts')), barMaxWidth: 14 },
          { type: 'bar', name: 'purchases', data: rows.map((r) => num(r, 'purchases')), barMaxWidth: 14 },
          { type: 'line', name: 'view→cart %', yAxisIndex: 1, data: rows.map((r) => num(r, 'view_to_cart_rate')), showSymbol: false, lineStyle: { width: 2 } },
          { type: 'line', name: 'cart→purchase %', yAxisIndex: 1, data: rows.map((r) => num(r, 'cart_to_purchase_rate')), showSymbol: false, lineStyle: { width: 2, type: 'dashed' } },
        ],
      }),
      height: 320,
    },
  ],
  'gold.hourly_patterns': [
    {
      title: 'Events by hour and type',
      subtitle: 'hour of day (UTC) × event type',
      sql: (rel) => `SELECT CAST(event_hour AS VARCHAR) AS hour, event, count(*) AS events FROM ${rel('silver.cleaned_events')}
                     WHERE event_hour IS NOT NULL GROUP BY ALL ORDER BY ALL`,
      option: (rows) =>
        heatmap(rows, 'hour', 'event', 'events', Array.from({ length: 24 }, (_, h) => String(h)), unique(rows, 'event').sort(), { x: 'event_hour (UTC)' }),
      height: 280,
    },
  ],
  'gold.device_location_analytics': [
    {
      title: 'Device × location',
      subtitle: 'events',
      sql: (rel) => `SELECT device, location, event_count FROM ${rel('gold.device_location_analytics')} ORDER BY device, location`,
      option: (rows) => heatmap(rows, 'location', 'device', 'event_count', unique(rows, 'location').sort(), unique(rows, 'device').sort()),
      height: 240,
    },
  ],
  'gold.revenue_analytics': [
    {
      title: 'Daily revenue',
      subtitle: 'revenue and purchases per day',
      sql: (rel) => `SELECT CAST(event_date AS VARCHAR) AS day, total_revenue, total_purchases FROM ${rel('gold.revenue_analytics')} ORDER BY event_date`,
      option: (rows) => ({
        ...cartesian(),
        xAxis: { ...(cartesian().xAxis as object), data: rows.map((r) => text(r, 'day').slice(5)), ...axisTitle('event_date', 'month-day') },
        yAxis: [
          { ...(cartesian().yAxis as object), ...axisTitle('total_revenue', 'sum of amount') },
          { type: 'value', splitLine: { show: false }, axisLabel: { color: '#667', fontSize: MIN_FONT + 1 }, ...axisTitle('total_purchases', 'count') },
        ],
        legend,
        series: [
          { type: 'line', name: 'revenue', data: rows.map((r) => num(r, 'total_revenue')), areaStyle: { opacity: 0.15 }, showSymbol: false, smooth: true },
          { type: 'bar', name: 'purchases', yAxisIndex: 1, data: rows.map((r) => num(r, 'total_purchases')), barMaxWidth: 10, itemStyle: { opacity: 0.5 } },
        ],
      }),
    },
  ],
  'gold.word_count': [
    {
      title: 'Search words',
      subtitle: 'the 15 most searched',
      sql: (rel) => `SELECT word, occurrences FROM ${rel('gold.word_count')} ORDER BY occurrences DESC, word LIMIT 15`,
      option: (rows) => ranking(rows, 'word', 'occurrences', 'searches', 'count'),
      height: 340,
    },
  ],
  'gold.top_users': [
    {
      title: 'Top users',
      subtitle: 'events of the 10 most active users',
      sql: (rel) => `SELECT 'user ' || CAST(user_id AS VARCHAR) AS user_id, event_count FROM ${rel('gold.top_users')} ORDER BY rank`,
      option: (rows) => ranking(rows, 'user_id', 'event_count', 'events', 'count'),
      height: 280,
    },
  ],
  'gold.product_revenue': [
    {
      title: 'Product revenue',
      subtitle: 'the 12 best-selling products',
      sql: (rel) => `SELECT coalesce(product_name, CAST(product_id AS VARCHAR)) AS product, revenue FROM ${rel('gold.product_revenue')}
                     ORDER BY revenue DESC, product LIMIT 12`,
      option: (rows) => ({ ...ranking(rows, 'product', 'revenue', 'revenue', 'sum of amount'), grid: { ...GRID, top: 12, right: 56 } }),
      height: 320,
    },
  ],
  'gold.event_type_counts': [
    {
      title: 'Event types',
      subtitle: 'share of all events',
      sql: (rel) => `SELECT event, event_count FROM ${rel('gold.event_type_counts')} ORDER BY event_count DESC`,
      option: (rows) => donut(rows, 'event', 'event_count'),
      height: 260,
    },
  ],
  'gold.user_segments': [
    {
      title: 'Revenue by country and tier',
      subtitle: 'purchase amounts of active users',
      sql: (rel) => `SELECT country, tier, revenue FROM ${rel('gold.user_segments')} ORDER BY country, tier`,
      option: (rows) => stacked(rows, 'country', 'tier', 'revenue', { unit: 'sum of amount' }),
    },
  ],
};
