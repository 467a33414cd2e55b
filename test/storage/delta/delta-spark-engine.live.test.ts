import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../../src/api.js';
import { DataPipelineConfig } from '../../../src/index.js';
import { openEngine } from '../../../src/engines/registry.js';
import { readHistory, readSnapshot } from '../../../src/storage/formats/delta/index.js';
import { datasetDir } from '../../../src/storage/layout.js';
import { dataPipeline } from '../../../src/pipelines/data/index.js';
import { memoryLogger, tempDir } from '../../helpers.js';
import { deltaPython, runReader } from './python-readers.js';

/**
 * The same Delta tables written through the Spark engine: Spark writes the Parquet into each
 * table's staging, medallion commits the log, and delta-rs reads what our snapshot reads.
 */
const env = deltaPython();
const skip = !process.env['SPARK_REMOTE']
  ? 'Delta on the Spark engine skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start prints it)'
  : 'skip' in env
    ? env.skip
    : false;
if (skip) console.log(skip);

test('spark: the data pipeline writes Delta tables that delta-rs reads, two runs two versions', { skip }, async () => {
  const dir = tempDir();
  const engine = await openEngine({ engine: 'spark' });
  try {
    const runs = [];
    for (const seed of [1, 2]) {
      const config = new DataPipelineConfig({ dataDir: dir, customers: 200, transactions: 800, products: 20, seed, asOf: '2026-01-10' });
      const manifest = await runPipeline(config, { engine, logger: memoryLogger().logger, tableFormat: 'delta' });
      assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
      runs.push(manifest);
    }
    const spec = [];
    for (const dataset of dataPipeline.datasets.map((d) => d.name)) {
      const path = datasetDir(dir, dataset);
      const snapshot = await readSnapshot(path);
      assert.equal(snapshot.rows, runs[1]!.datasets.find((d) => d.name === dataset)!.rows, `${dataset}: the log's row count is the run's`);
      assert.deepEqual(readHistory(path).map((c) => c.runId), [runs[1]!.runId, runs[0]!.runId], `${dataset}: one commit per run`);
      spec.push({ path, oldVersion: 0, files: snapshot.files, oldFiles: (await readSnapshot(path, { version: 0 })).files });
    }
    const specFile = join(tempDir(), 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    type Print = { rows: number; digest: string };
    const seen = runReader<Record<string, { version: number; history: number; theirs: Print; ours: Print; theirsOld: Print; oursOld: Print }>>('python' in env ? env.python : '', 'delta_rs_tables.py', [specFile]);
    for (const { path } of spec) {
      const table = seen[path]!;
      assert.equal(table.version, 1, path);
      assert.ok(table.theirs.rows > 0, path);
      assert.deepEqual(table.theirs, table.ours, `${path}: delta-rs and our snapshot read the same rows`);
      assert.deepEqual(table.theirsOld, table.oursOld, `${path}: the same rows at version 0`);
    }
  } finally {
    await engine.close();
  }
});
