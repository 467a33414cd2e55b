import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { runPipeline } from '../../../src/api.js';
import { DataPipelineConfig } from '../../../src/index.js';
import type { RunManifest } from '../../../src/model/manifest.js';
import { dataPipeline } from '../../../src/pipelines/data/index.js';
import { readLedger } from '../../../src/run/incremental/ledger.js';
import { windowFor, type WindowFlags } from '../../../src/run/incremental/run-window.js';
import { memoryLogger, tempDir } from '../../helpers.js';
import { allRows, assertSameDatasets, assertSameRows, columnsOf } from './dataset-rows.js';

// A year of 36,500 transactions: 100 a day.
const options = { customers: 400, transactions: 36_500, products: 30, seed: 8, asOf: '2026-11-25' };
const daily = new DataPipelineConfig({ ...options, dataDir: tempDir() });
const refreshed = new DataPipelineConfig({ ...options, dataDir: tempDir() });
const DATASETS = dataPipeline.datasets.map((d) => d.name).filter((d) => !d.startsWith('bronze.'));

async function run(config: DataPipelineConfig, flags: WindowFlags): Promise<RunManifest> {
  const window = windowFor(dataPipeline, config, flags)!;
  const manifest = await runPipeline(config.withWindow(window), { logger: memoryLogger().logger });
  assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
  return manifest;
}

const snapshot = async (dataDir: string) => Object.fromEntries(await Promise.all(DATASETS.map(async (d) => [d, await allRows(dataDir, d)] as const)));

let afterDays: Record<string, unknown[][]>;
before(async () => {
  for (const date of ['2026-11-02', '2026-11-01']) await run(daily, { date });
  await run(daily, { from: '2026-11-01', to: '2026-11-03' });
  afterDays = await snapshot(daily.dataDir);
  await run(daily, { date: '2026-11-02' });
  await run(refreshed, { from: '2026-11-01', to: '2026-11-03', fullRefresh: true });
});

test('data: daily runs (one late, one a backfill of the gap) give every silver and gold row of a full refresh', async () => {
  const full = await snapshot(refreshed.dataDir);
  for (const name of DATASETS) {
    assert.ok(full[name]!.length > 0, `${name} has rows`);
    assertSameRows(afterDays[name]!, full[name]!, name);
    assert.deepEqual(await columnsOf(daily.dataDir, name), await columnsOf(refreshed.dataDir, name), `${name} columns`);
  }
  assert.equal((await allRows(daily.dataDir, 'bronze.transactions')).length, 300);
  assert.deepEqual(readLedger(daily.dataDir, 'data').processed, [{ from: '2026-11-01', to: '2026-11-03' }]);
});

test('data: re-running a day changes no row', async () => {
  assertSameDatasets(await snapshot(daily.dataDir), afterDays);
});

test('data: transactions are partitioned by transaction date, each day with its own ids', async () => {
  const days = (await allRows(daily.dataDir, 'silver.transactions_clean')).map((r) => String(r.at(-1)).slice(0, 10));
  assert.deepEqual([...new Set(days)].sort(), ['2026-11-01', '2026-11-02', '2026-11-03']);
  const ids = (await allRows(daily.dataDir, 'bronze.transactions')).map((r) => String(r[0]));
  assert.equal(new Set(ids).size, 300);
  assert.ok(ids.every((id) => /^TXN_202611\d\d_\d{7}$/.test(id)), ids[0]);
});
