import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tempDir } from '../helpers.js';

const CHROMIUM = process.env['MEDALLION_CHROMIUM'] ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `browser suite skipped: no chromium at ${CHROMIUM}`;
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

let browser: Browser | undefined;
let page: Page;
const errors: string[] = [];

before(async () => {
  if (skip) return;
  const dir = tempDir();
  for (const args of [['run', 'mapreduce', '--events', '400'], ['report', 'mapreduce']]) {
    const r = spawnSync(process.execPath, [CLI, ...args, '--data-dir', join(dir, 'm')], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    assert.equal(r.status, 0, r.stderr);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'], timeout: 60_000 });
  page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(join(dir, 'm', 'report', 'index.html')).href, { waitUntil: 'load' });
});

after(async () => {
  const open = browser;
  browser = undefined;
  await open?.close();
});

test('choosing a column lights the datasets and edges its values flow through, and lists each hop', { skip }, async () => {
  await page.selectOption('.column-pick', 'gold.product_revenue.revenue');
  const lit = await page.$$eval('.lineage-card .node.on-path', (nodes) => nodes.map((n) => n.getAttribute('data-dataset')).sort());
  // revenue ← silver.cleaned_events.amount ← bronze.raw_events.amount; the catalog it joins gives no value to it.
  assert.deepEqual(lit, ['bronze.raw_events', 'gold.product_revenue', 'silver.cleaned_events']);
  const edges = await page.$$eval('.lineage-card .edge.lit', (es) => es.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`).sort());
  assert.deepEqual(edges, ['bronze.raw_events>silver.cleaned_events', 'silver.cleaned_events>gold.product_revenue']);
  const hops = await page.$$eval('.column-path li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(hops, [
    'bronze.raw_events.amount : origin',
    'silver.cleaned_events.amount : expression ← bronze.raw_events.amount',
    'gold.product_revenue.revenue : aggregate ← silver.cleaned_events.amount',
  ]);
  // A bronze column lights everything downstream of it.
  await page.selectOption('.column-pick', 'bronze.raw_events.query');
  const down = await page.$$eval('.lineage-card .node.on-path', (nodes) => nodes.map((n) => n.getAttribute('data-dataset')).sort());
  assert.deepEqual(down, ['bronze.raw_events', 'gold.word_count', 'silver.cleaned_events']);
  await page.selectOption('.column-pick', '');
  assert.equal(await page.$$eval('.lineage-card .node.on-path', (n) => n.length), 0);
  assert.deepEqual(errors, []);
});
