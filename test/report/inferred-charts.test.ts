import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EChartsOption } from 'echarts';
import { inferCharts } from '../../src/report/inferred-charts.js';
import { renderChartSvg } from '../../src/report/chart-svg.js';
import { reader, tempDir } from '../helpers.js';

/** A gold dataset of a user's pipeline, written as Parquet, with the columns the report sees. */
async function userDataset(select: string): Promise<{ rel: (name: string) => string; columns: Array<{ name: string; type: string }> }> {
  const engine = await reader();
  const dir = tempDir();
  await engine.query(`COPY (${select}) TO '${join(dir, 'part-0.parquet')}' (FORMAT parquet)`);
  const columns = await engine.describe(`SELECT * FROM read_parquet('${dir}/*.parquet')`);
  return { rel: () => `read_parquet('${dir}/*.parquet')`, columns };
}

const axis = (option: EChartsOption, which: 'xAxis' | 'yAxis') => option[which] as { name?: string; data?: string[] };
const series = (option: EChartsOption) => option.series as Array<{ name: string; data: Array<number | null> }>;

test('a date and measures give a chart per measure, each on its own axis, both axes titled', async () => {
  const { rel, columns } = await userDataset(
    `SELECT DATE '2026-03-01' + (i % 3)::INTEGER AS day, i AS order_id, i * 2500.5 AS revenue, 1 AS orders FROM range(6) t(i)`,
  );
  const charts = inferCharts('gold.daily_sales', columns);
  assert.deepEqual(charts.map((c) => c.title), ['revenue by day', 'orders by day']);
  const [revenue, orders] = await Promise.all(charts.map(async (c) => c.option(await (await reader()).query(c.sql(rel)))));
  assert.deepEqual([axis(revenue!, 'xAxis').name, axis(revenue!, 'yAxis').name], ['day', 'revenue']);
  assert.deepEqual(axis(orders!, 'xAxis').data, ['2026-03-01', '2026-03-02', '2026-03-03']);
  assert.deepEqual(series(revenue!).map((s) => s.data), [[7501.5, 12502.5, 17503.5]]);
  assert.deepEqual(series(orders!).map((s) => s.data), [[2, 2, 2]], 'the order counts are not flattened by the revenue');
  const svg = renderChartSvg(revenue!, 560, 300).text;
  assert.match(svg, /^<svg /);
  assert.equal((svg.match(/2026-03-0\d/g) ?? []).length, 3, 'one label per day');
  assert.match(svg, />revenue</, 'the y axis is titled');
});

test('a dimension is never summed away: a line per country over the days, the largest ones when there are many', async () => {
  const { rel, columns } = await userDataset(
    `SELECT DATE '2026-03-01' + (i % 2)::INTEGER AS day, ['NO', 'SE', 'DK'][1 + i % 3] AS country, 10.0 * (1 + i % 3) AS revenue FROM range(12) t(i)`,
  );
  const [chart, ...more] = inferCharts('gold.daily_revenue', columns);
  assert.equal(more.length, 0);
  assert.equal(chart!.title, 'revenue by day and country');
  const option = chart!.option(await (await reader()).query(chart!.sql(rel)));
  const lines = Object.fromEntries(series(option).map((s) => [s.name, s.data]));
  assert.deepEqual(lines, { DK: [60, 60], NO: [20, 20], SE: [40, 40] });
  const many = await userDataset(`SELECT DATE '2026-03-01' AS day, 'c' || i AS city, i AS revenue FROM range(20) t(i)`);
  const [top] = inferCharts('gold.by_city', many.columns);
  const names = series(top!.option(await (await reader()).query(top!.sql(many.rel)))).map((s) => s.name).sort();
  assert.deepEqual(names, ['c12', 'c13', 'c14', 'c15', 'c16', 'c17', 'c18', 'c19']);
  assert.equal(top!.subtitle, 'a line per city (the 8 largest)');
});

test('a category and measures give bars of the largest categories per measure, stacked by a second dimension', async () => {
  const { rel, columns } = await userDataset(
    `SELECT ['north', 'south', 'east'][1 + i % 3] AS region, ['web', 'shop'][1 + i % 2] AS channel, i AS store_id, 10 + i AS sales FROM range(9) t(i)`,
  );
  const [chart] = inferCharts('gold.sales_by_region', columns);
  assert.equal(chart!.title, 'sales by region and channel');
  const option = chart!.option(await (await reader()).query(chart!.sql(rel)));
  assert.deepEqual(axis(option, 'yAxis').data, ['east', 'south', 'north'], 'largest first');
  assert.equal(axis(option, 'xAxis').name, 'sales');
  const stacks = Object.fromEntries(series(option).map((s) => [s.name, s.data]));
  // Even stores sell on the web. east: 12 (web), 15 (shop), 18 (web); south: 11 (shop), 14 (web), 17 (shop); north: 10 (web), 13 (shop), 16 (web)
  assert.deepEqual(stacks, { shop: [15, 28, 13], web: [30, 14, 26] });
  assert.match(renderChartSvg(option, 560, 320).text, /north/);
});

test('a dataset without a measure gets no chart', async () => {
  const { columns } = await userDataset(`SELECT 'a' AS code, 1 AS customer_id`);
  assert.deepEqual(inferCharts('gold.codes', columns), []);
});
