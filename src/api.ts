import type { PipelineConfig } from './core/config.js';
import type { RunManifest } from './core/manifest.js';
import { runDefinition, type RunOptions } from './core/runner.js';
import { DuckDBEngine } from './engines/duckdb/duckdb-engine.js';
import type { Engine } from './engines/engine.js';
import { pipelineFor } from './pipelines/registry.js';
import { alertFor, sendAlert, validateWebhookUrl, type AlertOptions } from './observe/alerts.js';
import { Logger } from './observe/logger.js';
import { UserError } from './core/errors.js';

export interface RunPipelineOptions extends RunOptions {
  /** The engine to run on; an embedded DuckDB (closed after the run) when absent. */
  engine?: Engine;
  /** Where to POST a JSON summary when the run fails or an expectation warns or fails. */
  alertWebhook?: string;
  alertOptions?: AlertOptions;
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
  if (options.alertWebhook) {
    const problem = validateWebhookUrl(options.alertWebhook);
    if (problem) throw new UserError(`alert webhook ${problem}`);
  }
  const engine = options.engine ?? (await DuckDBEngine.create());
  let manifest: RunManifest;
  try {
    manifest = await runDefinition(pipelineFor(config), config, engine, options);
  } finally {
    if (!options.engine) await engine.close();
  }
  const alert = options.alertWebhook ? alertFor(manifest) : undefined;
  if (alert) await sendAlert(options.alertWebhook!, alert, options.logger ?? new Logger(), options.alertOptions);
  return manifest;
}
