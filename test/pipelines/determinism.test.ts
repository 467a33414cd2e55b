import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig, type PipelineConfig } from '../../src/index.js';
import { memoryLogger, tempDir } from '../helpers.js';

/** sha256 of every Parquet file, by dataset path. */
function fingerprint(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const layer of ['bronze', 'silver', 'gold']) {
    // A change set records the run that computed it: the one thing two runs of the same seed differ in.
    for (const name of readdirSync(join(dataDir, layer)).filter((n) => !n.endsWith('_changes'))) {
      for (const file of readdirSync(join(dataDir, layer, name)).filter((f) => f.endsWith('.parquet'))) {
        out[`${layer}/${name}/${file}`] = createHash('sha256').update(readFileSync(join(dataDir, layer, name, file))).digest('hex');
      }
    }
  }
  return out;
}

async function build(make: (dataDir: string) => PipelineConfig): Promise<Record<string, string>> {
  const config = make(tempDir());
  const manifest = await runPipeline(config, { logger: memoryLogger().logger });
  assert.equal(manifest.outcome, 'succeeded');
  return fingerprint(config.dataDir);
}

const dataConfig = (seed: number) => (dataDir: string) =>
  new DataPipelineConfig({ dataDir, customers: 500, transactions: 2000, products: 40, seed, asOf: '2026-01-10' });
const eventConfig = (seed: number) => (dataDir: string) =>
  new MapReducePipelineConfig({ dataDir, events: 3000, users: 200, products: 30, seed, asOf: '2026-01-10' });

test('the same seed writes byte-identical Parquet files in every dataset', async () => {
  for (const make of [dataConfig(5), eventConfig(5)]) {
    const first = await build(make);
    const second = await build(make);
    assert.ok(Object.keys(first).length >= 11);
    assert.deepEqual(second, first);
  }
});

test('a different seed gives different data', async () => {
  const a = await build(dataConfig(5));
  const b = await build(dataConfig(6));
  assert.notEqual(a['bronze/customers/part-00000.parquet'], b['bronze/customers/part-00000.parquet']);
  assert.notEqual(a['bronze/transactions/part-00000.parquet'], b['bronze/transactions/part-00000.parquet']);
  const c = await build(eventConfig(5));
  const d = await build(eventConfig(6));
  assert.notEqual(c['bronze/raw_events/part-00000.parquet'], d['bronze/raw_events/part-00000.parquet']);
});

test('a dataset larger than one row group is written in parts, with the same bytes on every run', async () => {
  // Four row groups of events: raw_events and cleaned_events are written as four parts each,
  // side by side; a parallel write of one file could flush its row groups in another order.
  const large = (dataDir: string) => new MapReducePipelineConfig({ dataDir, events: 4 * 122_880 - 7, users: 300, products: 40, seed: 9, asOf: '2026-01-10' });
  const first = await build(large);
  const second = await build(large);
  const parts = Object.keys(first).filter((p) => p.startsWith('bronze/raw_events/')).sort();
  assert.deepEqual(parts, [0, 1, 2, 3].map((k) => `bronze/raw_events/part-0000${k}.parquet`));
  assert.equal(Object.keys(first).filter((p) => p.startsWith('silver/cleaned_events/')).length, 4);
  assert.deepEqual(second, first);
});
