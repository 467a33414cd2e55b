import { mkdirSync } from 'node:fs';
import type { Engine } from '../engines/engine.js';
import { asOfTimestamp } from '../generate/sql.js';
import { formatCount, fullStack, Logger } from '../observe/logger.js';
import type { Progress } from '../observe/progress.js';
import { profileDataset, type QualityReport } from '../quality/profile.js';
import { ExpectationFailedError, formatExample, rowResult, tableResult, type ExpectationResult } from '../quality/checks.js';
import type { TableExpectation } from '../quality/expectation.js';
import type { Row } from '../engines/engine.js';
import { datasetDir, joinPath, manifestPath, quarantineDir, runsDir, stagingDir } from '../storage/layout.js';
import { isComplete, markComplete, publishDirectory, removeDirectory } from '../storage/publish.js';
import type { WriteSession } from '../storage/dataset-store.js';
import { writeFileDurably } from '../storage/durable-fs.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { MEDALLION_VERSION } from '../version.js';
import { refreshCatalog } from '../report/catalog.js';
import { assertWritableDirectory, readsRealInputs, type PipelineConfig } from './config.js';
import { LAYERS, layerOf, shortName, type Dataset, type DatasetContext } from './dataset.js';
import { runGraph } from './schedule.js';
import { DatasetBuildError, errorMessage, UserError } from './errors.js';
import type { DatasetResult, RunManifest } from './manifest.js';
import { renderDataset } from './render.js';
import { newRunId } from './manifest.js';
import { planPipeline, selectDatasets, type PipelineDefinition, type PlannedDataset } from './pipeline.js';

export interface RunOptions {
  logger?: Logger;
  /** Live display of the dataset being built (terminals only). */
  progress?: Progress;
  /** dbt-style selectors; everything when empty. Unselected inputs are read from disk. */
  select?: readonly string[];
  /** Versions kept per dataset, the current one included (default 5). */
  keep?: number;
  /** Publish a dataset whose columns differ from its current version's; otherwise the run fails. */
  allowSchemaChange?: boolean;
}

/**
 * Runs one pipeline definition with its config on `engine` and returns the run manifest, which
 * is also written to `<data-dir>/_runs/<run-id>.json`. Invalid input throws `UserError` before
 * anything is written; a failure while building is recorded in the manifest (outcome `failed`)
 * and logged with its stack.
 */
export async function runDefinition<C extends PipelineConfig>(
  definition: PipelineDefinition<C>,
  config: C,
  engine: Engine,
  options: RunOptions = {},
): Promise<RunManifest> {
  const logger = options.logger ?? new Logger();
  assertWritableDirectory(config.dataDir);
  const plan = planPipeline(definition, engine.dialect, config);
  const selected = options.select?.length ? selectDatasets(plan, options.select) : undefined;
  const toBuild = plan.filter((p) => !selected || selected.has(p.dataset.name));
  assertInputsOnDisk(toBuild, config.dataDir);
  const run = new Run(definition as PipelineDefinition<PipelineConfig>, config, engine, logger, options.select ?? [], options.progress);
  // One writer per data dir: refuses (UserError) while another run holds it, and cleans up after a dead one.
  const session = await openDatasetStore(config.dataDir).beginWrite(run.runId, 'run', {
    keep: options.keep,
    allowSchemaChange: options.allowSchemaChange,
  });
  try {
    return await run.execute(toBuild as PlannedDataset<PipelineConfig>[], session);
  } finally {
    await session.end();
  }
}

function assertInputsOnDisk<C>(toBuild: readonly PlannedDataset<C>[], dataDir: string): void {
  const building = new Set(toBuild.map((p) => p.dataset.name));
  for (const { dataset, inputs } of toBuild) {
    for (const input of inputs) {
      if (!building.has(input) && !isComplete(datasetDir(dataDir, input))) {
        throw new UserError(
          `--select: ${dataset.name} reads ${input}, which is not selected and not built in ${dataDir}; ` +
            `select it too (e.g. +${dataset.name}) or run the whole pipeline first`,
        );
      }
    }
  }
}

class Run {
  readonly #start = new Date();
  readonly #runId = newRunId(this.#start);
  readonly #results: DatasetResult[] = [];
  readonly #ctx: DatasetContext<PipelineConfig>;

  constructor(
    readonly definition: PipelineDefinition<PipelineConfig>,
    readonly config: PipelineConfig,
    readonly engine: Engine,
    readonly log: Logger,
    readonly select: readonly string[],
    readonly progress?: Progress,
  ) {
    this.#ctx = datasetContext(config, engine);
  }

  get runId(): string {
    return this.#runId;
  }

  /** Where datasets are staged and published; set by `execute`. */
  #session!: WriteSession;

  async execute(plan: readonly PlannedDataset<PipelineConfig>[], session: WriteSession): Promise<RunManifest> {
    this.#session = session;
    const { log, config } = this;
    const engineVersion = await this.engine.version();
    log.banner(`STARTING ${this.definition.title} EXECUTION`, { runId: this.#runId, pipeline: config.pipeline });
    log.info(`Run ID: ${this.#runId}`);
    log.info(`Start Time: ${this.#start.toISOString()}`);
    log.info(`Engine: ${engineVersion}`);
    log.info(`Data directory: ${config.dataDir}`);
    for (const notice of session.notices) log.warn(notice, { runId: this.#runId });
    if (this.select.length) log.info(`Selected: ${plan.map((p) => p.dataset.name).join(', ')}`);

    // Layer by layer, so the log reads like the medallion it builds; within a layer, independent
    // datasets are built concurrently, as many as the engine can run at once.
    let failure: unknown;
    const built = new Map<string, DatasetResult>();
    for (const layer of LAYERS) {
      const nodes = plan.filter((p) => layerOf(p.dataset.name) === layer);
      if (!nodes.length || failure) continue;
      log.banner(this.definition.layerTitles[layer], { layer });
      await runGraph(
        nodes.map((p) => ({ name: p.dataset.name, inputs: p.inputs })),
        this.engine.concurrency,
        async (name) => {
          const { dataset, inputs } = nodes.find((p) => p.dataset.name === name)!;
          const lineage = { inputs, description: dataset.description, docs: dataset.columns };
          try {
            built.set(name, { ...(await this.#build(dataset)), ...lineage });
            return true;
          } catch (error) {
            failure ??= error instanceof DatasetBuildError ? error : new DatasetBuildError(name, error);
            built.set(name, { ...failedResult(name, this.config.dataDir, error), ...lineage });
            return false;
          }
        },
      );
    }
    for (const { dataset } of plan) {
      const result = built.get(dataset.name);
      if (result) this.#results.push(result);
    }
    this.progress?.stop();

    const end = new Date();
    const seconds = (end.getTime() - this.#start.getTime()) / 1000;
    const manifest: RunManifest = {
      runId: this.#runId,
      pipeline: config.pipeline,
      engine: { name: this.engine.name, version: engineVersion },
      medallionVersion: MEDALLION_VERSION,
      config: { ...config },
      select: this.select,
      dataDir: config.dataDir,
      startedAt: this.#start.toISOString(),
      finishedAt: end.toISOString(),
      seconds,
      outcome: failure ? 'failed' : 'succeeded',
      ...(failure ? { error: { message: errorMessage(failure), stack: stackOf(failure) } } : {}),
      datasets: this.#results,
      unpublished: plan.map((p) => p.dataset.name).filter((name) => built.get(name)?.status !== 'built'),
    };
    // A failed run's half-written files go first: on a full disk they hold the room the manifest needs.
    if (failure) removeDirectory(joinPath(config.dataDir, '_staging', this.#runId));
    let manifestPath: string;
    try {
      manifestPath = this.#writeManifest(manifest);
    } catch (error) {
      manifestPath = `(not written: ${errorMessage(error)})`;
      log.error(`Could not write the run manifest: ${errorMessage(error)}`);
    }

    if (failure) {
      // Bad input is the user's to fix: its message says how, and a stack trace would only hide it.
      const cause = failure instanceof DatasetBuildError ? failure.cause : failure;
      log.error(`Pipeline failed with error: ${errorMessage(failure)}`, cause instanceof UserError ? undefined : failure, { runId: this.#runId });
      log.error(`Run manifest: ${manifestPath}`);
    } else {
      log.banner('PIPELINE EXECUTION COMPLETED SUCCESSFULLY', { runId: this.#runId, seconds });
      log.info(`End Time: ${end.toISOString()}`);
      log.info(`Duration: ${seconds.toFixed(2)} seconds`);
      this.#logSummary();
      log.info(`Data Location: ${config.dataDir}`);
      log.info(`Run manifest: ${manifestPath}`);
      await refreshCatalog(config.dataDir).catch((error: unknown) => log.warn(`Catalog not refreshed: ${errorMessage(error)}`));
    }
    return manifest;
  }

  async #build(dataset: Dataset<PipelineConfig>): Promise<DatasetResult> {
    const { engine, log, config } = this;
    const started = performance.now();
    this.progress?.start(`${this.definition.name}: building ${dataset.name}`);
    log.info(`Building ${dataset.name}: ${dataset.description}`, { dataset: dataset.name });
    if (dataset.mapReduce) {
      const mr = dataset.mapReduce;
      log.info(`MapReduce pattern (${mr.pattern}): MAP SIDE: ${mr.map}`, { dataset: dataset.name, mapReduce: mr });
      log.info(`MapReduce pattern (${mr.pattern}): REDUCE SIDE: ${mr.reduce}`, { dataset: dataset.name });
    }

    const { candidate, output, checks } = renderDataset(dataset, this.#ctx);
    const target = datasetDir(config.dataDir, dataset.name);
    const staged = this.#session.stagingPath(dataset.name);
    const quarantineTarget = quarantineDir(config.dataDir, dataset.name);
    const quarantineStaged = stagingDir(config.dataDir, this.#runId, `quarantine.${shortName(dataset.name)}_${layerOf(dataset.name)}`);

    const stagedRelation = engine.dialect.readParquet(staged);
    const results = (counts: Row, written: Row) =>
      checks.expectations.map((e, i) => ({ index: i, ...rowResult(e, i, checks.onOutput(i) ? written : counts) }));
    // A tripped `fail` stops the run before anything is published, and keeps its failing rows.
    const stopOn = async (rowResults: ReturnType<typeof results>) => {
      const failed = rowResults.find((r) => r.status === 'fail');
      if (!failed) return;
      await this.#sql(dataset, '', () => engine.writeParquet(checks.failingSelect(candidate, failed.index, this.#runId, stagedRelation), quarantineStaged));
      markComplete(quarantineStaged);
      publishDirectory(quarantineStaged, quarantineTarget, this.#runId);
      const examples = await this.#sql(dataset, checks.examplesSelect(candidate, failed.index, stagedRelation));
      const { index: _, ...result } = failed;
      throw new ExpectationFailedError(dataset.name, { ...result, examples, quarantinePath: quarantineTarget });
    };

    // 1. Count the candidate rows before writing: keep rules, drops, quarantines, and the checks
    // that need columns the output does not keep.
    const [counted] = checks.needsCounts ? await this.#sql(dataset, `SELECT ${checks.countsSelect()} FROM ${candidate}`) : [];
    if (counted) await stopOn(results(counted, {}).filter((r) => !checks.onOutput(r.index)));

    // 2. Write the rows that are kept, and the quarantined ones beside them.
    const rows = await this.#sql(dataset, '', () => engine.writeParquet(output, staged));
    markComplete(staged);
    // Without keep rules or candidate checks, every row in is a row out: no need to count twice.
    const counts: Row = counted ?? { rows_in: rows, checked: rows };
    if (checks.quarantines) {
      await this.#sql(dataset, '', () => engine.writeParquet(checks.quarantineSelect(candidate, this.#runId), quarantineStaged));
      markComplete(quarantineStaged);
    }

    // 3. Checks on the written rows and on the whole dataset run on the staged files, so a
    // failure publishes nothing.
    const outputCounts = checks.outputCountsSelect(stagedRelation);
    const [written = {}] = outputCounts ? await this.#sql(dataset, outputCounts) : [];
    const rowResults = results(counts, written);
    await stopOn(rowResults);
    const tableChecks = (dataset.expect ?? []).filter((e): e is TableExpectation<PipelineConfig> => e.scope === 'table');
    const expectations: ExpectationResult[] = [];
    const quarantineRelation = checks.quarantines ? engine.dialect.readParquet(quarantineStaged) : undefined;
    for (const r of rowResults) {
      const { index, ...result } = r;
      const examples = result.failures > 0 ? await this.#sql(dataset, checks.examplesSelect(candidate, index, stagedRelation, quarantineRelation)) : [];
      expectations.push({ ...result, examples, ...(result.action === 'quarantine' ? { quarantinePath: quarantineTarget } : {}) });
    }
    for (const e of tableChecks) {
      const [measured = {}] = await this.#sql(dataset, e.measure(this.#ctx, stagedRelation));
      const result = tableResult(e, measured);
      const examples = result.failures > 0 && e.examples ? await this.#sql(dataset, e.examples(this.#ctx, stagedRelation)) : [];
      if (result.status === 'fail') throw new ExpectationFailedError(dataset.name, { ...result, examples });
      expectations.push({ ...result, examples });
    }

    // 4. Publish: a new version, current at once for every reader; refused on schema drift.
    const described = await this.#sql(dataset, '', () => engine.describe(`SELECT * FROM ${stagedRelation} AS d`));
    const version = await this.#session.publish(dataset.name, { rows, columns: described });
    const { bytes } = version;
    if (checks.quarantines) publishDirectory(quarantineStaged, quarantineTarget, this.#runId);
    const relation = engine.dialect.readParquet(target);

    const filtered = Object.fromEntries((dataset.keep ?? []).map((rule, i) => [rule.name, Number(counts[`filtered_${i}`] ?? 0)]));
    const removedBy = (action: string) =>
      Object.fromEntries(expectations.filter((e) => e.action === action).map((e) => [e.name, e.failures]));
    const dropped = removedBy('drop');
    const quarantined = removedBy('quarantine');
    const rowsIn = Number(counts['rows_in'] ?? rows);
    const seconds = (performance.now() - started) / 1000;
    log.info(`✓ Saved ${dataset.name} to: ${target} (${formatCount(rows)} rows, ${seconds.toFixed(3)}s)`, {
      dataset: dataset.name,
      path: target,
      rows,
      seconds,
    });
    this.#logAccounting(dataset.name, { rowsIn, rows, filtered, dropped, quarantined });
    this.#logExpectations(dataset.name, expectations);

    const quality = await profileDataset(engine, relation, described, dataset.keys ?? []);
    if (layerOf(dataset.name) !== 'gold') this.#logQuality(dataset.name, quality);
    const breakdown = '_status' in dataset.columns ? this.#statusBreakdown(quality, rows) : undefined;

    return {
      name: dataset.name,
      layer: layerOf(dataset.name),
      path: target,
      status: 'built',
      version: version.versionId,
      rowsIn,
      rows,
      filtered,
      dropped,
      quarantined,
      bytes,
      seconds: (performance.now() - started) / 1000,
      columns: described,
      expectations,
      ...(breakdown ? { breakdown } : {}),
      quality,
    };
  }

  /** Runs a dataset's statement (a query, or `write` when given), naming the dataset in any error. */
  async #sql(dataset: Dataset<PipelineConfig>, sql: string): Promise<Row[]>;
  async #sql<T>(dataset: Dataset<PipelineConfig>, sql: string, write: () => Promise<T>): Promise<T>;
  async #sql<T>(dataset: Dataset<PipelineConfig>, sql: string, write?: () => Promise<T>): Promise<T | Row[]> {
    try {
      return write ? await write() : await this.engine.query(sql);
    } catch (error) {
      throw new DatasetBuildError(dataset.name, error);
    }
  }

  #logAccounting(
    name: string,
    a: { rowsIn: number; rows: number; filtered: Record<string, number>; dropped: Record<string, number>; quarantined: Record<string, number> },
  ): void {
    const parts = (label: string, counts: Record<string, number>) =>
      Object.keys(counts).length ? [`${label}: ${Object.entries(counts).map(([k, n]) => `${k} ${formatCount(n)}`).join(', ')}`] : [];
    const details = [...parts('filtered', a.filtered), ...parts('dropped', a.dropped), ...parts('quarantined', a.quarantined)];
    if (!details.length) return;
    this.log.info(`  Rows in: ${formatCount(a.rowsIn)}, kept: ${formatCount(a.rows)}; ${details.join('; ')}`, { dataset: name, ...a });
  }

  #logExpectations(name: string, results: readonly ExpectationResult[]): void {
    if (!results.length) return;
    const count = (status: string) => results.filter((r) => r.status === status).length;
    this.log.info(`  Expectations on ${name}: ${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed`, {
      dataset: name,
      expectations: results,
    });
    for (const r of results) {
      if (r.status === 'pass' && r.failures === 0) continue;
      const share = r.checked ? ` (${((r.failures / r.checked) * 100).toFixed(2)}%)` : '';
      const what = r.action === 'drop' ? 'dropped' : r.action === 'quarantine' ? `quarantined in ${r.quarantinePath}` : 'kept';
      const examples = r.examples.length ? `; e.g. ${r.examples.map(formatExample).join('; ')}` : '';
      const line = `  Expectation ${r.name} [${r.action}]: ${formatCount(r.failures)} of ${formatCount(r.checked)} failed${share}, ${what}${r.observed ? `; observed ${r.observed}` : ''}${examples}`;
      if (r.status === 'warn') this.log.warn(line, { dataset: name, expectation: r.name });
      else this.log.info(line, { dataset: name, expectation: r.name });
    }
  }

  /** Rows per parse status, from the profile's top values: no extra scan. */
  #statusBreakdown(quality: QualityReport, total: number): Record<string, number> {
    const top = quality.columns.find((c) => c.name === '_status')?.top ?? [];
    const breakdown = Object.fromEntries(top.map((t) => [t.value, t.count]));
    const valid = breakdown['valid'] ?? 0;
    this.log.info('Bronze Layer Quality Metrics:', { breakdown });
    this.log.info(`  Total records: ${formatCount(total)}`);
    for (const [status, n] of Object.entries(breakdown)) this.log.info(`  ${status}: ${formatCount(n)}`);
    this.log.info(`  Success rate: ${total ? ((valid / total) * 100).toFixed(2) : '100.00'}%`);
    return breakdown;
  }

  #logQuality(name: string, q: QualityReport): void {
    const withNulls = q.columns.filter((c) => c.nulls > 0);
    const nulls = withNulls.length
      ? withNulls.map((c) => `${c.name} ${formatCount(c.nulls)} (${c.completeness.toFixed(2)}% complete)`).join(', ')
      : 'none';
    const dups = q.duplicates.map((d) => `${d.key} ${formatCount(d.duplicates)}`).join(', ') || 'no key declared';
    this.log.info(`Data quality ${name}: ${formatCount(q.totalNulls)} nulls in ${q.columns.length} columns, completeness ${q.completeness.toFixed(2)}%`, {
      dataset: name,
      quality: q,
    });
    this.log.info(`  Null values by column: ${nulls}`);
    this.log.info(`  Duplicate keys: ${dups}`);
  }

  #logSummary(): void {
    this.log.info('--- Pipeline Summary ---');
    for (const layer of ['bronze', 'silver', 'gold'] as const) {
      const built = this.#results.filter((r) => r.layer === layer);
      if (!built.length) continue;
      this.log.info(`${layer[0]!.toUpperCase()}${layer.slice(1)} Layer:`);
      for (const r of built) this.log.info(`  ${shortName(r.name)}: ${formatCount(r.rows)} records`);
    }
  }

  #writeManifest(manifest: RunManifest): string {
    mkdirSync(runsDir(this.config.dataDir), { recursive: true });
    const path = manifestPath(this.config.dataDir, manifest.runId);
    writeFileDurably(path, JSON.stringify(manifest, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n');
    return path;
  }
}

/** The context datasets are rendered with: inputs are read from their published Parquet. */
export function datasetContext<C extends PipelineConfig>(config: C, engine: Engine): DatasetContext<C> {
  return {
    dialect: engine.dialect,
    config,
    // Generated sources are received at the as-of instant, so that a seed reproduces every byte;
    // real inputs are received now.
    ingestedAt: readsRealInputs(config)
      ? engine.dialect.timestampFromEpoch(String(Math.floor(Date.now() / 1000)))
      : asOfTimestamp(engine.dialect, config.asOf),
    ref: (name) => engine.dialect.readParquet(datasetDir(config.dataDir, name)),
  };
}

function failedResult(name: string, dataDir: string, error: unknown): DatasetResult {
  return {
    name,
    layer: layerOf(name),
    path: datasetDir(dataDir, name),
    status: 'failed',
    rowsIn: 0,
    rows: 0,
    filtered: {},
    dropped: {},
    quarantined: {},
    expectations: [],
    bytes: 0,
    seconds: 0,
    columns: [],
    error: errorMessage(error),
  };
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? fullStack(error) : undefined;
}
