import type { Engine } from '../engines/engine.js';
import { pipelineLineage } from '../lineage/pipeline-lineage.js';
import { assertWritableDirectory, type PipelineConfig } from '../model/config.js';
import { errorMessage, UserError } from '../model/errors.js';
import { newRunId, type RunManifest } from '../model/manifest.js';
import type { Pipeline } from '../model/pipeline.js';
import { Logger } from '../observe/logger.js';
import type { Progress } from '../observe/progress.js';
import type { DatasetStore } from '../storage/dataset-store.js';
import { openDatasetStore, type TableFormat } from '../storage/open-dataset-store.js';
import { assertDataDirOf, recordDataDirPipeline } from '../storage/data-dir-pipeline.js';
import { checkInputFiles } from './check-input-files.js';
import { asDiskFull } from '../storage/disk-full.js';
import { assertPipelineChecks } from '../check/check-pipeline.js';
import { executePlan } from './executor.js';
import { planRun, type RunPlan } from './plan.js';
import { recordRun } from './incremental/ledger.js';

export interface RunOptions {
  logger?: Logger;
  /** Live display of the datasets being built (terminals only). */
  progress?: Progress;
  /** dbt-style selectors; everything when empty. Unselected inputs are read from disk. */
  select?: readonly string[];
  /** Versions kept per dataset, the current one included (default 5). */
  keep?: number;
  /** Publish a dataset whose columns differ from its current version's; otherwise the run fails. */
  allowSchemaChange?: boolean;
  /** Let a dataset with rows be replaced by an empty one, and a source read no rows; otherwise the run fails. */
  allowEmpty?: boolean;
  /** `delta` writes every dataset as a Delta Lake table (default: what the data dir holds, else versioned Parquet). */
  tableFormat?: TableFormat;
  /** Abort it with a `RunInterruptedError` to stop the run: it publishes nothing and records outcome `interrupted`. */
  signal?: AbortSignal;
  /**
   * Called with the data dir once a run has published and released the data dir (the catalog's
   * refresh, say). Its failure is logged as a warning: what the run published stays published.
   */
  afterCommit?: (dataDir: string) => Promise<unknown>;
  /** The caller has checked this pipeline on this engine already (the CLI checks every pipeline of a command first). */
  checked?: boolean;
}

/**
 * Plans and runs one pipeline with its config on `engine` and returns the run manifest. Invalid
 * input throws `UserError` before anything is written; a failure while building is recorded in
 * the manifest (outcome `failed`) and logged with its stack.
 */
export async function runPlanned(pipeline: Pipeline, given: PipelineConfig, engine: Engine, options: RunOptions = {}): Promise<RunManifest> {
  const logger = options.logger ?? new Logger();
  assertWritableDirectory(given.dataDir);
  // The files as they are now: globs expanded, gzip read to its end, CSV headers known.
  const config = await checkInputFiles(pipeline, given);
  // Every statement bound against the schemas the graph derives before anything is written.
  if (!options.checked) await assertPipelineChecks(pipeline, config, engine);
  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const store = openDatasetStore(config.dataDir, options.tableFormat);
  const plan = planRun({ pipeline, config, dialect: engine.dialect, paths: await store.paths(runId), select: options.select ?? [], runId, startedAt });
  assertInputsBuilt(plan, store);
  assertDataDirOf(config.dataDir, pipeline.name);
  // One writer per data dir: refuses (UserError) while another run holds it, and cleans up after a dead one.
  const session = await store.beginWrite(runId, 'run', { keep: options.keep, allowSchemaChange: options.allowSchemaChange });
  // From the definitions alone, while the datasets are built (the main thread waits on the engine
  // then): a dataset whose SQL cannot be parsed says so in its lineage.
  const built = new Set(plan.steps.map((s) => s.dataset.name));
  const columnLineage = pipelineLineage(plan.pipeline, config).then((all) => all.filter((d) => built.has(d.dataset)));
  columnLineage.catch(() => undefined); // awaited by the executor; a run that fails earlier never reads it
  let manifest: RunManifest;
  try {
    try {
      recordDataDirPipeline(config.dataDir, pipeline.name);
    } catch (error) {
      throw asDiskFull(error, config.dataDir);
    }
    manifest = await executePlan(plan, engine, session, {
      logger,
      ...(options.progress ? { progress: options.progress } : {}),
      select: options.select ?? [],
      startedAt,
      columnLineage,
      ...(options.allowEmpty ? { allowEmpty: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    // Only a run that published counts its days as processed; still under the writer's lock.
    if (manifest.outcome === 'succeeded') recordRun(config.dataDir, pipeline.name, config.window, plan.steps.some((s) => s.dataset.partitionBy));
  } finally {
    await session.end();
  }
  // What follows a commit (the catalog dashboards open) cannot undo it: a failure there costs no data.
  if (manifest.outcome === 'succeeded' && options.afterCommit) {
    await options.afterCommit(config.dataDir).catch((error: unknown) => logger.child({ runId }).warn(errorMessage(error)));
  }
  return manifest;
}

/** With a selection, what the selected datasets read and do not build must be on disk already. */
function assertInputsBuilt(plan: RunPlan, store: DatasetStore): void {
  const building = new Set(plan.steps.map((s) => s.dataset.name));
  for (const { dataset, inputs } of plan.steps) {
    for (const input of inputs) {
      if (!building.has(input) && !store.isBuilt(input)) {
        throw new UserError(
          `--select: ${dataset.name} reads ${input}, which is not selected and not built in ${store.dataDir}; ` +
            `select it too (e.g. +${dataset.name}) or run the whole pipeline first`,
        );
      }
    }
  }
}
