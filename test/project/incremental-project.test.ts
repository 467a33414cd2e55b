import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { tempDir } from '../helpers.js';
import { allRows, assertSameRows } from '../run/incremental/dataset-rows.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function medallion(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A user's pipeline that declares its partition column, its daily datasets and a merge-able one; and one that declares none. */
const PIPELINES = `import { dataset, defineConfig, pipeline, source } from 'medallion';

const clicks = source({
  name: 'bronze.clicks',
  description: 'Clicks as exported, one file a day.',
  input: 'clicks',
  partitionBy: 'click_date',
  columns: {
    click_id: { type: 'INTEGER', doc: 'Click key.' },
    page: { type: 'TEXT', doc: 'Page clicked.' },
    clicked_at: { type: 'TIMESTAMP', doc: 'When.' },
  },
  keys: ['click_id'],
});

const clicksClean = dataset({
  name: 'silver.clicks_clean',
  description: 'Clicks with their day.',
  partitionBy: 'click_date',
  columns: { click_id: 'Click key.', page: 'Page.', clicked_at: 'When.', click_date: 'Day.' },
  sql: ({ ref }) => \`SELECT click_id, page, clicked_at, CAST(clicked_at AS DATE) AS click_date FROM \${ref('bronze.clicks')} AS c\`,
});

const dailyClicks = dataset({
  name: 'gold.daily_clicks',
  description: 'Clicks per day.',
  partitionBy: 'click_date',
  columns: { click_date: 'Day.', clicks: 'Clicks.', pages: 'Distinct pages.' },
  sql: ({ ref }) => \`SELECT click_date, count(*) AS clicks, count(DISTINCT page) AS pages FROM \${ref('silver.clicks_clean')} AS c GROUP BY click_date\`,
});

const pageClicks = dataset({
  name: 'gold.page_clicks',
  description: 'Clicks per page, over all days.',
  incremental: { merge: { keys: ['page'], sums: ['clicks'], orderBy: 'clicks DESC, page' } },
  columns: { page: 'Page.', clicks: 'Clicks.' },
  sql: ({ ref }) => \`SELECT page, count(*) AS clicks FROM \${ref('silver.clicks_clean')} AS c GROUP BY page ORDER BY clicks DESC, page\`,
});

const pagesSeen = dataset({
  name: 'gold.pages_seen',
  description: 'Distinct pages and the first click, over all days.',
  columns: { pages: 'Distinct pages.', first_click: 'First click.' },
  sql: ({ ref }) => \`SELECT count(DISTINCT page) AS pages, min(clicked_at) AS first_click FROM \${ref('silver.clicks_clean')} AS c\`,
});

const inputs = { clicks: { formats: ['csv'], help: 'the clicks export' } } as const;
const clicksPipeline = pipeline({ name: 'clicks', config: { inputs }, sources: [clicks], datasets: [clicksClean, dailyClicks, pageClicks, pagesSeen] });
const totalClicks = dataset({
  name: 'gold.total_clicks',
  description: 'Clicks.',
  columns: { clicks: 'Clicks.' },
  sql: ({ ref }) => \`SELECT count(*) AS clicks FROM \${ref('bronze.clicks')} AS c\`,
});
const wholePipeline = pipeline({ name: 'whole', config: { inputs }, sources: [{ ...clicks, partitionBy: undefined }], datasets: [totalClicks] });

export default defineConfig({ pipelines: [clicksPipeline, wholePipeline] });
`;

const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03'];
const PAGES = ['home', 'cart', 'search', 'help'];

let project: string;
const runs: Array<ReturnType<typeof medallion>> = [];
before(() => {
  project = tempDir();
  mkdirSync(join(project, 'input'));
  writeFileSync(join(project, 'medallion.config.ts'), PIPELINES);
  let id = 0;
  DAYS.forEach((day, d) => {
    const rows = Array.from({ length: 5 + d * 3 }, (_, i) => `${++id},${PAGES[(i * (d + 1)) % PAGES.length]},${day} ${String(i).padStart(2, '0')}:30:00`);
    writeFileSync(join(project, 'input', `${day}.csv`), `click_id,page,clicked_at\n${rows.join('\n')}\n`);
  });
  const day = (date: string) => medallion(project, 'run', 'clicks', '--data-dir', 'by-day', '--date', date, '--input-clicks', `input/${date}.csv`);
  // The second day arrives last; the first is sent twice.
  for (const date of ['2026-11-01', '2026-11-03', '2026-11-02', '2026-11-01']) runs.push(day(date));
  runs.push(medallion(project, 'run', 'clicks', '--data-dir', 'whole', '--input-clicks', 'input/*.csv'));
});

test("a user pipeline's daily runs (late and repeated days) give the gold rows of one plain run over every file", async () => {
  for (const r of runs) assert.equal(r.code, 0, r.stderr + r.stdout);
  for (const name of ['gold.daily_clicks', 'gold.page_clicks', 'gold.pages_seen', 'silver.clicks_clean']) {
    const byDay = await allRows(join(project, 'by-day'), name);
    assert.ok(byDay.length > 0, name);
    assertSameRows(byDay, await allRows(join(project, 'whole'), name), name);
  }
  assert.deepEqual((await allRows(join(project, 'by-day'), 'gold.daily_clicks')).map((r) => r[1]), [5, 8, 11]);
});

test('status of a user pipeline shows its days; --date on a pipeline without a partition column is refused', () => {
  const status = medallion(project, 'status', 'clicks', '--data-dir', 'by-day');
  assert.match(status.stdout, /partitioned by day: bronze\.clicks by click_date, silver\.clicks_clean by click_date, gold\.daily_clicks by click_date/);
  assert.match(status.stdout, /2026-11-01 … 2026-11-03 {2}\(3 days\)/);
  const refused = medallion(project, 'run', 'whole', '--date', '2026-11-01', '--input-clicks', 'input/2026-11-01.csv');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--date: pipeline whole declares no partition column \(partitionBy\), so it always runs whole; leave out --date/);
  const range = medallion(project, 'run', 'clicks', '--data-dir', 'other', '--from', '2026-11-01', '--to', '2026-11-02', '--input-clicks', 'input/2026-11-01.csv');
  assert.equal(range.code, 2);
  assert.match(range.stderr, /--from\/--to covers 2 days, but input files are one day's data: give them with --date, one day per run/);
});

test("the scaffolded example runs by day: a day's run takes that day's orders from the export and keeps the days before", async () => {
  const parent = tempDir();
  assert.equal(medallion(parent, 'init', 'shop').code, 0);
  const shop = join(parent, 'shop');
  for (const date of ['2026-11-02', '2026-11-03']) {
    const out = medallion(shop, 'run', 'orders', '--date', date, '--input-orders', 'input/orders.csv');
    assert.equal(out.code, 0, out.stderr + out.stdout);
  }
  const data = join(shop, 'data', 'orders');
  // 2 Nov: orders 1–3; 3 Nov: 5 (4 is cancelled, 6 negative); the other days' rows are left out.
  assert.deepEqual((await allRows(data, 'silver.orders_clean')).map((r) => r[0]), [1, 2, 3, 5]);
  assert.deepEqual((await allRows(data, 'gold.daily_revenue')).map((r) => [String(r[0]).slice(0, 10), r[1]]), [['2026-11-02', 3], ['2026-11-03', 1]]);
  assert.match(medallion(shop, 'status', 'orders').stdout, /2026-11-02 … 2026-11-03 {2}\(2 days\)/);
});
