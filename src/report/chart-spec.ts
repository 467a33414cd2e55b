import type { EChartsOption } from 'echarts';
import type { Row } from '../model/values.js';

export type { ChartSpec } from '../model/chart.js';

export const num = (row: Row, key: string): number => Number(row[key] ?? 0);
export const text = (row: Row, key: string): string => String(row[key] ?? '∅');

/** The axes and grid every cartesian chart of the report shares. */
export function cartesian(horizontal = false): EChartsOption {
  const value = { type: 'value' as const, splitLine: { lineStyle: { color: '#e6e9ef' } }, axisLabel: { color: '#667' } };
  const category = { type: 'category' as const, axisLine: { lineStyle: { color: '#c8ced8' } }, axisTick: { show: false }, axisLabel: { color: '#445' } };
  return {
    // The grid holds its axis labels, so that a 1,000,000 or a long category is never cut off.
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
  };
}

export const legend: EChartsOption['legend'] = { top: 0, left: 'center', itemWidth: 12, itemHeight: 8, textStyle: { color: '#445' } };

/** A category x-axis that shows every label, slanted when there are many. */
export function categoryAxis(labels: readonly string[]): EChartsOption['xAxis'] {
  return {
    ...(cartesian().xAxis as object),
    data: [...labels],
    axisLabel: { color: '#445', interval: 0, rotate: labels.length > 6 ? 30 : 0, fontSize: labels.length > 10 ? 10 : 12 },
  };
}
