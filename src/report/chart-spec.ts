import type { EChartsOption } from 'echarts';
import type { Row } from '../model/values.js';

export type { ChartSpec } from '../model/chart.js';

export const num = (row: Row, key: string): number => Number(row[key] ?? 0);
export const text = (row: Row, key: string): string => String(row[key] ?? '∅');

/**
 * The grid every cartesian chart shares: the plot shrinks until its axis labels and axis titles fit
 * inside the chart, so that a 1,000,000, a long category or a title is never cut off.
 */
export const GRID = { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same' as const, outerBoundsContain: 'all' as const };

/** Chart text is never smaller than this (px at the chart's drawn width): readable on a phone. */
export const MIN_FONT = 11;

/** The axes and grid every cartesian chart of the report shares. */
export function cartesian(horizontal = false): EChartsOption {
  const value = { type: 'value' as const, splitLine: { lineStyle: { color: '#e6e9ef' } }, axisLabel: { color: '#667', fontSize: 12 } };
  const category = { type: 'category' as const, axisLine: { lineStyle: { color: '#c8ced8' } }, axisTick: { show: false }, axisLabel: { color: '#445', fontSize: 12 } };
  return {
    grid: GRID,
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
  };
}

/**
 * An axis title: the column and its unit, `total_revenue (sum of amounts)`, centred along the
 * axis, moved clear of the axis labels. The grid keeps it inside the chart.
 */
export function axisTitle(column: string, unit?: string, gap = 12) {
  return { name: unit ? `${column} (${unit})` : column, nameLocation: 'middle' as const, nameGap: gap, nameMoveOverlap: true, nameTextStyle: { color: '#556', fontSize: 12 } };
}

export const legend: EChartsOption['legend'] = { top: 0, left: 'center', itemWidth: 12, itemHeight: 8, textStyle: { color: '#445', fontSize: 12 } };

/** A category x-axis that shows every label, slanted when there are many. */
export function categoryAxis(labels: readonly string[]): EChartsOption['xAxis'] {
  return {
    ...(cartesian().xAxis as object),
    data: [...labels],
    axisLabel: { color: '#445', interval: 0, rotate: labels.length > 6 ? 30 : 0, fontSize: labels.length > 10 ? MIN_FONT : 12 },
  };
}
