import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runPipeline } from '../../../src/api.js';
import { MapReducePipelineConfig } from '../../../src/index.js';
import { mapReducePipeline } from '../../../src/pipelines/mapreduce/index.js';
import { windowFor, type WindowFlags } from '../../../src/run/incremental/run-window.js';
import { readSnapshot } from '../../../src/storage/formats/delta/index.js';
import { datasetDir } from '../../../src/storage/layout.js';
import { memoryLogger, tempDir } from '../../helpers.js';
import { assertSameRows, rowsOf } from '../../run/incremental/dataset-rows.js';

const options = { events: 3_500, users: 150, products: 30, seed: 4, asOf: '2026-11-25' };
const daily = new MapReducePipelineConfig({ ...options, dataDir: tempDir() });
const refreshed = new MapReducePipelineConfig({ ...options, dataDir: tempDir() });
const BUILT = mapReducePipeline.datasets.map((d) => d.name).filter((d) => !d.startsWith('bronze.'));

async function run(config: MapReducePipelineConfig, flags: WindowFlags): Promise<void> {
  const manifest = await runPipeline(config.withWindow(windowFor(mapReducePipeline, config, flags)!), { logger: memoryLogger().logger, tableFormat: 'delta' });
  assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
}

/** Every row of a table's current snapshot, as our reader reads its files. */
async function snapshotRows(dataDir: string, dataset: string): Promise<unknown[][]> {
  const snapshot = await readSnapshot(datasetDir(dataDir, dataset));
  const columns = snapshot.columns.map((c) => `"${c.name}"`).join(', ');
  return rowsOf(`(SELECT ${columns} FROM read_parquet([${snapshot.files.map((f) => `'${f}'`).join(', ')}], hive_partitioning = false))`);
}

before(async () => {
  for (const date of ['2026-11-19', '2026-11-20', '2026-11-18', '2026-11-19']) await run(daily, { date });
  await run(refreshed, { from: '2026-11-18', to: '2026-11-20', fullRefresh: true });
});

test('Delta: daily runs (one late, one repeated) give the rows of one full refresh, in every silver and gold table', async () => {
  for (const dataset of BUILT) {
    const full = await snapshotRows(refreshed.dataDir, dataset);
    assert.ok(full.length > 0, dataset);
    assertSameRows(await snapshotRows(daily.dataDir, dataset), full, dataset);
  }
});

test("Delta: a day's rebuild is one commit that removes that day's files and adds the new ones, with partition values", async () => {
  const table = datasetDir(daily.dataDir, 'silver.cleaned_events');
  const snapshot = await readSnapshot(table);
  assert.deepEqual(snapshot.partitionColumns, ['event_date']);
  assert.equal(snapshot.version, 3);
  const last = readFileSync(join(table, '_delta_log', '00000000000000000003.json'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, { partitionValues?: Record<string, string>; path?: string }>);
  const removes = last.filter((a) => a['remove']).map((a) => a['remove']!);
  const adds = last.filter((a) => a['add']).map((a) => a['add']!);
  assert.equal(removes.length, 1);
  assert.equal(adds.length, 1);
  assert.deepEqual(removes[0]!.partitionValues, { event_date: '2026-11-19' });
  assert.deepEqual(adds[0]!.partitionValues, { event_date: '2026-11-19' });
  assert.match(decodeURIComponent(adds[0]!.path!), /^event_date=2026-11-19\//);
  // The other days' files are those of the earlier commits, untouched.
  assert.deepEqual([...new Set(snapshot.state.files.map((f) => f.partitionValues['event_date']))].sort(), ['2026-11-18', '2026-11-19', '2026-11-20']);
});
