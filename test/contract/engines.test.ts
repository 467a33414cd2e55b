import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig, type PipelineConfig } from '../../src/index.js';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/registry.js';
import { PIPELINES } from '../../src/pipelines/registry.js';
import { memoryLogger, tempDir } from '../helpers.js';

/**
 * The engine contract: every pipeline builds on every engine present, and the engines agree on
 * gold. DuckDB is always present; Spark is present when SPARK_REMOTE points at a live Spark
 * Connect server whose cluster can write this machine's temporary directory.
 */
const SIZES = {
  data: (dataDir: string) => new DataPipelineConfig({ dataDir, customers: 400, transactions: 2000, products: 40, seed: 9, asOf: '2026-02-01' }),
  mapreduce: (dataDir: string) => new MapReducePipelineConfig({ dataDir, events: 4000, users: 150, products: 40, seed: 9, asOf: '2026-02-01' }),
} as const;

async function goldRows(engine: Engine, config: PipelineConfig): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const dataset of PIPELINES[config.pipeline as keyof typeof PIPELINES].datasets.filter((d) => d.name.startsWith('gold.'))) {
    const dir = `${config.dataDir}/gold/${dataset.name.slice(5)}`;
    const columns = Object.keys(dataset.columns);
    const rows = await engine.query(`SELECT * FROM ${engine.dialect.readParquet(dir)} AS g ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`);
    out[dataset.name] = rows.map((r) => columns.map((c) => normalise(r[c])));
  }
  return out;
}

/** Values as both engines can agree on them: dates as ISO text, numbers to 6 significant digits. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 19);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(6));
  return value;
}

for (const pipeline of ['data', 'mapreduce'] as const) {
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

  test(
    `spark: the ${pipeline} pipeline gives the same gold as duckdb for the same seed`,
    process.env['SPARK_REMOTE'] ? {} : { skip: 'Spark tests skipped: SPARK_REMOTE is not set' },
    async () => {
      const duck = await openEngine({ engine: 'duckdb' });
      const spark = await openEngine({ engine: 'spark' });
      try {
        const onDuck = SIZES[pipeline](tempDir());
        const onSpark = SIZES[pipeline](tempDir());
        assert.equal((await runPipeline(onDuck, { engine: duck, logger: memoryLogger().logger })).outcome, 'succeeded');
        const manifest = await runPipeline(onSpark, { engine: spark, logger: memoryLogger().logger });
        assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
        // Both read back through DuckDB, so only the engines' results differ, not the readers.
        assert.deepEqual(await goldRows(duck, onSpark), await goldRows(duck, onDuck));
      } finally {
        await spark.close();
        await duck.close();
      }
    },
  );
}
