import type { EChartsOption } from 'echarts';
import type { Row } from '../model/values.js';
import { axisTitle, cartesian, categoryAxis, GRID, legend, MIN_FONT, num, text } from './chart-spec.js';

// Chart shapes a pipeline's charts are made of: stacked bars, rankings, donuts and heat maps, in
// the report's style.

export const unique = (rows: readonly Row[], key: string): string[] => [...new Set(rows.map((r) => text(r, key)))];

/**
 * A stacked bar per `x`, one series per `series` value, from rows of (x, series, value); the axes
 * are titled with the columns, the value's with its `unit`.
 */
export function stacked(rows: readonly Row[], x: string, series: string, value: string, options: { horizontal?: boolean; unit?: string } = {}): EChartsOption {
  const xs = unique(rows, x);
  const names = unique(rows, series);
  const horizontal = options.horizontal ?? false;
  const base = cartesian(horizontal);
  const category = { ...axisTitle(x) };
  const measure = { ...axisTitle(value, options.unit) };
  return {
    ...base,
    ...(horizontal
      ? { xAxis: { ...(base.xAxis as object), ...measure }, yAxis: { ...(base.yAxis as object), data: xs, ...category } }
      : { xAxis: { ...(categoryAxis(xs) as object), ...category }, yAxis: { ...(base.yAxis as object), ...measure } }),
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

/** A horizontal bar of the top rows by `value`, labelled by `label`; the value axis titled with its column and `unit`. */
export function ranking(rows: readonly Row[], label: string, value: string, name: string, unit?: string): EChartsOption {
  const base = cartesian(true);
  return {
    ...base,
    grid: { ...GRID, top: 12 },
    xAxis: { ...(base.xAxis as object), ...axisTitle(value, unit) },
    yAxis: { ...(base.yAxis as object), data: rows.map((r) => text(r, label)), ...axisTitle(label) },
    series: [{ type: 'bar', name, data: rows.map((r) => num(r, value)), barMaxWidth: 18, label: { show: true, position: 'right', color: '#556', fontSize: MIN_FONT } }],
  };
}

export function donut(rows: readonly Row[], label: string, value: string): EChartsOption {
  return {
    legend: { ...legend, orient: 'vertical', left: 8, top: 'middle' },
    // No axes to title: the legend names the `label` values, the slices are shares of `value`.
    series: [
      {
        type: 'pie',
        radius: ['42%', '72%'],
        center: ['62%', '52%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{d}%', color: '#445', fontSize: 12 },
        data: rows.map((r) => ({ name: text(r, label), value: num(r, value) })),
      },
    ],
  };
}

/** A heat map of `value` over (x, y); the axes titled with their columns, or `titles` (a column and its unit). */
export function heatmap(rows: readonly Row[], x: string, y: string, value: string, xs: string[], ys: string[], titles: { x?: string; y?: string } = {}): EChartsOption {
  const values = rows.map((r) => num(r, value));
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    grid: { ...GRID, top: 8, bottom: 52 },
    xAxis: { type: 'category', data: xs, splitArea: { show: false }, axisTick: { show: false }, axisLabel: { color: '#445', fontSize: 12 }, ...axisTitle(titles.x ?? x) },
    yAxis: { type: 'category', data: ys, axisTick: { show: false }, axisLabel: { color: '#445', fontSize: 12 }, ...axisTitle(titles.y ?? y) },
    visualMap: {
      // From the smallest cell, not from zero: the differences between cells are the point.
      min: Number.isFinite(min) ? min : 0,
      max: Number.isFinite(max) && max > min ? max : min + 1,
      text: [`more ${value}`, 'fewer'],
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 10,
      calculable: false,
      inRange: { color: ['#eef3fc', '#9bb8ec', '#3b6fd8', '#1b3d86'] },
      textStyle: { color: '#556', fontSize: 12 },
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
