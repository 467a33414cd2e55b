import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeReport, type WrittenReport } from '../../src/report/write-report.js';
import { PIPELINES } from '../../src/pipelines/registry.js';
import { readRunRecords } from '../../src/report/run-records.js';
import { HOSTILE_QUERIES, reportFixture } from './report-fixture.js';

const CHROMIUM = process.env['MEDALLION_CHROMIUM'] ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `browser suite skipped: no chromium at ${CHROMIUM} (scripts/install-chromium.sh installs it)`;
if (skip) process.stdout.write(`# ${skip}\n`);

/** Screenshots land here for a person to look at; the folder is git-ignored. */
const ARTIFACTS = resolve('test-artifacts');

let dataDirs: string[];
let written: WrittenReport;
let browser: Browser | undefined;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];
const dialogs: string[] = [];

before(async () => {
  if (skip) return;
  const fixture = await reportFixture();
  dataDirs = fixture.dataDirs;
  written = await writeReport(dataDirs, join(fixture.dir, 'report'), (name) => PIPELINES[name as keyof typeof PIPELINES]?.charts);
  // launch() gives chromium a fresh profile of its own and removes it when chromium ends.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(written.path).href, { waitUntil: 'load' });
});

/** Closes chromium once: a browser left running would keep this test file from ever ending. */
async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = undefined;
  await open?.close();
}

after(closeBrowser);

test('the page loads from disk without a console error and without a single request beyond itself', { skip }, async () => {
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(requests, [pathToFileURL(written.path).href]);
  assert.deepEqual(dialogs, []);
});

test('each pipeline has a lineage graph with a node per dataset and an edge per ref', { skip }, async () => {
  for (const dir of dataDirs) {
    const [run] = readRunRecords(dir).slice(-1);
    const pipeline = run!.pipeline;
    const names = run!.datasets.map((d) => d.name).sort();
    const graph = page.locator(`[data-lineage="${pipeline}"] svg.lineage`);
    assert.equal(await graph.isVisible(), true);
    const nodes = await graph.locator('.node').evaluateAll((els) => els.map((e) => e.getAttribute('data-dataset')));
    assert.deepEqual(nodes.sort(), names);
    const refs = run!.datasets.reduce((n, d) => n + (d.inputs?.length ?? 0), 0);
    assert.ok(refs >= names.length - 3, `${pipeline} records its refs`);
    assert.equal(await graph.locator('.edge').count(), refs);
    const box = await graph.boundingBox();
    assert.ok(box && box.width > 600 && box.height > 150, `the graph is drawn (${JSON.stringify(box)})`);
    // Laid out by dependency: every edge leaves its input's right side and enters its dataset's left
    // side, further right (silver reading silver too), and every bronze dataset is in the first column.
    const placed = await graph.evaluate((svg) => {
      const boxes = new Map([...svg.querySelectorAll('.node')].map((n) => [n.getAttribute('data-dataset')!, (n.querySelector('.node-box') as SVGGraphicsElement).getBBox()]));
      const edges = [...svg.querySelectorAll('.edge')].map((e) => ({ from: e.getAttribute('data-from')!, to: e.getAttribute('data-to')! }));
      return { edges: edges.map(({ from, to }) => ({ from, to, fromRight: boxes.get(from)!.x + boxes.get(from)!.width, toLeft: boxes.get(to)!.x })), xs: [...boxes.entries()].map(([name, b]) => ({ name, x: b.x })) };
    });
    for (const e of placed.edges) assert.ok(e.fromRight < e.toLeft, `${e.from} -> ${e.to} runs left to right`);
    const firstColumn = Math.min(...placed.xs.map((n) => n.x));
    for (const n of placed.xs.filter((n) => n.name.startsWith('bronze.'))) assert.equal(n.x, firstColumn, `${n.name} stands in the first column`);
  }
});

test('every gold dataset has its charts drawn as SVG, and no chart reports a problem', { skip }, async () => {
  const figures = page.locator('figure.chart');
  assert.equal(await figures.count(), written.charts);
  assert.equal(await page.locator('.chart-problem').count(), 0);
  for (const dir of dataDirs) {
    const run = readRunRecords(dir).at(-1)!;
    for (const d of run.datasets.filter((r) => r.layer === 'gold')) {
      const charts = page.locator(`figure.chart[data-chart="${d.name}"]`);
      assert.equal(await charts.count(), PIPELINES[run.pipeline as keyof typeof PIPELINES]?.charts?.[d.name]?.length ?? 1, d.name);
      const drawn = await charts.first().evaluate((f) => ({
        shapes: f.querySelectorAll('svg path, svg rect').length,
        width: f.querySelector('svg')!.getBoundingClientRect().width,
      }));
      assert.ok(drawn.shapes > 5 && drawn.width > 300, `${d.name}: ${JSON.stringify(drawn)}`);
    }
  }
});

test('every dataset has a section with its schema, docs and expectations', { skip }, async () => {
  for (const dir of dataDirs) {
    const run = readRunRecords(dir).at(-1)!;
    for (const d of run.datasets) {
      const section = page.locator(`details.dataset[data-dataset="${d.name}"]`).filter({ has: page.locator('summary') });
      const inPipeline = page.locator(`section[data-pipeline="${run.pipeline}"] details.dataset[data-dataset="${d.name}"]`);
      assert.equal(await inPipeline.count(), 1, d.name);
      assert.ok((await section.count()) >= 1);
      const rows = await inPipeline.locator('table.schema tbody tr').count();
      assert.equal(rows, d.columns.length, `${d.name} schema rows`);
      const firstDoc = Object.entries(d.docs ?? {})[0];
      if (firstDoc) assert.ok((await inPipeline.locator('table.schema').textContent())!.includes(firstDoc[1]), `${d.name} shows its docs`);
      assert.equal(await inPipeline.locator('table.expectations tbody tr').count(), d.expectations.length, `${d.name} expectations`);
    }
  }
});

test('clicking a node opens its dataset section', { skip }, async () => {
  const section = page.locator('section[data-pipeline="mapreduce"] details[data-dataset="gold.word_count"]');
  assert.equal(await section.evaluate((d) => (d as HTMLDetailsElement).open), false);
  await page.locator('[data-lineage="mapreduce"] .node[data-dataset="gold.word_count"]').click();
  assert.equal(await section.evaluate((d) => (d as HTMLDetailsElement).open), true);
  assert.equal(await section.locator('table.schema').isVisible(), true);
  await page.waitForFunction(() => {
    const d = document.querySelector('section[data-pipeline="mapreduce"] details[data-dataset="gold.word_count"]')!.getBoundingClientRect();
    return d.top >= -1 && d.top < window.innerHeight;
  });
  assert.match(page.url(), /#ds-mapreduce-gold_word_count$/);
});

test('hostile search queries from the input show as text and never run', { skip }, async () => {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img').length,
    wordChart: document.querySelector('figure.chart[data-chart="gold.word_count"]')!.textContent,
  }));
  assert.equal(state.pwned, undefined);
  assert.equal(state.scripts, 1, 'only the report script is a script');
  assert.equal(state.images, 0);
  // The word count splits queries on spaces, so each hostile query arrives as words of itself.
  assert.ok(state.wordChart!.includes('<script>window.__pwned=1</script>'), state.wordChart!);
  assert.ok(state.wordChart!.includes('src=x'), state.wordChart!);
  assert.ok(HOSTILE_QUERIES.every((q) => q.includes('__pwned')));
  assert.deepEqual(dialogs, []);
});

test('declared charts title both axes with the column and its unit', { skip }, async () => {
  const texts = (dataset: string) =>
    page.locator(`figure.chart[data-chart="${dataset}"] .chart-wide svg text`).evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const category = await texts('gold.category_analytics');
  for (const title of ['product_category', 'total_revenue (sum of amount)', 'transaction_count (transactions)']) assert.ok(category.includes(title), `${title} in ${category.join(' | ')}`);
  const segments = await texts('gold.customer_analytics');
  for (const title of ['city', 'customer_count (customers)']) assert.ok(segments.includes(title), `${title} in ${segments.join(' | ')}`);
  const words = await texts('gold.word_count');
  for (const title of ['word', 'occurrences (count)']) assert.ok(words.includes(title), `${title} in ${words.join(' | ')}`);
  const hours = await texts('gold.hourly_patterns');
  for (const title of ['event_hour (UTC)', 'event']) assert.ok(hours.includes(title), `${title} in ${hours.join(' | ')}`);
});

test('expand all opens every dataset card of a pipeline, collapse all closes them, and the search filters the cards by name', { skip }, async () => {
  const section = page.locator('section[data-pipeline="data"]');
  const cards = section.locator('details.dataset');
  const total = await cards.count();
  const open = () => cards.evaluateAll((els) => els.filter((e) => (e as HTMLDetailsElement).open).length);
  const visible = () => cards.evaluateAll((els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.getAttribute('data-dataset')));
  assert.ok(total >= 11, `${total} cards`);
  await section.locator('.ds-expand').click();
  assert.equal(await open(), total, 'every card is open');
  await section.locator('.ds-collapse').click();
  assert.equal(await open(), 0, 'every card is closed');
  await section.locator('.ds-search').fill('customer_analytics');
  assert.deepEqual(await visible(), ['gold.customer_analytics']);
  assert.equal(await section.locator('.ds-shown').textContent(), `1 of ${total} datasets`);
  assert.equal(await section.locator('details.dataset[data-dataset="gold.customer_analytics"]').isVisible(), true);
  await section.locator('.ds-search').fill('GOLD customer');
  assert.deepEqual(await visible(), ['gold.customer_analytics'], 'words match in any case, all of them');
  const names = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-dataset')!));
  const silver = names.filter((n) => n.startsWith('silver.'));
  await section.locator('.ds-search').fill('silver');
  assert.deepEqual(await visible(), silver);
  assert.ok(silver.includes('silver.transactions_clean'));
  await section.locator('.ds-expand').click();
  assert.equal(await open(), silver.length, 'expand all opens the cards the search shows');
  await section.locator('.ds-collapse').click();
  await section.locator('.ds-search').fill('');
  assert.equal((await visible()).length, total, 'an empty search shows every card again');
  assert.equal(await page.locator('section[data-pipeline="mapreduce"] details.dataset:not([hidden])').count(), await page.locator('section[data-pipeline="mapreduce"] details.dataset').count(), "the other pipeline's cards are untouched");
});

test('the page fits a phone: nothing but the tables and the graph scrolls sideways; screenshots are saved', { skip }, async () => {
  try {
    await phoneAndScreenshots();
  } finally {
    // The last test closes chromium itself too, so that a failing cleanup hook elsewhere cannot leave it running.
    await closeBrowser();
  }
});

async function phoneAndScreenshots(): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, 'report-1440.png') });
  await page.screenshot({ path: join(ARTIFACTS, 'report-1440-full.png'), fullPage: true });
  await page.locator('section[data-pipeline="data"] .charts').screenshot({ path: join(ARTIFACTS, 'report-1440-charts.png') });
  await page.locator('section[data-pipeline="data"] .ds-tools').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'report-1440-datasets.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, 'report-390.png') });
  await page.locator('section[data-pipeline="data"] .ds-search').fill('customer');
  await page.locator('section[data-pipeline="data"] .ds-tools').evaluate((e) => e.scrollIntoView({ block: 'start', behavior: 'instant' }));
  await page.screenshot({ path: join(ARTIFACTS, 'report-390-datasets-search.png') });
  await page.locator('section[data-pipeline="data"] .ds-search').fill('');
  await page.locator('section[data-pipeline="data"] .charts').screenshot({ path: join(ARTIFACTS, 'report-390-charts.png') });
  await page.locator('section[data-pipeline="mapreduce"] .charts').screenshot({ path: join(ARTIFACTS, 'report-390-mapreduce-charts.png') });
  // The size a reader sees: the text's font size times the scale its SVG is drawn at on the screen.
  await page.locator('section[data-pipeline="data"] .ds-expand').click();
  const sizes = await page.evaluate(() =>
    [...document.querySelectorAll('figure.chart svg text, figure.trend svg text')]
      .filter((t) => (t as SVGTextElement).getClientRects().length > 0 && (t.textContent ?? '').trim() !== '')
      .map((t) => {
        const m = (t as SVGTextElement).getScreenCTM()!;
        return { text: t.textContent!, chart: t.closest('figure')!.getAttribute('data-chart'), px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) };
      }),
  );
  assert.ok(sizes.filter((s) => s.chart !== 'trend').length > 200 && sizes.some((s) => s.chart === 'trend'), `${sizes.length} texts measured`);
  const small = sizes.filter((s) => s.px < 11);
  assert.deepEqual(small.map((s) => `${s.chart}: '${s.text}' ${s.px.toFixed(1)}px`), [], 'every chart text is at least 11 px on a 390 px screen');
  await page.locator('section[data-pipeline="data"] details.dataset[data-dataset="gold.category_analytics"]').screenshot({ path: join(ARTIFACTS, 'report-390-dataset-card.png') });
  await page.locator('section[data-pipeline="data"] .ds-collapse').click();
  assert.ok(existsSync(join(ARTIFACTS, 'report-390.png')));
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(requests, [pathToFileURL(written.path).href]);
}
