import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig, PerformancePipelineConfig, type PipelineConfig } from '../../src/index.js';
import { openEngine } from '../../src/engines/registry.js';
import { PIPELINES } from '../../src/pipelines/registry.js';
import { memoryLogger, tempDir } from '../helpers.js';

/**
 * The engine contract on DuckDB: every pipeline builds every dataset of its contract. The same
 * contract on Spark, compared with DuckDB's rows, is engines.live.test.ts.
 */
type BuiltIn = keyof typeof PIPELINES;
/** A config per built-in pipeline: a pipeline added to the registry is not compiled until it has one here. */
const SIZES: Readonly<Record<BuiltIn, (dataDir: string) => PipelineConfig>> = {
  data: (dataDir: string) => new DataPipelineConfig({ dataDir, customers: 400, transactions: 2000, products: 40, seed: 9, asOf: '2026-02-01' }),
  mapreduce: (dataDir: string) => new MapReducePipelineConfig({ dataDir, events: 4000, users: 150, products: 40, seed: 9, asOf: '2026-02-01' }),
  performance: (dataDir: string) => new PerformancePipelineConfig({ dataDir, sessions: 800, users: 120, seed: 9, asOf: '2026-02-01' }),
};

for (const pipeline of Object.keys(PIPELINES) as BuiltIn[]) {
  test(`duckdb: the ${pipeline} pipeline builds every dataset of its contract`, async () => {
    const engine = await openEngine({ engine: 'duckdb' });
    try {
      const manifest = await runPipeline(SIZES[pipeline](tempDir()), { engine, logger: memoryLogger().logger });
      assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
      assert.equal(manifest.datasets.length, PIPELINES[pipeline].datasets.length);
    } finally {
      await engine.close();
    }
  });
}
