import type { Command } from 'commander';
import { assertWritableDirectory } from '../core/config.js';
import { UserError } from '../core/errors.js';
import { planPipeline, selectDatasets } from '../core/pipeline.js';
import { duckdbDialect } from '../dialect/duckdb.js';
import { Logger } from '../observe/logger.js';
import { Progress } from '../observe/progress.js';
import { DeferredStream } from '../observe/deferred-stream.js';
import type { PipelineConfig } from '../core/config.js';
import { validateWebhookUrl } from '../observe/alerts.js';
import { assertInputColumns } from './check-inputs.js';
import { openEngine, parseEngineName } from '../engines/registry.js';
import { pipelineFor } from '../pipelines/registry.js';
import { parseTableFormat } from './table-format-arg.js';
import { addPipelineOptions, configsFor, logFormatOption, parseLogFormat, parsePipelineName, parseWholeNumber, type EngineFlags, type PipelineFlags } from './options.js';

interface RunFlags extends PipelineFlags, EngineFlags {
  logFormat: string;
  quiet?: boolean;
  alertWebhook?: string;
  parallel?: boolean;
  select?: string[];
  keep?: string;
  allowSchemaChange?: boolean;
  tableFormat?: string;
}

export function registerRun(program: Command): void {
  addPipelineOptions(
    program
      .command('run')
      .description('build a pipeline: data, mapreduce or both (data first, then mapreduce)')
      .argument('<pipeline>', 'data, mapreduce or both'),
  )
    .addOption(logFormatOption())
    .option('--engine <engine>', 'duckdb (embedded) or spark (through Spark Connect)', 'duckdb')
    .option('--remote <url>', 'Spark Connect server, sc://host:port/;token=…;use_ssl=true (default $SPARK_REMOTE)')
    .option('--quiet', 'log only warnings and errors')
    .option('--parallel', 'with both: run the two pipelines at once on one engine (the log still reads data, then mapreduce)')
    .option('--alert-webhook <url>', 'POST a JSON summary here when a run fails or an expectation warns or fails (default $MEDALLION_ALERT_WEBHOOK)')
    .option('--select <selector...>', "build part of the graph: 'silver.x', '+gold.x' (with ancestors), 'silver.x+' (with descendants), 'layer:gold'")
    .option('--keep <n>', 'versions kept per dataset, the current one included (default 5)')
    .option('--table-format <format>', 'parquet (versioned Parquet directories) or delta (Delta Lake tables that Spark and delta-rs read); default: what the data dir holds, else parquet')
    .option('--allow-schema-change', "publish datasets whose columns changed since their current version (default: the run fails)")
    .action(async (pipelineArg: string, flags: RunFlags) => {
      process.exitCode = await run(pipelineArg, flags);
    });
}

async function run(pipelineArg: string, flags: RunFlags): Promise<number> {
  const target = parsePipelineName(pipelineArg, true);
  const format = parseLogFormat(flags.logFormat);
  const engineName = parseEngineName(flags.engine);
  const configs = configsFor(target, flags);
  for (const config of configs) assertWritableDirectory(config.dataDir, '--data-dir');
  // --input belongs to mapreduce and --input-* to data; with both, each goes to its own pipeline.
  if (target === 'data' && flags.input !== undefined) throw new UserError('--input reads event lines for the mapreduce pipeline; for data use --input-customers, --input-transactions or --input-products');
  const dataInput = ['--input-customers', '--input-transactions', '--input-products'].find((_f, i) => [flags.inputCustomers, flags.inputTransactions, flags.inputProducts][i] !== undefined);
  if (target === 'mapreduce' && dataInput) throw new UserError(`${dataInput} is an input of the data pipeline; for mapreduce use --input`);
  for (const config of configs) await assertInputColumns(config);
  const select = flags.select ?? [];
  const storage = { keep: flags.keep === undefined ? undefined : parseWholeNumber('--keep', flags.keep, 1, 1000), allowSchemaChange: flags.allowSchemaChange ?? false, ...parseTableFormat(flags.tableFormat) };
  const alertWebhook = flags.alertWebhook ?? process.env['MEDALLION_ALERT_WEBHOOK'];
  if (alertWebhook !== undefined) {
    const problem = validateWebhookUrl(alertWebhook);
    if (problem) throw new UserError(`--alert-webhook ${problem}`);
  }
  assertSelectorsKnown(select, configs);

  const progress = format === 'text' && !flags.quiet ? await Progress.forTerminal() : Progress.none();
  const logger = new Logger({ format, quiet: flags.quiet ?? false, progress });
  let failed = 0;
  const engine = await openEngine({
    engine: engineName,
    ...(flags.remote ? { remote: flags.remote } : {}),
    onRetry: (message) => logger.warn(message),
  });
  try {
    const { runPipeline } = await import('../api.js');
    const runs = configs
      .map((config) => ({ config, applicable: target === 'both' ? selectorsFor(select, config) : select }))
      .filter(({ applicable }) => !select.length || applicable.length);
    const runOne = (config: PipelineConfig, applicable: readonly string[], log: Logger) =>
      runPipeline(config, { engine, logger: log, select: applicable, progress, ...storage, ...(alertWebhook ? { alertWebhook } : {}) });
    if (!flags.parallel || runs.length < 2) {
      for (const { config, applicable } of runs) if ((await runOne(config, applicable, logger)).outcome !== 'succeeded') failed++;
    } else {
      // The pipelines share no data: run them at once, on one engine, and hold the second one's
      // log until the first is done, so the log still reads data, then mapreduce.
      const [first, second] = runs as [(typeof runs)[number], (typeof runs)[number]];
      const deferred = new DeferredStream(process.stdout);
      const secondLogger = new Logger({ format, quiet: flags.quiet ?? false, progress, stream: deferred });
      const settled = await Promise.allSettled([
        runOne(first.config, first.applicable, logger).finally(() => deferred.release()),
        runOne(second.config, second.applicable, secondLogger),
      ]);
      deferred.release();
      for (const result of settled) {
        if (result.status === 'rejected') throw result.reason;
        if (result.value.outcome !== 'succeeded') failed++;
      }
    }
  } finally {
    progress.stop();
    await engine.close();
  }
  return failed ? 1 : 0;
}

/** With `both`, a selector applies to the pipelines that know it; it must be known to one of them. */
function assertSelectorsKnown(selectors: readonly string[], configs: Parameters<typeof pipelineFor>[0][]): void {
  for (const selector of selectors) {
    const known = configs.some((config) => selectorsFor([selector], config).length > 0);
    if (!known) {
      // Re-run against the first pipeline to raise its precise message.
      const plan = planPipeline(pipelineFor(configs[0]!), duckdbDialect, configs[0]!);
      selectDatasets(plan, [selector]);
      throw new UserError(`--select: '${selector}' matches no dataset`);
    }
  }
}

function selectorsFor(selectors: readonly string[], config: Parameters<typeof pipelineFor>[0]): string[] {
  const plan = planPipeline(pipelineFor(config), duckdbDialect, config);
  return selectors.filter((s) => {
    try {
      return selectDatasets(plan, [s]).size > 0;
    } catch (error) {
      if (error instanceof UserError) return false;
      throw error;
    }
  });
}
