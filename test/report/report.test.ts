import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import type { RunManifest } from '../../src/model/manifest.js';
import { writeReport } from '../../src/report/write-report.js';
import { dataPipeline } from '../../src/pipelines/data/index.js';
import { openDatasetStore } from '../../src/storage/open-dataset-store.js';
import { rollbackToRun } from '../../src/storage/rollback-to-run.js';
import { tempDir } from '../helpers.js';
import { reportFixture } from './report-fixture.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const medallion = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

let dir: string;
let dataDirs: string[];
before(async () => {
  ({ dir, dataDirs } = await reportFixture());
});

test('medallion report both writes one page for both pipelines under <dir>/report', () => {
  const out = medallion('report', 'both', '--data-dir', dir);
  assert.equal(out.code, 0, out.stderr);
  const path = join(dir, 'report', 'index.html');
  assert.match(out.stdout, new RegExp(`^Report: ${path} \\([\\d.]+ KiB, 29 datasets, 15 charts, [\\d.]+ m?s\\)\\nCatalog: ${join(dir, 'catalog_both.duckdb')} \\(`));
  const page = readFileSync(path, 'utf8');
  assert.equal((page.match(/<section class="pipeline"/g) ?? []).length, 2);
  assert.equal((page.match(/<details class="dataset/g) ?? []).length, 29);
  assert.deepEqual(readdirSync(join(dir, 'report')), ['index.html'], 'no temporary file is left behind');
});

test('the page is self-contained: one inline script, no external reference of any kind', () => {
  const page = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
  assert.equal((page.match(/<script/g) ?? []).length, 1);
  assert.doesNotMatch(page, /<(link|img|iframe|object|embed)\b/);
  assert.doesNotMatch(page, /\b(src|href)\s*=\s*["']?(https?:|\/\/)/);
  assert.doesNotMatch(page, /url\(\s*["']?https?:/);
  assert.doesNotMatch(page, /@import/);
});

test('hostile values from the input are escaped wherever they appear', () => {
  const page = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
  assert.ok(!page.includes('<script>window.__pwned'), 'a query never becomes a script element');
  assert.ok(!page.includes('<img src=x'), 'a query never becomes an image');
  assert.ok(page.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'), 'the query shows as text');
});

test('the run history links each run to its manifest, relative to the page', () => {
  const page = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
  const links = [...page.matchAll(/href="(\.\.\/(?:data|mapreduce)\/_runs\/[^"]+\.json)"/g)].map((m) => m[1]!);
  assert.equal(links.length, 4);
  for (const link of links) assert.ok(existsSync(join(dir, 'report', link)), link);
});

test('manifests written before lineage and docs were recorded still give a report, without edges or docs', async () => {
  const old = tempDir();
  cpSync(dataDirs[1]!, old, { recursive: true, verbatimSymlinks: true });
  for (const file of readdirSync(join(old, '_runs'))) {
    const path = join(old, '_runs', file);
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
    const datasets = manifest.datasets.map(({ inputs: _i, description: _d, docs: _c, ...rest }) => rest);
    writeFileSync(path, JSON.stringify({ ...manifest, dataDir: old, datasets }));
  }
  const written = await writeReport([old], join(old, 'report'));
  const page = readFileSync(written.path, 'utf8');
  assert.equal(written.datasets, 14);
  assert.equal((page.match(/class="edge"/g) ?? []).length, 0);
  assert.equal((page.match(/class="node /g) ?? []).length, 14);
  assert.ok(!page.includes('A word of a search query, lower-cased.'));
  assert.ok(page.includes('data-chart="gold.word_count"'));
});

test('bad arguments get a one-line error and exit 2', () => {
  const unknown = medallion('report', 'sales');
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, "medallion: unknown pipeline 'sales': expected data, mapreduce, performance, both, all\n");
  const empty = tempDir();
  const none = medallion('report', 'data', '--data-dir', empty);
  assert.equal(none.code, 2);
  assert.equal(none.stderr, `medallion: no runs recorded in ${empty}: run the pipeline there first (medallion run ... --data-dir ${empty})\n`);
  assert.equal(existsSync(join(empty, 'report')), false, 'nothing is written for a data dir without runs');
});

test('warnings, a failed dataset and datasets a failed run never reached each show as such', async () => {
  const dir = tempDir();
  const input = join(dir, 'events.jsonl');
  const event = (fields: Record<string, unknown>) => JSON.stringify({ timestamp: '2026-03-05T09:00:00', user_id: 1, device: 'mobile', location: 'US', ...fields });
  writeFileSync(input, [
    event({ event: 'view', page: 'home', duration_seconds: 5 }),
    event({ event: 'purchase', product_id: 'PROD_0001', amount: 12.5, quantity: 1 }),
    event({ event: 'purchase', user_id: 2, product_id: 'PROD_9999', amount: 3, quantity: 1 }),
  ].join('\n') + '\n');
  const run = (dataDir: string, faults?: string) => {
    const r = spawnSync(process.execPath, [CLI, 'run', 'mapreduce', '--input', input, '--data-dir', dataDir, '--as-of', '2026-03-06', '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', ...(faults ? { MEDALLION_FAULTS: faults } : {}) },
    });
    return r.status;
  };

  // A good run with a warning (a purchase of a product the catalog lacks), then one that fails publishing gold.product_revenue.
  const once = join(dir, 'once');
  assert.equal(run(once), 0);
  assert.equal(run(once, 'publish.start@gold.product_revenue=enospc'), 1);
  const page = readFileSync((await writeReport([once], join(dir, 'once-report'))).path, 'utf8');
  assert.match(page, /<g class="node status-warn layer-silver" data-dataset="silver\.cleaned_events"/);
  assert.match(page, /references\(product_id -&gt; bronze\.products\.product_id\)[\s\S]*?<code>PROD_9999<\/code>/, 'the failing example is shown');
  assert.match(page, /<g class="node status-failed layer-gold" data-dataset="gold\.product_revenue"/);
  assert.match(page, /<p class="error">Last run failed: [^<]*ENOSPC/);
  assert.match(page, /<tr class="run-failed">/);
  assert.match(page, /data-chart="gold\.product_revenue"/, 'the version readers still see keeps its chart');

  // A first run that fails in silver: gold was never built, and shows as not built.
  const never = join(dir, 'never');
  assert.equal(run(never, 'publish.start@silver.cleaned_events=enospc'), 1);
  const first = readFileSync((await writeReport([never], join(dir, 'never-report'))).path, 'utf8');
  assert.match(first, /<g class="node status-failed layer-silver" data-dataset="silver\.cleaned_events"/);
  assert.match(first, /<path class="edge" data-from="bronze\.raw_events" data-to="silver\.cleaned_events"/, 'a failed dataset keeps its edges');
  assert.equal((first.match(/<g class="node status-never layer-gold"/g) ?? []).length, 10);
  assert.doesNotMatch(first, /data-chart=/, 'nothing built, nothing charted');
});

test('after a rollback, each dataset shows the version readers see, not the newest one built', async () => {
  const copy = tempDir();
  cpSync(dataDirs[0]!, copy, { recursive: true, verbatimSymlinks: true });
  const runs = readdirSync(join(copy, '_runs')).map((f) => f.replace(/\.json$/, '')).sort();
  const customers = (page: string) => /data-dataset="bronze\.customers">[\s\S]*?<span class="ds-facts">([\d,]+) rows/.exec(page)?.[1];
  const before = readFileSync((await writeReport([copy], join(copy, 'report'))).path, 'utf8');
  assert.equal(customers(before), '260');
  await rollbackToRun(openDatasetStore(copy), dataPipeline.datasets.map((d) => d.name), runs[0]!);
  const after = readFileSync((await writeReport([copy], join(copy, 'report'))).path, 'utf8');
  assert.equal(customers(after), '200');
  assert.ok(after.includes(runs[0]!));
  // The page says a rollback happened, when and to which run, and where each card's figures come from.
  assert.match(after, new RegExp(`<div class="label">last change</div><div class="value">rolled back</div><div class="sub">to run <span class="mono">${runs[0]}</span> · `));
  assert.match(after, new RegExp(`<tr class="run-rollback"><td class="mono">[^<]+</td><td>[^<]+</td>\n<td><span class="chip status-rollback">rollback</span><div class="small muted">to run <span class="mono">${runs[0]}</span>: \\d+ datasets? changed`));
  const rows = [...after.matchAll(/<tr class="run-(\w+)">/g)].map((m) => m[1]);
  assert.equal(rows[0], 'rollback', 'the rollback is the newest event of the history');
  assert.match(/data-dataset="bronze\.customers">[\s\S]*?<dt>figures from run<\/dt><dd class="mono">([^<]+)<\/dd>/.exec(after)?.[1] ?? '', new RegExp(`^${runs[0]}$`));
  assert.doesNotMatch(before, /run-rollback|rolled back/);
});

test('distinct counts are marked as estimates except for keys, whose count is exact', () => {
  const page = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
  const card = page.slice(page.indexOf('data-dataset="silver.customers_enriched"'));
  const row = (column: string) => new RegExp(`<td class="mono">${column}</td>[\\s\\S]*?</tr>`).exec(card)?.[0] ?? '';
  assert.match(row('customer_id'), /<td class="num">\d[\d,]*<\/td>/, 'a key: exact');
  assert.match(row('city'), /<td class="num"><span title="estimated \(a sketch, within a few percent\)">≈\d[\d,]*<\/span><\/td>/);
});

test('report data and report both on the default data dirs write pages of their own, neither over the other', () => {
  const home = tempDir();
  const env = { ...process.env, CI: 'true', HOME: home };
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: home, encoding: 'utf8', env });
  assert.equal(cli('run', 'both', '--scale', '0.01', '--quiet').status, 0);
  const data = cli('report', 'data');
  const both = cli('report', 'both');
  assert.equal(data.status, 0, data.stderr);
  assert.equal(both.status, 0, both.stderr);
  assert.match(data.stdout, new RegExp(`^Report: ${join(home, 'pipeline-data', 'report', 'index.html')} `));
  assert.match(both.stdout, new RegExp(`^Report: ${join(home, 'pipeline-data', 'report-both', 'index.html')} `));
  const dataPage = readFileSync(join(home, 'pipeline-data', 'report', 'index.html'), 'utf8');
  assert.equal((dataPage.match(/<section class="pipeline"/g) ?? []).length, 1, 'the data page is still the data page');
});
