import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { runPipeline } from '../../../src/api.js';
import { MapReducePipelineConfig } from '../../../src/index.js';
import { mapReducePipeline } from '../../../src/pipelines/mapreduce/index.js';
import { windowFor, type WindowFlags } from '../../../src/run/incremental/run-window.js';
import { readSnapshot } from '../../../src/storage/formats/delta/index.js';
import { datasetDir } from '../../../src/storage/layout.js';
import { memoryLogger, reader, tempDir } from '../../helpers.js';
import { deltaPython, runReader } from './python-readers.js';
import { rowsOf } from '../../run/incremental/dataset-rows.js';

/** delta-rs (the project's Python) reads the partitioned Delta tables of daily runs, one late and one repeated. */

const env = deltaPython();
const skip = 'skip' in env ? env.skip : false;
if (skip) console.log(skip);

interface DeltaRsRows {
  rows: Array<Record<string, unknown>>;
  schema: Array<[string, string]>;
}

const options = { events: 3_500, users: 150, products: 30, seed: 4, asOf: '2026-11-25' };
const daily = new MapReducePipelineConfig({ ...options, dataDir: tempDir() });

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
  if (skip) return;
  for (const date of ['2026-11-19', '2026-11-20', '2026-11-18', '2026-11-19']) await run(daily, { date });
});

test('Delta: delta-rs reads the partitioned tables: the same rows, the partition column as a date', { skip }, async () => {
  if ('skip' in env) return;
  for (const dataset of ['silver.cleaned_events', 'gold.event_funnel', 'gold.word_count']) {
    const table = datasetDir(daily.dataDir, dataset);
    const rs: DeltaRsRows = runReader<DeltaRsRows>(env.python, 'delta_rs_read.py', [table]);
    const ours = await snapshotRows(daily.dataDir, dataset);
    assert.equal(rs.rows.length, ours.length, dataset);
    if (dataset !== 'gold.word_count') {
      assert.ok(rs.schema.some(([name, type]) => name === 'event_date' && type === 'date32[day]'), JSON.stringify(rs.schema));
      const days = (rows: ReadonlyArray<Record<string, unknown>>) => rows.map((r) => String(r['event_date']).slice(0, 10)).sort();
      const snapshot = await readSnapshot(table);
      const ourDays = await (await reader()).query(`SELECT CAST(event_date AS VARCHAR) AS d FROM read_parquet([${snapshot.files.map((f) => `'${f}'`).join(', ')}], hive_partitioning = false)`);
      assert.deepEqual(days(rs.rows), ourDays.map((r) => String(r['d'])).sort(), dataset);
    }
  }
});

test('Delta: a run without days after runs by day writes unpartitioned tables that delta-rs reads with every day, not partition values of null', { skip }, async () => {
  if ('skip' in env) return;
  const mixed = new MapReducePipelineConfig({ ...options, dataDir: tempDir() });
  await run(mixed, { date: '2026-11-19' });
  // Bronze loses its day column without days: a run publishes that only when told to.
  const plain = await runPipeline(mixed, { logger: memoryLogger().logger, tableFormat: 'delta', allowSchemaChange: true });
  assert.equal(plain.outcome, 'succeeded', plain.error?.message);
  for (const dataset of ['bronze.raw_events', 'silver.cleaned_events', 'gold.event_funnel']) {
    const snapshot = await readSnapshot(datasetDir(mixed.dataDir, dataset));
    assert.deepEqual(snapshot.partitionColumns, [], `${dataset} is no longer partitioned`);
    assert.ok(snapshot.state.files.every((f) => Object.keys(f.partitionValues).length === 0), `${dataset}: no file has partition values`);
  }
  for (const dataset of ['silver.cleaned_events', 'gold.event_funnel']) {
    const rs: DeltaRsRows = runReader<DeltaRsRows>(env.python, 'delta_rs_read.py', [datasetDir(mixed.dataDir, dataset)]);
    assert.equal(rs.rows.length, (await snapshotRows(mixed.dataDir, dataset)).length, dataset);
    const nullDays = rs.rows.filter((r) => r['event_date'] === null || r['event_date'] === undefined).length;
    assert.equal(nullDays, 0, `${dataset}: delta-rs reads every row with its day`);
  }
});
