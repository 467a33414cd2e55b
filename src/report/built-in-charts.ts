import type { EChartsOption } from 'echarts';
import type { Row } from '../engines/engine.js';
import { cartesian, categoryAxis, legend, num, text, type ChartSpec } from './chart-spec.js';

// The charts of the two built-in pipelines, keyed by gold dataset. They belong with the pipelines'
// definitions once a pipeline is a plugin object that can carry its own charts; until then the
// report keeps them here and picks charts by column types for every other gold dataset.

const unique = (rows: readonly Row[], key: string): string[] => [...new Set(rows.map((r) => text(r, key)))];

/** A stacked bar per `x`, one series per `series` value, from rows of (x, series, value). */
function stacked(rows: readonly Row[], x: string, series: string, value: string, horizontal = false): EChartsOption {
  const xs = unique(rows, x);
  const names = unique(rows, series);
  return {
    ...cartesian(horizontal),
    ...(horizontal ? { yAxis: { ...(cartesian(true).yAxis as object), data: xs } } : { xAxis: categoryAxis(xs) }),
    legend,
    series: names.map((name) => ({
      type: 'bar',
      name,
      stack: 'total',
      barMaxWidth: 36,
      data: xs.map((v) => rows.filter((r) => text(r, x) === v && text(r, series) === name).reduce((s, r) => s + num(r, value), 0)),
    })),
  };
}

/** A horizontal bar of the top rows by `value`, labelled by `label`. */
function ranking(rows: readonly Row[], label: string, value: string, name: string): EChartsOption {
  const base = cartesian(true);
  return {
    ...base,
    yAxis: { ...(base.yAxis as object), data: rows.map((r) => text(r, label)) },
    series: [{ type: 'bar', name, data: rows.map((r) => num(r, value)), barMaxWidth: 18, label: { show: true, position: 'right', color: '#556', fontSize: 10 } }],
  };
}

function donut(rows: readonly Row[], label: string, value: string): EChartsOption {
  return {
    legend: { ...legend, orient: 'vertical', left: 8, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['42%', '72%'],
        center: ['62%', '52%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{d}%', color: '#445' },
        data: rows.map((r) => ({ name: text(r, label), value: num(r, value) })),
      },
    ],
  };
}

function heatmap(rows: readonly Row[], x: string, y: string, value: string, xs: string[], ys: string[]): EChartsOption {
  const values = rows.map((r) => num(r, value));
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    grid: { left: 90, right: 24, top: 12, bottom: 70 },
    xAxis: { type: 'category', data: xs, splitArea: { show: false }, axisTick: { show: false }, axisLabel: { color: '#445' } },
    yAxis: { type: 'category', data: ys, axisTick: { show: false }, axisLabel: { color: '#445' } },
    visualMap: {
      // From the smallest cell, not from zero: the differences between cells are the point.
      min: Number.isFinite(min) ? min : 0,
      max: Number.isFinite(max) && max > min ? max : min + 1,
      text: ['more', 'fewer'],
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 10,
      calculable: false,
      inRange: { color: ['#eef3fc', '#9bb8ec', '#3b6fd8', '#1b3d86'] },
      textStyle: { color: '#556' },
    },
    series: [
      {
        type: 'heatmap',
        data: rows.map((r) => [xs.indexOf(text(r, x)), ys.indexOf(text(r, y)), num(r, value)]),
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
    ],
  };
}

type ChartsByDataset = Readonly<Record<string, readonly ChartSpec[]>>;

const DATA_CHARTS: ChartsByDataset = {
  'gold.category_analytics': [
    {
      title: 'Revenue by category',
      subtitle: 'completed transactions; bars revenue, line transactions',
      sql: (rel) => `SELECT product_category, total_revenue, transaction_count FROM ${rel('gold.category_analytics')} ORDER BY total_revenue DESC`,
      option: (rows) => ({
        ...cartesian(),
        xAxis: categoryAxis(rows.map((r) => text(r, 'product_category'))),
        yAxis: [cartesian().yAxis as object, { type: 'value', splitLine: { show: false }, axisLabel: { color: '#667' } }],
        legend,
        series: [
          { type: 'bar', name: 'revenue', data: rows.map((r) => num(r, 'total_revenue')), barMaxWidth: 40, itemStyle: { borderRadius: [4, 4, 0, 0] } },
          { type: 'line', name: 'transactions', yAxisIndex: 1, data: rows.map((r) => num(r, 'transaction_count')), symbolSize: 6 },
        ],
      }),
    },
  ],
  'gold.customer_analytics': [
    {
      title: 'Customer segments by city',
      subtitle: 'customers per spend segment',
      sql: (rel) => `SELECT city, customer_segment, sum(customer_count) AS customers FROM ${rel('gold.customer_analytics')} GROUP BY ALL ORDER BY city, customer_segment`,
      option: (rows) => stacked(rows, 'city', 'customer_segment', 'customers'),
    },
  ],
  'gold.payment_analytics': [
    {
      title: 'Payment mix',
      subtitle: 'share of completed transactions',
      sql: (rel) => `SELECT payment_method, usage_count FROM ${rel('gold.payment_analytics')} ORDER BY usage_count DESC`,
      option: (rows) => donut(rows, 'payment_method', 'usage_count'),
      height: 260,
    },
  ],
  'gold.device_analytics': [
    {
      title: 'Device and browser mix',
      subtitle: 'completed transactions',
      sql: (rel) => `SELECT device, browser, transaction_count FROM ${rel('gold.device_analytics')} ORDER BY device, browser`,
      option: (rows) => stacked(rows, 'device', 'browser', 'transaction_count', true),
      height: 260,
    },
  ],
  'gold.product_analytics': [
    {
      title: 'Stock by category',
      subtitle: 'units in stock per supplier',
      sql: (rel) => `SELECT category, supplier, total_stock FROM ${rel('gold.product_analytics')} ORDER BY category, supplier`,
      option: (rows) => stacked(rows, 'category', 'supplier', 'total_stock'),
    },
  ],
};

const MAPREDUCE_CHARTS: ChartsByDataset = {
  'gold.user_engagement': [
    {
      title: 'Users by active days',
      subtitle: 'how many days each user was seen',
      sql: (rel) => `SELECT CAST(active_days AS VARCHAR) AS days, count(*) AS users FROM ${rel('gold.user_engagement')} GROUP BY active_days ORDER BY active_days`,
      option: (rows) => ({
        ...cartesian(),
        xAxis: { ...(cartesian().xAxis as object), data: rows.map((r) => text(r, 'days')), name: 'active days', nameLocation: 'middle', nameGap: 26 },
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
        grid: { left: 56, right: 48, top: 52, bottom: 40 },
        xAxis: { ...(cartesian().xAxis as object), data: rows.map((r) => text(r, 'day').slice(5)) },
        yAxis: [cartesian().yAxis as object, { type: 'value', splitLine: { show: false }, axisLabel: { color: '#667', formatter: '{value}%' } }],
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
        heatmap(rows, 'hour', 'event', 'events', Array.from({ length: 24 }, (_, h) => String(h)), unique(rows, 'event').sort()),
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
        grid: { left: 64, right: 48, top: 36, bottom: 40 },
        xAxis: { ...(cartesian().xAxis as object), data: rows.map((r) => text(r, 'day').slice(5)) },
        yAxis: [cartesian().yAxis as object, { type: 'value', splitLine: { show: false }, axisLabel: { color: '#667' } }],
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
      option: (rows) => ranking(rows, 'word', 'occurrences', 'searches'),
      height: 340,
    },
  ],
  'gold.top_users': [
    {
      title: 'Top users',
      subtitle: 'events of the 10 most active users',
      sql: (rel) => `SELECT 'user ' || CAST(user_id AS VARCHAR) AS user_label, event_count FROM ${rel('gold.top_users')} ORDER BY rank`,
      option: (rows) => ranking(rows, 'user_label', 'event_count', 'events'),
      height: 280,
    },
  ],
  'gold.product_revenue': [
    {
      title: 'Product revenue',
      subtitle: 'the 12 best-selling products',
      sql: (rel) => `SELECT coalesce(product_name, CAST(product_id AS VARCHAR)) AS product, revenue FROM ${rel('gold.product_revenue')}
                     ORDER BY revenue DESC, product LIMIT 12`,
      option: (rows) => ({ ...ranking(rows, 'product', 'revenue', 'revenue'), grid: { left: 150, right: 56, top: 12, bottom: 28 } }),
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
      option: (rows) => stacked(rows, 'country', 'tier', 'revenue'),
    },
  ],
};

/** Charts per pipeline, then per gold dataset; a user's pipeline of the same dataset names is not matched. */
export const BUILT_IN_CHARTS: Readonly<Record<string, ChartsByDataset>> = { data: DATA_CHARTS, mapreduce: MAPREDUCE_CHARTS };
