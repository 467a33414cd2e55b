import type { Column } from '../engines/engine.js';
import { axisTitle, cartesian, GRID, legend, num, text, type ChartSpec } from './chart-spec.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UBIGINT|UINTEGER|FLOAT|REAL|DOUBLE|DECIMAL.*|LONG|SHORT)$/i;
const TEMPORAL = /^(DATE|TIMESTAMP.*)$/i;
const TEXT = /^(VARCHAR|STRING|TEXT)$/i;
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Measures charted per dataset, and values of a dimension drawn as series of their own. */
const MEASURES = 3;
const SERIES = 8;

/**
 * Charts for a gold dataset that declares none, from its column types. Each measure gets a chart
 * of its own (an order count and a revenue never share an axis, where one would lie flat at 0),
 * with both axes titled by their columns, and a text dimension is never summed away: a date gives
 * lines over time, one per value of the dimension (its largest values, when there are many); a
 * category gives bars of the largest categories, stacked by a second dimension if there is one.
 * Key-like columns (`*_id`) are not measures.
 */
export function inferCharts(dataset: string, columns: readonly Column[]): ChartSpec[] {
  const measures = columns.filter((c) => NUMERIC.test(c.type) && !/(^|_)id$/i.test(c.name)).slice(0, MEASURES);
  const date = columns.find((c) => TEMPORAL.test(c.type));
  const dimensions = columns.filter((c) => TEXT.test(c.type));
  if (!measures.length) return [];
  if (date) return measures.map((m) => overTime(dataset, date.name, m.name, dimensions[0]?.name));
  if (dimensions.length) return measures.map((m) => byCategory(dataset, dimensions[0]!.name, m.name, dimensions[1]?.name));
  return [];
}

/** The dimension's largest values by the measure, as a SQL filter: the rest are named in the subtitle. */
const largest = (dataset: string, rel: (name: string) => string, dimension: string, measure: string) =>
  `CAST(${q(dimension)} AS VARCHAR) IN (SELECT CAST(${q(dimension)} AS VARCHAR) FROM ${rel(dataset)} GROUP BY 1 ORDER BY sum(${q(measure)}) DESC NULLS LAST, 1 LIMIT ${SERIES})`;

function overTime(dataset: string, date: string, measure: string, dimension: string | undefined): ChartSpec {
  return {
    title: `${measure} by ${date}${dimension ? ` and ${dimension}` : ''}`,
    ...(dimension ? { subtitle: `a line per ${dimension} (the ${SERIES} largest)` } : {}),
    sql: (rel) =>
      `SELECT CAST(CAST(${q(date)} AS DATE) AS VARCHAR) AS x, ${dimension ? `CAST(${q(dimension)} AS VARCHAR)` : `'${measure.replaceAll("'", "''")}'`} AS series, sum(${q(measure)}) AS value
       FROM ${rel(dataset)}${dimension ? ` WHERE ${largest(dataset, rel, dimension, measure)}` : ''} GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 3200`,
    option: (rows) => {
      const xs = [...new Set(rows.map((r) => text(r, 'x')))];
      const names = [...new Set(rows.map((r) => text(r, 'series')))];
      const base = cartesian();
      return {
        ...base,
        xAxis: { ...(base.xAxis as object), data: xs, ...axisTitle(date) },
        yAxis: { ...(base.yAxis as object), ...axisTitle(measure) },
        ...(dimension ? { legend } : {}),
        series: names.map((name) => ({
          type: 'line',
          name,
          showSymbol: xs.length < 2,
          data: xs.map((x) => rows.find((r) => text(r, 'x') === x && text(r, 'series') === name)).map((r) => (r ? num(r, 'value') : null)),
        })),
      };
    },
  };
}

function byCategory(dataset: string, category: string, measure: string, stackBy: string | undefined): ChartSpec {
  return {
    title: `${measure} by ${category}${stackBy ? ` and ${stackBy}` : ''}`,
    subtitle: 'the 15 largest',
    sql: (rel) =>
      `SELECT CAST(${q(category)} AS VARCHAR) AS label, ${stackBy ? `CAST(${q(stackBy)} AS VARCHAR)` : `'${measure.replaceAll("'", "''")}'`} AS series, sum(${q(measure)}) AS value
       FROM ${rel(dataset)}
       WHERE CAST(${q(category)} AS VARCHAR) IN (SELECT CAST(${q(category)} AS VARCHAR) FROM ${rel(dataset)} GROUP BY 1 ORDER BY sum(${q(measure)}) DESC NULLS LAST, 1 LIMIT 15)
       GROUP BY 1, 2 ORDER BY 1, 2`,
    option: (rows) => {
      // Largest category first, whatever it is stacked by.
      const totals = new Map<string, number>();
      for (const r of rows) totals.set(text(r, 'label'), (totals.get(text(r, 'label')) ?? 0) + num(r, 'value'));
      const labels = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
      const names = [...new Set(rows.map((r) => text(r, 'series')))];
      const base = cartesian(true);
      return {
        ...base,
        grid: { ...GRID, top: stackBy ? 36 : 16 },
        xAxis: { ...(base.xAxis as object), ...axisTitle(measure) },
        yAxis: { ...(base.yAxis as object), data: labels, ...axisTitle(category) },
        ...(stackBy ? { legend } : {}),
        series: names.map((name) => ({
          type: 'bar',
          name,
          stack: 'total',
          barMaxWidth: 18,
          data: labels.map((l) => rows.filter((r) => text(r, 'label') === l && text(r, 'series') === name).reduce((s, r) => s + num(r, 'value'), 0)),
        })),
      };
    },
    height: 320,
  };
}
