import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { refreshCatalog } from '../../src/report/catalog.js';
import { RUN_SUMMARIES_FILE } from '../../src/report/run-summaries.js';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SMALL = ['--customers', '200', '--transactions', '800', '--products', '20', '--seed', '5', '--quiet'];

/** A data dir with three runs of `data`: two good ones, then one that fails publishing a gold dataset. */
const history = tempDir();
before(() => {
  for (const [asOf, faults, status] of [['2026-01-10', '', 0], ['2026-01-11', '', 0], ['2026-01-12', 'publish.start@gold.device_analytics=enospc', 1]] as const) {
    const env = { ...process.env, CI: 'true', ...(faults ? { MEDALLION_FAULTS: faults } : {}) };
    const r = spawnSync(process.execPath, [CLI, 'run', 'data', '--data-dir', history, '--as-of', asOf, ...SMALL], { encoding: 'utf8', env });
    assert.equal(r.status, status, r.stderr);
  }
});

/** A copy of the three-run data dir that a test may change. */
function copyOfHistory(): string {
  const dir = join(tempDir(), 'data');
  cpSync(history, dir, { recursive: true });
  return dir;
}

const manifestFiles = (dir: string) => readdirSync(join(dir, '_runs')).filter((f) => f.endsWith('.json')).sort();

/** What the catalog must show of each run, computed here from the manifests themselves. */
function fromManifests(dir: string): { runs: string[]; datasets: string[] } {
  const runs: string[] = [];
  const datasets: string[] = [];
  for (const file of manifestFiles(dir)) {
    const m = JSON.parse(readFileSync(join(dir, '_runs', file), 'utf8'));
    runs.push(`${m.runId} ${m.outcome} ${m.datasets.length} ${m.error?.message ?? '-'}`);
    for (const d of m.datasets) {
      const quarantined = Object.values(d.quarantined as Record<string, number>).reduce((a, b) => a + b, 0);
      const statuses = (d.expectations as Array<{ status: string }>).map((e) => e.status);
      const count = (s: string) => statuses.filter((x) => x === s).length;
      datasets.push(`${m.runId} ${d.name} ${d.status} ${d.rowsIn} ${d.rows} ${quarantined} ${d.bytes} ${count('pass')}/${count('warn')}/${count('fail')}`);
    }
  }
  return { runs: runs.sort(), datasets: datasets.sort() };
}

/** What the catalog shows, read as a BI tool does: read-only. */
async function fromCatalog(dir: string): Promise<{ runs: string[]; datasets: string[] }> {
  const instance = await DuckDBInstance.create(join(dir, 'catalog.duckdb'), { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRows().map((r) => r.map((v) => String(v)).join(' ')).sort();
    return {
      runs: await read("SELECT run_id, outcome, datasets, coalesce(error, '-') FROM medallion.runs"),
      datasets: await read(
        "SELECT run_id, dataset, status, rows_in, \"rows\", quarantined, bytes, expectations_passed || '/' || expectations_warned || '/' || expectations_failed FROM medallion.dataset_runs",
      ),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function assertCatalogShowsManifests(dir: string, runs: number): Promise<void> {
  await refreshCatalog(dir);
  const expected = fromManifests(dir);
  assert.equal(expected.runs.length, runs);
  assert.deepEqual(await fromCatalog(dir), expected);
}

test('the catalog shows exactly what the manifests record, a failed run included, and each run is summarized', async () => {
  // A failed run publishes nothing and leaves the catalog as it was; the next refresh shows it.
  const dir = copyOfHistory();
  await assertCatalogShowsManifests(dir, 3);
  assert.equal(fromManifests(dir).runs.filter((r) => / failed /.test(r)).length, 1);
  const summaries = JSON.parse(readFileSync(join(dir, RUN_SUMMARIES_FILE), 'utf8'));
  assert.deepEqual(Object.keys(summaries.runs).sort(), manifestFiles(dir).map((f) => f.replace(/\.json$/, '')));
});

test('a summaries file that is garbage, of another format, or absent is rebuilt from the manifests', async () => {
  for (const content of ['{"format": 1, "runs": {"x": ', '{"format": 99, "runs": {}}', '{"format": 1, "runs": {"20260101T000000000Z-abcdef": {"size": 1}}}', undefined]) {
    const dir = copyOfHistory();
    if (content === undefined) rmSync(join(dir, RUN_SUMMARIES_FILE));
    else writeFileSync(join(dir, RUN_SUMMARIES_FILE), content);
    await assertCatalogShowsManifests(dir, 3);
    const rebuilt = JSON.parse(readFileSync(join(dir, RUN_SUMMARIES_FILE), 'utf8'));
    assert.equal(Object.keys(rebuilt.runs).length, 3, `rebuilt from ${content}`);
  }
});

test('a manifest removed or rewritten since the last refresh shows as it is now', async () => {
  const dir = copyOfHistory();
  const [oldest, second] = manifestFiles(dir);
  rmSync(join(dir, '_runs', oldest!));
  const path = join(dir, '_runs', second!);
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.datasets[0].rows += 1_000_000;
  writeFileSync(path, JSON.stringify(manifest, null, 2));
  await assertCatalogShowsManifests(dir, 2);
  assert.ok((await fromCatalog(dir)).datasets.some((d) => d.startsWith(`${manifest.runId} ${manifest.datasets[0].name} `) && d.includes(` ${manifest.datasets[0].rows} `)));
});

test('a refresh does not parse again a manifest unchanged since its summary was taken', async () => {
  const dir = copyOfHistory();
  const path = join(dir, '_runs', manifestFiles(dir)[0]!);
  // A whole-millisecond time, so that setting it again gives back exactly the recorded one.
  const time = new Date('2026-01-10T12:00:00.000Z');
  utimesSync(path, time, time);
  await refreshCatalog(dir);
  const before = await fromCatalog(dir);
  const { size } = statSync(path);
  writeFileSync(path, 'x'.repeat(size));
  utimesSync(path, time, time);
  await refreshCatalog(dir);
  assert.deepEqual(await fromCatalog(dir), before, 'the unchanged (same size and time) manifest was read from its summary');
  // Once it changes in size or time it is read again, and a manifest that cannot be parsed is left out.
  utimesSync(path, new Date(), new Date());
  await refreshCatalog(dir);
  assert.equal((await fromCatalog(dir)).runs.length, before.runs.length - 1);
});
