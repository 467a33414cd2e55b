import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runPipeline } from '../../../src/api.js';
import { MapReducePipelineConfig } from '../../../src/index.js';
import type { RunManifest } from '../../../src/model/manifest.js';
import { mapReducePipeline } from '../../../src/pipelines/mapreduce/index.js';
import { readLedger } from '../../../src/run/incremental/ledger.js';
import { windowFor, type WindowFlags } from '../../../src/run/incremental/run-window.js';
import { memoryLogger, tempDir } from '../../helpers.js';
import { allRows, assertSameDatasets, assertSameRows, columnsOf } from './dataset-rows.js';

// A week of 7,000 events: 1,000 a day.
const options = { events: 7_000, users: 300, products: 40, seed: 5, asOf: '2026-11-25' };
const daily = new MapReducePipelineConfig({ ...options, dataDir: tempDir() });
const refreshed = new MapReducePipelineConfig({ ...options, dataDir: tempDir() });
const DATASETS = mapReducePipeline.datasets.map((d) => d.name);

async function run(config: MapReducePipelineConfig, flags: WindowFlags): Promise<RunManifest> {
  const window = windowFor(mapReducePipeline, config, flags);
  assert.ok(window && window.days.length, 'a window with days');
  const manifest = await runPipeline(config.withWindow(window), { logger: memoryLogger().logger });
  assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
  return manifest;
}

async function snapshot(dataDir: string): Promise<Record<string, unknown[][]>> {
  return Object.fromEntries(await Promise.all(DATASETS.filter((d) => !d.startsWith('bronze.')).map(async (d) => [d, await allRows(dataDir, d)] as const)));
}

let afterDays: Record<string, unknown[][]>;
let rerun: RunManifest;
before(async () => {
  // Days out of order: 2026-11-18 arrives late, after the two days that follow it.
  for (const date of ['2026-11-19', '2026-11-20', '2026-11-18']) await run(daily, { date });
  afterDays = await snapshot(daily.dataDir);
  rerun = await run(daily, { date: '2026-11-19' });
  await run(refreshed, { from: '2026-11-18', to: '2026-11-20', fullRefresh: true });
});

test('three daily runs, one of them late, give every silver and gold row of one full refresh of the three days', async () => {
  const full = await snapshot(refreshed.dataDir);
  for (const name of Object.keys(full)) {
    assert.ok(full[name]!.length > 0, `${name} has rows`);
    assertSameRows(afterDays[name]!, full[name]!, name);
    assert.deepEqual(await columnsOf(daily.dataDir, name), await columnsOf(refreshed.dataDir, name), `${name} columns`);
  }
  // Every day is there once: 1,000 lines a day in bronze, and the funnel has one row per day.
  assert.equal((await allRows(daily.dataDir, 'bronze.raw_events')).length, 3_000);
  assert.deepEqual((await allRows(daily.dataDir, 'gold.event_funnel')).map((r) => String(r[0]).slice(0, 10)), ['2026-11-18', '2026-11-19', '2026-11-20']);
});

test('re-running a day changes no row of any dataset', async () => {
  assertSameDatasets(await snapshot(daily.dataDir), afterDays);
  assert.equal(rerun.datasets.find((d) => d.name === 'bronze.raw_events')?.rows, 1_000);
});

test("a day's run writes only that day's partition; the other days are the previous version's files", () => {
  const events = join(daily.dataDir, 'silver', 'cleaned_events');
  const record = JSON.parse(readFileSync(join(events, '_version.json'), 'utf8')) as { versionId: string; rows: number; partitions: { column: string; rows: Record<string, number> } };
  assert.equal(record.versionId, rerun.runId);
  assert.deepEqual(Object.keys(record.partitions.rows), ['2026-11-18', '2026-11-19', '2026-11-20']);
  assert.equal(record.rows, Object.values(record.partitions.rows).reduce((a, b) => a + b, 0));
  const file = (day: string) => statSync(join(events, `event_date=${day}`, 'part-0.parquet'));
  // Untouched days are hard links shared with the versions before; the re-run day is a new file.
  assert.ok(file('2026-11-18').nlink >= 2, 'kept day is linked');
  assert.equal(file('2026-11-19').nlink, 1, 're-run day is new');
});

test('the ledger holds the processed days as one range, and a range run fills only its gaps', async () => {
  assert.deepEqual(readLedger(daily.dataDir, 'mapreduce').processed, [{ from: '2026-11-18', to: '2026-11-20' }]);
  const window = windowFor(mapReducePipeline, daily, { from: '2026-11-17', to: '2026-11-21' });
  assert.deepEqual(window?.days, ['2026-11-17', '2026-11-21']);
  const filled = await run(daily, { from: '2026-11-17', to: '2026-11-21' });
  assert.equal(filled.datasets.find((d) => d.name === 'bronze.raw_events')?.rows, 2_000);
  assert.deepEqual(readLedger(daily.dataDir, 'mapreduce').processed, [{ from: '2026-11-17', to: '2026-11-21' }]);
  await run(refreshed, { from: '2026-11-17', to: '2026-11-21', fullRefresh: true });
  assertSameDatasets(await snapshot(daily.dataDir), await snapshot(refreshed.dataDir));
  assert.deepEqual(windowFor(mapReducePipeline, daily, { from: '2026-11-17', to: '2026-11-21' })?.days, []);
});
