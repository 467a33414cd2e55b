import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
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

test('a date and measures give a line per measure over the dates, summed per day', async () => {
  const { rel, columns } = await userDataset(
    `SELECT DATE '2026-03-01' + (i % 3)::INTEGER AS day, i AS order_id, i * 2.5 AS revenue, 1 AS orders FROM range(6) t(i)`,
  );
  const [chart, ...more] = inferCharts('gold.daily_sales', columns);
  assert.equal(more.length, 0);
  assert.equal(chart!.title, 'revenue, orders by day');
  const rows = await (await reader()).query(chart!.sql(rel));
  assert.deepEqual(rows.map((r) => [r['x'], Number(r['m0']), Number(r['m1'])]), [
    ['2026-03-01', 7.5, 2],
    ['2026-03-02', 12.5, 2],
    ['2026-03-03', 17.5, 2],
  ]);
  const svg = renderChartSvg(chart!.option(rows), 560, 300).text;
  assert.match(svg, /^<svg /);
  assert.equal((svg.match(/2026-03-0\d/g) ?? []).length, 3, 'one label per day');
});

test('a category and a measure give bars of the largest categories', async () => {
  const { rel, columns } = await userDataset(
    `SELECT ['north', 'south', 'east'][1 + i % 3] AS region, i AS store_id, 10 + i AS sales FROM range(9) t(i)`,
  );
  const [chart] = inferCharts('gold.sales_by_region', columns);
  assert.equal(chart!.title, 'sales by region');
  const rows = await (await reader()).query(chart!.sql(rel));
  assert.deepEqual(rows.map((r) => [r['label'], Number(r['value'])]), [['east', 45], ['south', 42], ['north', 39]]);
  assert.match(renderChartSvg(chart!.option(rows), 560, 320).text, /north/);
});

test('a dataset without a measure gets no chart', async () => {
  const { columns } = await userDataset(`SELECT 'a' AS code, 1 AS customer_id`);
  assert.deepEqual(inferCharts('gold.codes', columns), []);
});
