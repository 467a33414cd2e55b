import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig } from '../../../src/index.js';
import type { PipelineConfig } from '../../../src/index.js';
import { readHistory, readSnapshot } from '../../../src/storage/formats/delta/index.js';
import { datasetDir } from '../../../src/storage/layout.js';
import { dataPipeline } from '../../../src/pipelines/data/index.js';
import { mapReducePipeline } from '../../../src/pipelines/mapreduce/index.js';
import { memoryLogger, tempDir } from '../../helpers.js';
import { medallion } from '../fixtures.js';

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

for (const [name, configFor, datasets] of pipelines) {
  test(`the ${name} pipeline writes every dataset as a Delta table; three runs are three versions, a rollback a fourth`, async () => {
    const dir = tempDir();
    const runs = [];
    for (const seed of [1, 2, 3]) {
      const manifest = await runPipeline(configFor(dir, seed), { logger: memoryLogger().logger, tableFormat: 'delta', keep: 2 });
      assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
      runs.push(manifest);
    }
    for (const dataset of datasets) {
      const table = datasetDir(dir, dataset);
      assert.ok(existsSync(join(table, '_delta_log', '00000000000000000002.json')), `${dataset} has three commits`);
      const snapshot = await readSnapshot(table);
      const result: { rows: number } = runs[2]!.datasets.find((d) => d.name === dataset)!;
      assert.equal(snapshot.rows, result.rows, `${dataset}: the snapshot holds the rows the run wrote`);
      assert.deepEqual(readHistory(table).map((h) => h.runId), runs.map((r) => r.runId).reverse());
    }
    // --keep 2: the first run's files are vacuumed, the second's kept for time travel and rollback.
    const first = await readSnapshot(datasetDir(dir, datasets[0]!), { version: 0 });
    assert.ok(first.files.every((f) => !existsSync(f)));
    const cli = medallion(['rollback', name, runs[1]!.runId, '--data-dir', dir]);
    assert.equal(cli.code, 0, cli.stderr);
    for (const dataset of datasets) {
      const table = datasetDir(dir, dataset);
      const history = readHistory(table);
      assert.equal(history[0]!.operation, 'RESTORE');
      assert.equal(history[0]!.operationParameters['version'], '1');
      assert.deepEqual((await readSnapshot(table)).files, (await readSnapshot(table, { version: 1 })).files);
    }
    const rolledBack = medallion(['rollback', name, runs[0]!.runId, '--data-dir', dir]);
    assert.equal(rolledBack.code, 2);
    // Its files were vacuumed, so it is no longer a kept version.
    assert.match(rolledBack.stderr, new RegExp(`the versions of run ${runs[0]!.runId} were pruned \(.*\): runs that can be rolled back to: `));
  });
}

test('show reads the current snapshot and --as-of a run id, a version or a timestamp; bad values are refused', async () => {
  const dir = tempDir();
  const first = await runPipeline(dataConfig(dir, 1), { logger: memoryLogger().logger, tableFormat: 'delta' });
  const second = await runPipeline(dataConfig(dir, 2), { logger: memoryLogger().logger, tableFormat: 'delta' });
  const rowsOf = (out: string): number => Number(/\n(?:[\d,]+ of )?([\d,]+) rows\b[^\n]*\n$/.exec(out)?.[1]?.replace(/,/g, ''));
  const expected = (m: typeof first) => m.datasets.find((d) => d.name === 'silver.transactions_clean')!.rows;
  const show = (...extra: string[]) => medallion(['show', 'data', 'silver/transactions_clean', '--data-dir', dir, '--limit', '1', ...extra]);
  assert.equal(rowsOf(show().stdout), expected(second));
  assert.equal(rowsOf(show('--as-of', first.runId).stdout), expected(first));
  assert.equal(rowsOf(show('--as-of', '0').stdout), expected(first));
  const between = readHistory(datasetDir(dir, 'silver.transactions_clean'))[1]!.timestamp.toISOString();
  assert.equal(rowsOf(show('--as-of', between).stdout), expected(first));
  const history = medallion(['history', 'data', 'silver/transactions_clean', '--data-dir', dir]);
  assert.equal(history.code, 0, history.stderr);
  assert.match(history.stdout, new RegExp(`\\(2 versions kept, \\* = current\\)\\n.*\\n  \\*  ${second.runId} .* delta v1\\n     ${first.runId} .* delta v0\\n`));
  const bad = show('--as-of', '9');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /has no version 9: its versions run up to 1/);
  const early = show('--as-of', '2001-01-01T00:00:00Z');
  assert.equal(early.code, 2);
  assert.match(early.stderr, /did not exist yet at 2001-01-01T00:00:00.000Z/);
  const plain = medallion(['run', 'data', '--data-dir', dir, '--table-format', 'parquet', '--customers', '10']);
  assert.equal(plain.code, 2);
  assert.match(plain.stderr, /holds Delta tables: run with --table-format delta, or give plain Parquet its own --data-dir/);
  const unknown = medallion(['run', 'data', '--data-dir', dir, '--table-format', 'iceberg']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--table-format must be parquet or delta, got 'iceberg'/);
});
