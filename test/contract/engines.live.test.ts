import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PipelineConfig } from '../../src/index.js';
import { openEngine } from '../../src/engines/registry.js';
import { PIPELINES } from '../../src/pipelines/registry.js';
import { memoryLogger, tempDir } from '../helpers.js';
import * as api from '../../src/index.js';
import { accounting, assertSameRows, duckdbTypeOf, writtenRows } from './compare-runs.js';

/**
 * The engine contract on Spark: every pipeline builds on a live Spark Connect server (SPARK_REMOTE)
 * whose cluster can write this machine's temporary directory, with DuckDB's rows, accounting and
 * expectation outcomes.
 */
type BuiltIn = keyof typeof PIPELINES;

/** The live comparison's sizes: the defaults times SPARK_SCALE, small enough for two shared cores. */
const SPARK_SCALE = 0.02;
const AT_SCALE: Readonly<Record<BuiltIn, (dataDir: string) => PipelineConfig>> = {
  data: (dataDir: string) => new api.DataPipelineConfig({ dataDir, ...scaled(api.DataPipelineConfig.defaults), seed: 7, asOf: '2026-03-01' }),
  mapreduce: (dataDir: string) => new api.MapReducePipelineConfig({ dataDir, ...scaled(api.MapReducePipelineConfig.defaults), seed: 7, asOf: '2026-03-01' }),
  // The span of days is not a count: it stays the default while the counts shrink.
  performance: (dataDir: string) => new api.PerformancePipelineConfig({ dataDir, ...scaled(api.PerformancePipelineConfig.defaults), days: api.PerformancePipelineConfig.defaults.days, seed: 7, asOf: '2026-03-01' }),
};
const LIVE_SPARK = Boolean(process.env['SPARK_REMOTE']);

function scaled<T extends Record<string, number>>(sizes: T): T {
  return Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Math.max(1, Math.round(v * SPARK_SCALE))])) as T;
}

for (const pipeline of Object.keys(PIPELINES) as BuiltIn[]) {
  test(
    `spark: the ${pipeline} pipeline at scale ${SPARK_SCALE} builds every dataset of its contract, with the rows, accounting and expectation outcomes of duckdb`,
    LIVE_SPARK ? {} : { skip: 'live Spark test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start prints it)' },
    async () => {
      // Through the public API, as a library user would.
      const duck = await openEngine({ engine: 'duckdb' });
      const spark = await openEngine({ engine: 'spark' });
      try {
        const onDuck = AT_SCALE[pipeline](tempDir());
        const onSpark = AT_SCALE[pipeline](tempDir());
        const duckRun = await api.runPipeline(onDuck, { engine: duck, logger: memoryLogger().logger });
        assert.equal(duckRun.outcome, 'succeeded', duckRun.error?.message);
        const sparkRun = await api.runPipeline(onSpark, { engine: spark, logger: memoryLogger().logger });
        assert.equal(sparkRun.outcome, 'succeeded', sparkRun.error?.message);
        assert.match(sparkRun.engine.version, /^Spark [34]\./);

        const silverRows = sparkRun.datasets.filter((d) => d.layer === 'silver').reduce((sum, d) => sum + d.rows, 0);
        assert.ok(silverRows > 100, `silver holds ${silverRows} rows: too few to compare`);
        // Quarantine and row accounting, and every expectation's outcome, per dataset.
        assert.deepEqual(accounting(sparkRun), accounting(duckRun));
        for (const dataset of PIPELINES[pipeline].datasets) {
          const columns = Object.keys(dataset.columns);
          const sparkResult = sparkRun.datasets.find((d) => d.name === dataset.name)!;
          const duckResult = duckRun.datasets.find((d) => d.name === dataset.name)!;
          // The contract's columns, in order, with the same types on both engines.
          assert.deepEqual(sparkResult.columns.map((c) => c.name), columns, `${dataset.name}: columns`);
          assert.deepEqual(
            sparkResult.columns.map((c) => [c.name, duckdbTypeOf(c.type)]),
            duckResult.columns.map((c) => [c.name, c.type]),
            `${dataset.name}: column types`,
          );
          const dir = (config: PipelineConfig) => `${config.dataDir}/${dataset.name.replace('.', '/')}`;
          if (dataset.name.startsWith('bronze.')) {
            assert.equal(sparkResult.rows, duckResult.rows, `${dataset.name}: rows`);
            continue;
          }
          // A change set records the run that computed it: the one column two runs cannot share.
          const compared = columns.filter((c) => c !== 'run_id');
          assertSameRows(await writtenRows(dir(onSpark), compared), await writtenRows(dir(onDuck), compared), dataset.name);
        }
      } finally {
        await spark.close();
        await duck.close();
      }
    },
  );
}
