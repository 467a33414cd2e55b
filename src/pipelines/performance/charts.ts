import type { ChartsByDataset } from '../../model/chart.js';
import { donut, heatmap, unique } from '../../report/chart-kit.js';
import { axisTitle, cartesian, GRID, legend, MIN_FONT, num, text } from '../../report/chart-spec.js';
import { WEEKDAYS } from './vocabulary.js';

/** The report's charts of this pipeline's gold datasets. */
export const PERFORMANCE_CHARTS: ChartsByDataset = {
  'gold.temporal_patterns': [
    {
      title: 'Events by weekday and hour',
      subtitle: 'hour of day (UTC) × day of the week',
      sql: (rel) => `SELECT CAST(event_hour AS VARCHAR) AS hour, weekday_name, events FROM ${rel('gold.temporal_patterns')} ORDER BY event_weekday, event_hour`,
      option: (rows) => heatmap(rows, 'hour', 'weekday_name', 'events', Array.from({ length: 24 }, (_, h) => String(h)), [...WEEKDAYS].reverse(), { x: 'event_hour (UTC)' }),
      height: 280,
    },
  ],
  'gold.cohort_retention': [
    {
      title: 'Retention by cohort',
      subtitle: 'share of each first-activity week still active n weeks later (%)',
      sql: (rel) => `SELECT strftime(cohort_week, '%Y-%m-%d') AS cohort, 'week ' || CAST(week_number AS VARCHAR) AS week, week_number, retention_pct
                     FROM ${rel('gold.cohort_retention')} ORDER BY cohort_week, week_number`,
      option: (rows) => {
        const weeks = [...new Set(rows.map((r) => num(r, 'week_number')))].sort((a, b) => a - b).map((w) => `week ${w}`);
        return heatmap(rows, 'week', 'cohort', 'retention_pct', weeks, unique(rows, 'cohort').sort().reverse(), { x: 'week_number (weeks after the first)', y: 'cohort_week' });
      },
      height: 260,
    },
  ],
  'gold.session_analytics': [
    {
      title: 'Daily sessions by device class',
      subtitle: 'bars sessions, lines conversion rate (%)',
      sql: (rel) => `SELECT strftime(session_date, '%Y-%m-%d') AS day, coalesce(device_class, 'unknown') AS device_class, sessions, conversion_rate
                     FROM ${rel('gold.session_analytics')} ORDER BY session_date, device_class`,
      option: (rows) => {
        const days = unique(rows, 'day');
        const classes = unique(rows, 'device_class').sort();
        const cell = (day: string, c: string, column: string) => {
          const row = rows.find((r) => text(r, 'day') === day && text(r, 'device_class') === c);
          return row ? num(row, column) : null;
        };
        return {
          ...cartesian(),
          grid: { ...GRID, top: 52 },
          xAxis: { ...(cartesian().xAxis as object), data: days.map((day) => day.slice(5)), ...axisTitle('session_date', 'month-day') },
          yAxis: [
            { ...(cartesian().yAxis as object), ...axisTitle('sessions', 'count') },
            { type: 'value', splitLine: { show: false }, axisLabel: { color: '#667', fontSize: MIN_FONT + 1, formatter: '{value}%' }, ...axisTitle('conversion_rate', '%') },
          ],
          legend,
          series: [
            ...classes.map((c) => ({ type: 'bar' as const, name: c, stack: 'sessions', data: days.map((day) => cell(day, c, 'sessions')), barMaxWidth: 14 })),
            ...classes.map((c) => ({ type: 'line' as const, name: `${c} conversion %`, yAxisIndex: 1, data: days.map((day) => cell(day, c, 'conversion_rate')), showSymbol: false })),
          ],
        };
      },
      height: 320,
    },
  ],
  'gold.user_analytics': [
    {
      title: 'Users by segment',
      subtitle: 'lifetime value: the last running total of each user',
      sql: (rel) => `SELECT user_segment, count(*) AS users FROM ${rel('gold.user_analytics')} GROUP BY user_segment ORDER BY users DESC`,
      option: (rows) => donut(rows, 'user_segment', 'users'),
      height: 260,
    },
  ],
};
