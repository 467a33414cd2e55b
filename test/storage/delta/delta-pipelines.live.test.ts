import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig } from '../../../src/index.js';
import type { PipelineConfig } from '../../../src/index.js';
import { readSnapshot } from '../../../src/storage/formats/delta/index.js';
import { datasetDir } from '../../../src/storage/layout.js';
import { dataPipeline } from '../../../src/pipelines/data/index.js';
import { mapReducePipeline } from '../../../src/pipelines/mapreduce/index.js';
import { memoryLogger, tempDir } from '../../helpers.js';
import { deltaPython, runReader } from './python-readers.js';

/** delta-rs (the project's Python) reads every Delta table both pipelines write. */

const env = deltaPython();
const skip = 'skip' in env ? env.skip : false;
if (skip) console.log(skip);

function dataConfig(dataDir: string, seed: number): DataPipelineConfig {
  return new DataPipelineConfig({ dataDir, customers: 300, transactions: 1500, products: 25, seed, asOf: '2026-01-10' });
}
function mapReduceConfig(dataDir: string, seed: number): MapReducePipelineConfig {
  return new MapReducePipelineConfig({ dataDir, events: 3000, users: 150, products: 30, seed, asOf: '2026-01-10' });
}

const pipelines: Array<[string, (dir: string, seed: number) => PipelineConfig, readonly string[]]> = [
  ['data', dataConfig, dataPipeline.datasets.map((d) => d.name)],
  ['mapreduce', mapReduceConfig, mapReducePipeline.datasets.map((d) => d.name)],
];

test('delta-rs reads every table of both pipelines: the rows we read, every version, and the previous version', { skip, timeout: 300_000 }, async () => {
  if ('skip' in env) return;
  for (const [, configFor, datasets] of pipelines) {
    const dir = tempDir();
    for (const seed of [1, 2]) {
      const manifest = await runPipeline(configFor(dir, seed), { logger: memoryLogger().logger, tableFormat: 'delta' });
      assert.equal(manifest.outcome, 'succeeded');
    }
    const spec = [];
    for (const dataset of datasets) {
      const path = datasetDir(dir, dataset);
      spec.push({ path, oldVersion: 0, files: (await readSnapshot(path)).files, oldFiles: (await readSnapshot(path, { version: 0 })).files });
    }
    const specFile = join(tempDir(), 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    type Print = { rows: number; digest: string };
    type Seen = Record<string, { version: number; history: number; theirs: Print; ours: Print; theirsOld: Print; oursOld: Print }>;
    const seen: Seen = runReader<Record<string, { version: number; history: number; theirs: Print; ours: Print; theirsOld: Print; oursOld: Print }>>(env.python, 'delta_rs_tables.py', [specFile]);
    for (const { path } of spec) {
      const table: Seen[string] = seen[path]!;
      assert.equal(table.version, 1, path);
      assert.equal(table.history, 2, path);
      assert.ok(table.theirs.rows > 0, path);
      assert.deepEqual(table.theirs, table.ours, `${path}: delta-rs and our snapshot read the same rows`);
      assert.deepEqual(table.theirsOld, table.oursOld, `${path}: the same rows at version 0`);
    }
  }
});
