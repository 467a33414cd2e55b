import type { Command } from 'commander';
import { assertPipelinesCheck } from '../check/check-pipelines.js';
import { assertWritableDirectory } from '../model/config.js';
import { UserError, errorMessage } from '../model/errors.js';
import { isRemotePath } from '../model/paths.js';
import { Logger, type LogDetail } from '../observe/logger.js';
import { colourFor } from '../observe/colour.js';
import { Progress } from '../observe/progress.js';
import { DeferredStream } from '../observe/deferred-stream.js';
import { validateWebhookUrl } from '../observe/alerts.js';
import { duckdbDialect } from '../dialect/duckdb.js';
import { openEngine, parseEngineName } from '../engines/registry.js';
import type { PipelineRegistry } from '../project/registry.js';
import { pipelineGraph, selectDatasets } from '../run/graph.js';
import { assertInputColumns } from './check-inputs.js';
import { parseTableFormat } from './table-format-arg.js';
import { printPlans } from './print-plan.js';
import { addPipelineOptions, configsFor, logFormatOption, parseLogFormat, parseWholeNumber, type EngineFlags, type Flags } from './options.js';
import type { Pipeline } from '../model/pipeline.js';
import type { PipelineConfig } from '../model/config.js';
import { listenForStopSignals } from './stop-signals.js';
import { assertDataDirOf } from '../storage/data-dir-pipeline.js';
import { addDateWindowOptions, withDateWindows } from './date-window-flags.js';

type RunFlags = Flags &
  EngineFlags & {
    logFormat: string;
    logDetail?: string;
    quiet?: boolean;
    verbose?: boolean;
    alertWebhook?: string;
    parallel?: boolean;
    select?: string[];
    keep?: string;
    allowSchemaChange?: boolean;
    allowEmpty?: boolean;
    tableFormat?: string;
    dryRun?: boolean;
    date?: string;
    from?: string;
    to?: string;
    fullRefresh?: boolean;
  };

export function registerRun(program: Command, registry: PipelineRegistry): void {
  const groups = Object.entries(registry.groups).map(([g, names]) => `${g} (${names.join(' and ')}, side by side)`);
  addDateWindowOptions(addPipelineOptions(
    program
      .command('run')
      .description(`build a pipeline: ${[...registry.names, ...groups].join(', ')}`)
      .argument('<pipeline>', `${[...registry.names, ...Object.keys(registry.groups)].join(', ')}`),
    registry,
  ))
    .addOption(logFormatOption())
    .option('--engine <engine>', 'duckdb (embedded) or spark (through Spark Connect)', 'duckdb')
    .option('--remote <url>', 'Spark Connect server, sc://host:port/;token=…;use_ssl=true (default $SPARK_REMOTE)')
    .option('--quiet', 'log only warnings and errors')
    .option('--log-detail <detail>', 'concise (one line per dataset, the default for text) or full (every step with its row accounting, expectations and quality; what --log-format json always gets)')
    .option('--verbose', 'the full log (--log-detail full), and the stack trace of a failed run after its one-line error (it is always in the run manifest)')
    .option('--parallel', 'with several pipelines: run them at once on one engine, the log still reading one after the other (the default)')
    .option('--no-parallel', 'with several pipelines: run one after the other')
    .option('--alert-webhook <url>', 'POST a JSON summary here when a run fails or an expectation warns or fails (default $MEDALLION_ALERT_WEBHOOK)')
    .option('--select <selector...>', "build part of the graph: 'silver.x', '+gold.x' (with ancestors), 'silver.x+' (with descendants), 'layer:gold'")
    .option('--keep <n>', 'versions kept per dataset, the current one included (default 5)')
    .option('--table-format <format>', 'parquet (versioned Parquet directories) or delta (Delta Lake tables that Spark and delta-rs read); default: what the data dir holds, else parquet')
    .option('--allow-schema-change', 'publish datasets whose columns changed since their current version (default: the run fails)')
    .option('--allow-empty', 'let a dataset that had rows be replaced by an empty one (default: the run fails)')
    .option('--dry-run', 'print the statements the run would send, in order, and build nothing')
    .action(async (target: string, flags: RunFlags) => {
      process.exitCode = await run(registry, target, flags);
    });
}

async function run(registry: PipelineRegistry, target: string, flags: RunFlags): Promise<number> {
  const format = parseLogFormat(flags.logFormat);
  const detail = parseLogDetail(flags);
  const engineName = parseEngineName(flags.engine);
  const { runs, skipped } = withDateWindows(configsFor(registry, target, flags), flags);
  for (const { config } of runs) assertWritableDirectory(config.dataDir, '--data-dir');
  for (const { pipeline, config } of runs) assertDataDirOf(config.dataDir, pipeline.name);
  for (const { pipeline, config } of runs) await assertInputColumns(pipeline, config);
  const select = flags.select ?? [];
  const storage = { keep: flags.keep === undefined ? undefined : parseWholeNumber('--keep', flags.keep, 1, 1000), allowSchemaChange: flags.allowSchemaChange ?? false, allowEmpty: flags.allowEmpty ?? false, ...parseTableFormat(flags.tableFormat) };
  const alertWebhook = flags.alertWebhook ?? process.env['MEDALLION_ALERT_WEBHOOK'];
  if (alertWebhook !== undefined) {
    const problem = validateWebhookUrl(alertWebhook);
    if (problem) throw new UserError(`--alert-webhook ${problem}`);
  }
  assertSelectorsKnown(select, runs);
  const applicable = runs
    .map((r) => ({ ...r, select: runs.length > 1 ? selectorsFor(select, r.pipeline, r.config) : select }))
    .filter((r) => !select.length || r.select.length);

  // Every pipeline of the command is checked before any is run or printed: `run both` builds
  // nothing when either pipeline has a mistake.
  const checking = firstOfEach(applicable);
  if (flags.dryRun) {
    const checker = await openEngine({ engine: engineName, ...(flags.remote ? { remote: flags.remote } : {}) });
    try {
      await assertPipelinesCheck(checking, checker);
    } finally {
      await checker.close();
    }
    await printPlans(applicable, engineName);
    return 0;
  }

  const progress = format === 'text' && !flags.quiet ? await Progress.forTerminal() : Progress.none();
  const logged = {
    format,
    detail,
    quiet: flags.quiet ?? false,
    verbose: flags.verbose ?? false,
    progress,
    colour: colourFor(process.stdout),
    errorColour: colourFor(process.stderr),
  };
  const logger = new Logger(logged);
  for (const { pipeline } of skipped) logger.info(`${pipeline.name}: every day from ${flags.from} to ${flags.to} is processed already; nothing to do (--date re-runs a day, --full-refresh rebuilds)`);
  let failed = 0;
  const grouped = groupCatalogApplies(target, registry, firstOfEach(runs));
  const committed: string[] = [];
  const stop = listenForStopSignals();
  const engine = await openEngine({
    engine: engineName,
    ...(flags.remote ? { remote: flags.remote } : {}),
    onRetry: (message) => logger.warn(message),
    onInterrupt: (message) => logger.warn(message),
  });
  try {
    await assertPipelinesCheck(checking, engine);
    const { runPipeline } = await import('../api.js');
    const { refreshCatalogAfterCommit } = await import('../report/catalog.js');
    // With a group catalog, each commit rewrites its own catalog only; the catalogs over several
    // pipelines are rewritten once, after the last pipeline (see writeGroupCatalog).
    const afterCommit = grouped ? (dir: string) => refreshCatalogAfterCommit(dir, { combined: false }) : undefined;
    const runOne = async (r: (typeof applicable)[number], log: Logger) => {
      const manifest = await runPipeline(r.config, { pipeline: r.pipeline, engine, logger: log, select: r.select, progress, signal: stop.signal, checked: true, ...storage, ...(alertWebhook ? { alertWebhook } : {}), ...(afterCommit ? { afterCommit } : {}) });
      if (manifest.outcome === 'succeeded') committed.push(r.config.dataDir);
      return manifest;
    };
    // Pipelines share no data, and one keeps both cores busy while the other waits on the disk.
    if (flags.parallel === false || applicable.length < 2) {
      for (const r of applicable) {
        if (stop.signal.aborted) break;
        if ((await runOne(r, logger)).outcome !== 'succeeded') failed++;
      }
    } else {
      // The pipelines share no data: run them at once, on one engine, and hold each one's log
      // until those before it are done, so the log still reads one pipeline after the other.
      const deferred = (target: NodeJS.WritableStream, i: number) => (i === 0 ? undefined : new DeferredStream(target));
      const streams = applicable.map((_, i) => deferred(process.stdout, i));
      const errorStreams = applicable.map((_, i) => deferred(process.stderr, i));
      const release = (i: number) => {
        streams[i]?.release();
        errorStreams[i]?.release();
      };
      const running = applicable.map((r, i) =>
        runOne(r, streams[i] ? new Logger({ ...logged, stream: streams[i], errorStream: errorStreams[i]! }) : logger),
      );
      running.forEach((_, i) => void Promise.allSettled(running.slice(0, i + 1)).then(() => release(i + 1)));
      const settled = await Promise.allSettled(running);
      applicable.forEach((_, i) => release(i));
      for (const result of settled) {
        if (result.status === 'rejected') throw result.reason;
        if (result.value.outcome !== 'succeeded') failed++;
      }
    }
  } finally {
    stop.dispose();
    progress.stop();
    await engine.close();
  }
  if (grouped) await writeGroupCatalog(target, firstOfEach(runs), flags.dataDir, committed, stop.signal.aborted, logger);
  return stop.exitCode ?? (failed ? 1 : 0);
}

function groupCatalogApplies(target: string, registry: PipelineRegistry, runs: ReadonlyArray<{ config: PipelineConfig }>): boolean {
  return Boolean(registry.groups[target]) && runs.length >= 2 && !runs.some((r) => isRemotePath(r.config.dataDir));
}

/**
 * With a group (`both`), the catalog over its pipelines, beside their own catalogs: written here
 * once, it is then rewritten by every commit and rollback of either pipeline run alone. The other
 * combined catalogs that show a pipeline committed to (`all`'s, say) are rewritten here too, each
 * once; after a Ctrl-C only those, for what was committed. A catalog that cannot be written costs
 * no data: a warning.
 */
async function writeGroupCatalog(
  target: string,
  runs: ReadonlyArray<{ pipeline: Pipeline; config: PipelineConfig }>,
  dataDir: string | undefined,
  committed: readonly string[],
  interrupted: boolean,
  logger: Logger,
): Promise<void> {
  const { combinedCatalogPath, refreshCombinedCatalogsOfAll, writeCombinedCatalogs } = await import('../report/combined-catalog.js');
  const members = runs.map((r) => ({ pipeline: r.pipeline.name, dataDir: r.config.dataDir }));
  const path = combinedCatalogPath(target, members.map((m) => m.dataDir), dataDir);
  const written = interrupted ? refreshCombinedCatalogsOfAll(committed) : writeCombinedCatalogs({ path, members }, committed);
  await written.catch((error: unknown) => logger.warn(`Catalog ${path} not written: ${errorMessage(error)}`));
}

/** `--log-detail`, or `full` with `--verbose`: one who asks for stack traces wants the whole story. */
function parseLogDetail(flags: RunFlags): LogDetail {
  const given = flags.logDetail;
  if (given !== undefined && given !== 'concise' && given !== 'full') throw new UserError(`--log-detail must be concise or full, got '${given}'`);
  return given ?? (flags.verbose ? 'full' : 'concise');
}

/** One run of each pipeline: the days of a backfill share their definitions, so checking the first checks them all. */
function firstOfEach<R extends { pipeline: Pipeline }>(runs: readonly R[]): R[] {
  const seen = new Set<string>();
  return runs.filter((r) => !seen.has(r.pipeline.name) && seen.add(r.pipeline.name));
}

/** With several pipelines, a selector applies to those that know it; it must be known to one of them. */
function assertSelectorsKnown(selectors: readonly string[], runs: ReadonlyArray<{ pipeline: Pipeline; config: PipelineConfig }>): void {
  for (const selector of selectors) {
    if (runs.some((r) => selectorsFor([selector], r.pipeline, r.config).length > 0)) continue;
    // Re-run against the first pipeline to raise its precise message.
    const first = runs[0]!;
    selectDatasets(graphOf(first.pipeline, first.config), [selector]);
    throw new UserError(`--select: '${selector}' matches no dataset`);
  }
}

/** Lineage does not depend on the engine: any dialect renders it. */
function graphOf(pipeline: Pipeline, config: PipelineConfig) {
  return pipelineGraph(pipeline.name, pipeline.datasets, duckdbDialect, config);
}

function selectorsFor(selectors: readonly string[], pipeline: Pipeline, config: PipelineConfig): string[] {
  const graph = graphOf(pipeline, config);
  return selectors.filter((s) => {
    try {
      return selectDatasets(graph, [s]).size > 0;
    } catch (error) {
      if (error instanceof UserError) return false;
      throw error;
    }
  });
}

