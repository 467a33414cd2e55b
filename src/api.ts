import type { PipelineConfig } from './model/config.js';
import type { RunManifest } from './model/manifest.js';
import type { Pipeline } from './model/pipeline.js';
import { UserError } from './model/errors.js';
import { runPlanned, type RunOptions } from './run/run-pipeline.js';
import type { Engine } from './engines/engine.js';
import { PIPELINES } from './pipelines/registry.js';
import { alertFor, sendAlert, validateWebhookUrl, type AlertOptions } from './observe/alerts.js';
import { Logger } from './observe/logger.js';
import { refreshCatalogAfterCommit } from './report/catalog.js';

export interface RunPipelineOptions extends RunOptions {
  /** The engine to run on; an embedded DuckDB (closed after the run) when absent. */
  engine?: Engine;
  /** The pipeline the config belongs to; found among the built-in pipelines by the config's name when absent. */
  pipeline?: Pipeline;
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
  const pipeline = options.pipeline ?? (PIPELINES as unknown as Readonly<Record<string, Pipeline>>)[config.pipeline];
  if (!pipeline) throw new UserError(`no built-in pipeline '${config.pipeline}': pass the pipeline object as options.pipeline`);
  if (pipeline.name !== config.pipeline) throw new UserError(`the config belongs to pipeline '${config.pipeline}', not '${pipeline.name}'`);
  let engine = options.engine;
  if (!engine) {
    const { DuckDBEngine } = await import('./engines/duckdb/duckdb-engine.js');
    engine = await DuckDBEngine.create();
  }
  let manifest: RunManifest;
  try {
    // The catalog dashboards open follows every commit, unless the caller takes that step over.
    manifest = await runPlanned(pipeline, config, engine, { ...options, afterCommit: options.afterCommit ?? refreshCatalogAfterCommit });
  } finally {
    if (!options.engine) await engine.close();
  }
  const alert = options.alertWebhook ? alertFor(manifest) : undefined;
  // The run's stop signal ends the alert's retries too: a Ctrl-C during them exits promptly.
  const alertOptions = { ...(options.signal ? { signal: options.signal } : {}), ...options.alertOptions };
  if (alert) await sendAlert(options.alertWebhook!, alert, (options.logger ?? new Logger()).child({ runId: manifest.runId }), alertOptions);
  return manifest;
}
