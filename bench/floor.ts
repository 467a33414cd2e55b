/**
 * The write floor of one pipeline run, in its own process:
 * `node dist/bench/floor.js <pipeline> <scale> <data-dir>` prints one JSON line with the
 * seconds that the run's own write statements take alone: the same plan, its datasets one after
 * the other on one DuckDB instance (a large dataset's parts side by side, as a run sends them),
 * with no counts, checks, quarantine, profiles, staging or publish. What a real run costs beyond
 * this is the price of everything that makes it more than its writes.
 */
import { mkdirSync } from 'node:fs';
import { DuckDBEngine } from '../src/engines/duckdb/duckdb-engine.js';
import { benchConfig } from './bench-config.js';
import type { PipelineConfig } from '../src/model/config.js';
import type { Pipeline } from '../src/model/pipeline.js';
import { PIPELINES } from '../src/pipelines/registry.js';
import { checkInputFiles } from '../src/run/check-input-files.js';
import { planRun } from '../src/run/plan.js';
import { openDatasetStore } from '../src/storage/open-dataset-store.js';

const [name, scaleArg, dataDir] = process.argv.slice(2);
const given: PipelineConfig = benchConfig(name!, Number(scaleArg), dataDir!);
const pipeline = (PIPELINES as unknown as Readonly<Record<string, Pipeline>>)[given.pipeline]!;

const engine = await DuckDBEngine.create();
const config = await checkInputFiles(pipeline, given);
const startedAt = new Date();
const runId = 'floor';
const paths = await openDatasetStore(config.dataDir).paths(runId);
const plan = planRun({ pipeline, config, dialect: engine.dialect, paths, runId, startedAt });
mkdirSync(config.dataDir, { recursive: true });

const started = performance.now();
for (const statement of plan.setup) await engine.execute(statement.sql);
let rows = 0;
for (const step of plan.steps) {
  for (const written of await Promise.all(step.writes.map((w) => engine.writeParquet(w.sql, w.target!)))) rows += written;
}
const seconds = (performance.now() - started) / 1000;
await engine.close();
process.stdout.write(JSON.stringify({ seconds, rows, writes: plan.steps.length }) + '\n');
