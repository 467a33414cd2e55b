import type { PipelineConfig } from './core/config.js';
import type { RunManifest } from './core/manifest.js';
import { runDefinition, type RunOptions } from './core/runner.js';
import { DuckDBEngine } from './engines/duckdb/duckdb-engine.js';
import type { Engine } from './engines/engine.js';
import { pipelineFor } from './pipelines/registry.js';

export interface RunPipelineOptions extends RunOptions {
  /** The engine to run on; an embedded DuckDB (closed after the run) when absent. */
  engine?: Engine;
}

/**
 * Runs the pipeline a config belongs to and returns its run manifest.
 *
 * ```ts
 * const manifest = await runPipeline(new DataPipelineConfig({ dataDir: '/tmp/shop', customers: 1000 }));
 * console.log(manifest.outcome, manifest.datasets.map((d) => [d.name, d.rows]));
 * ```
 */
export async function runPipeline(config: PipelineConfig, options: RunPipelineOptions = {}): Promise<RunManifest> {
  const engine = options.engine ?? (await DuckDBEngine.create());
  try {
    return await runDefinition(pipelineFor(config), config, engine, options);
  } finally {
    if (!options.engine) await engine.close();
  }
}
