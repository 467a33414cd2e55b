import { asDiskFull, isDiskFull } from '../storage/disk-full.js';
import type { Engine, Row } from '../engines/engine.js';
import type { DatasetLineage } from '../model/lineage.js';
import { LAYERS, layerOf } from '../model/dataset.js';
import { DatasetBuildError, EngineError, errorMessage, UserError } from '../model/errors.js';
import type { DatasetResult, RunManifest } from '../model/manifest.js';
import { fullStack, type Logger } from '../observe/logger.js';
import type { Progress } from '../observe/progress.js';
import type { RunLog } from '../observe/run-log.js';
import { runLogFor } from '../observe/console-log.js';
import { ExpectationFailedError, rowResult, tableResult, type ExpectationResult } from '../quality/checks.js';
import { hasTopValues, qualityReport, rangedColumns, tableCheckRow } from '../quality/profile.js';
import type { WriteSession } from '../storage/dataset-store.js';
import { pausePoint } from '../storage/fault-points.js';
import { assertFilesUnchanged } from '../model/input-snapshot.js';
import { inputFlag } from '../model/config.js';
import { MEDALLION_VERSION } from '../version.js';
import type { DatasetStep, RunPlan, Statement } from './plan.js';
import { LayerOrderedLog } from './layer-ordered-log.js';
import { runGraph } from './schedule.js';
import { interruptionOf } from './run-interrupted.js';
import { settleAll } from './settle-all.js';
import { daysWritten } from './incremental/partition-step.js';
import { keepsOtherDays, type StrategyWritten } from '../storage/write-strategy.js';

export interface ExecuteOptions {
  readonly logger: Logger;
  readonly progress?: Progress;
  readonly select: readonly string[];
  readonly startedAt: Date;
  /** Let a dataset with rows be replaced by an empty one. */
  readonly allowEmpty?: boolean;
  /** Aborted (with a `RunInterruptedError`) to stop the run between statements; the running ones are interrupted. */
  readonly signal?: AbortSignal;
  /**
   * Column-level lineage of the plan's datasets, recorded in the manifest: a promise, so that
   * analysing the SQL overlaps the build. A run whose lineage cannot be computed fails before it
   * publishes.
   */
  readonly columnLineage?: Promise<readonly DatasetLineage[]>;
}

/**
 * Sends a plan's statements to an engine and publishes through a write session; returns the run
 * manifest, also written by the session. A failure while building is recorded in the manifest
 * (outcome `failed`) and logged; nothing downstream of the failed dataset is built.
 */
export async function executePlan(plan: RunPlan, engine: Engine, session: WriteSession, options: ExecuteOptions): Promise<RunManifest> {
  return new Execution(plan, engine, session, options).run();
}

class Execution {
  readonly #log: RunLog;

  constructor(
    readonly plan: RunPlan,
    readonly engine: Engine,
    readonly session: WriteSession,
    readonly options: ExecuteOptions,
  ) {
    this.#log = runLogFor(options.logger, plan.runId);
  }

  async run(): Promise<RunManifest> {
    const { plan, engine, session, options } = this;
    const { pipeline, config } = plan;
    const engineVersion = await engine.version();
    this.#log.started(pipeline.title, {
      pipeline: pipeline.name,
      startedAt: options.startedAt,
      engine: engineVersion,
      dataDir: config.dataDir,
      notices: session.notices,
      datasets: plan.steps.length,
      ...(options.select.length ? { selected: plan.steps.map((s) => s.dataset.name) } : {}),
    });

    let failure: unknown;
    const built = new Map<string, DatasetResult>();
    options.progress?.begin(pipeline.name, plan.steps.length);
    // A statement in flight is stopped too, so Ctrl-C does not wait for the longest query.
    const stopEngine = () => engine.interrupt?.();
    options.signal?.addEventListener('abort', stopEngine, { once: true });
    try {
      for (const statement of plan.setup) await this.#send(statement, undefined);
    } catch (error) {
      failure = error;
    }
    // A dataset starts as soon as the datasets it reads are written, as many at once as the
    // engine runs well: its checks, profile and seal then overlap what reads it. The log still
    // reads layer by layer, like the medallion it builds (see LayerOrderedLog).
    const steps = LAYERS.flatMap((layer) => plan.steps.filter((s) => layerOf(s.dataset.name) === layer));
    const told = new LayerOrderedLog(
      steps.map((s) => ({ name: s.dataset.name, layer: LAYERS.indexOf(layerOf(s.dataset.name)), inputs: s.inputs })),
      (layer) => this.#log.layer(pipeline.layerTitles[LAYERS[layer]!], LAYERS[layer]!),
    );
    if (!failure) {
      await runGraph(
        steps.map((s) => ({ name: s.dataset.name, inputs: s.inputs })),
        engine.concurrency,
        async (name, readable, upstreamPassed) => {
          const step = steps.find((s) => s.dataset.name === name)!;
          options.progress?.started(pipeline.name, name);
          const started = performance.now();
          let result: DatasetResult | undefined;
          try {
            result = await this.#build(step, readable, (line) => told.tell(name, line));
            return true;
          } catch (error) {
            result = failedResult(step, error, (performance.now() - started) / 1000);
            await pausePoint('build.failed', name);
            // It may have read rows whose checks were still running, and failed because of them:
            // then the failure upstream is the run's, and this one is not built, downstream of it.
            if (await upstreamPassed()) failure ??= error instanceof DatasetBuildError ? error : new DatasetBuildError(name, error);
            return false;
          } finally {
            if (result) {
              const finished = result;
              built.set(name, finished);
              told.tell(name, () => this.#log.finished(finished));
            }
            told.done(name, result?.status === 'built');
            options.progress?.finished(pipeline.name, name, result?.rows ?? 0);
          }
        },
      );
    }
    // A dataset that read one that failed may have been built meanwhile: it counts as not built.
    for (const name of built.keys()) if (told.downstreamOfFailure(name)) built.delete(name);
    told.flush();
    // A signal after the last statement still stops the run before it publishes anything.
    failure ??= interruptionOf(options.signal);
    let columnLineage: readonly DatasetLineage[] | undefined;
    try {
      columnLineage = await options.columnLineage;
    } catch (error) {
      failure ??= error;
    }
    // All or nothing: every dataset of the run becomes current together, or none does.
    if (!failure) {
      try {
        await session.commit();
      } catch (error) {
        failure = error;
        for (const result of built.values()) built.set(result.name, { ...result, status: 'failed', error: `not published: ${errorMessage(error)}` });
      }
    }
    options.progress?.stop();
    options.signal?.removeEventListener('abort', stopEngine);
    // A statement the signal interrupted fails with the engine's message; the signal is the cause.
    const interrupted = failure ? interruptionOf(options.signal) : undefined;
    if (interrupted) failure = interrupted;
    // A full disk is said in one line naming the file that did not fit; the run published nothing
    // (unless its commit was recorded, which the message of that case says).
    else if (failure) {
      const cause = failure instanceof DatasetBuildError ? failure.cause : failure;
      if (isDiskFull(cause)) failure = asDiskFull(cause, config.dataDir);
    }

    const end = new Date();
    const seconds = (end.getTime() - options.startedAt.getTime()) / 1000;
    const manifest: RunManifest = {
      runId: plan.runId,
      pipeline: pipeline.name,
      engine: { name: engine.name, version: engineVersion },
      medallionVersion: MEDALLION_VERSION,
      config: config.toJSON(),
      select: options.select,
      dataDir: config.dataDir,
      startedAt: options.startedAt.toISOString(),
      finishedAt: end.toISOString(),
      seconds,
      outcome: interrupted ? 'interrupted' : failure ? 'failed' : 'succeeded',
      ...(failure ? { error: { message: errorMessage(failure), ...(failure instanceof Error ? { stack: fullStack(failure) } : {}) } } : {}),
      // A failed run published nothing: no dataset of it has a version to read or roll back to.
      datasets: plan.steps.flatMap((s) => {
        const result = built.get(s.dataset.name);
        if (!result || !failure) return result ?? [];
        const { version: _, ...unpublished } = result;
        return [unpublished];
      }),
      unpublished: failure ? plan.steps.map((s) => s.dataset.name) : [],
      ...(columnLineage ? { columnLineage } : {}),
    };
    if (failure) session.discardStaging();
    let manifestPath: string;
    try {
      manifestPath = session.writeManifest(manifest);
    } catch (error) {
      manifestPath = `(not written: ${errorMessage(error)})`;
      this.#log.manifestNotWritten(errorMessage(error));
    }
    if (interrupted) {
      this.#log.interrupted(interrupted.signal, manifestPath);
    } else if (failure) {
      // Bad input is the user's to fix, and an engine's refusal speaks for itself: their message
      // says what is wrong, and a stack trace would only hide it.
      const cause = failure instanceof DatasetBuildError ? failure.cause : failure;
      const expected = cause instanceof UserError || cause instanceof EngineError || cause instanceof EmptyDatasetError || cause instanceof ExpectationFailedError;
      this.#log.failed(errorMessage(failure), expected ? undefined : failure, manifestPath);
    } else {
      this.#log.succeeded(manifest, manifestPath);
    }
    return manifest;
  }

  /**
   * Volume guards: a source that read the user's files and found no rows, and a dataset that had
   * rows and would have none, stop the run (unless it allows empty datasets): a wrong or broken
   * input must not replace good data with nothing.
   */
  #guardVolume(step: DatasetStep, rows: number): void {
    if (rows > 0 || this.options.allowEmpty) return;
    const { dataset } = step;
    const input = dataset.source ? this.plan.config.inputs[dataset.source.input] : undefined;
    if (input) throw new EmptyDatasetError(`${dataset.name}: '${input.given}' holds no rows (use --allow-empty if that is right)`);
    // A day without rows leaves the dataset its other days.
    if (keepsOtherDays(step.strategy)) return;
    const before = this.session.currentRows(dataset.name);
    if (before) {
      throw new EmptyDatasetError(`${dataset.name} would go from ${before.toLocaleString('en-US')} rows to 0; nothing was published (use --allow-empty if that is right)`);
    }
  }

  /**
   * The rows a daily dataset wrote per day. When it wrote none and holds no other day either, its
   * staged version has no file to count (nor for the datasets after it to read): the days asked
   * for are not in the data, which is said in one line rather than as the engine's missing-file error.
   */
  async #rowsPerDay(step: DatasetStep, written: number | undefined, send: (statement: Statement) => Promise<Row[]>): Promise<Row[]> {
    try {
      return await send(step.partitions!.rows);
    } catch (error) {
      const days = this.plan.config.window?.days ?? [];
      if (written !== 0 || !days.length) throw error;
      const asked = days.length === 1 ? `${days[0]} (--date)` : `${days[0]} to ${days[days.length - 1]} (--from/--to)`;
      throw new EmptyDatasetError(`no rows for ${asked} and none kept from other days: the input holds no rows of ${days.length === 1 ? 'that day' : 'those days'} that reach this dataset; nothing was published`);
    }
  }

  /** Fails the step when a file it read is not as the run's snapshot of its input found it. */
  #assertInputUnchanged(step: DatasetStep): void {
    const source = step.dataset.source;
    const input = source ? this.plan.config.inputs[source.input] : undefined;
    if (!source || !input?.snapshot) return;
    const option = this.plan.pipeline.config.inputs?.[source.input];
    assertFilesUnchanged(option ? inputFlag(source.input, option) : source.input, input.snapshot);
  }

  /** Sends one planned statement; an engine error names the dataset it belongs to. */
  async #send(statement: Statement, dataset: string | undefined): Promise<Row[]> {
    const interrupted = interruptionOf(this.options.signal);
    if (interrupted) throw interrupted;
    try {
      switch (statement.kind) {
        case 'write':
          if (statement.uncounted && !statement.partitionBy && this.engine.writeParquetUncounted) {
            await this.engine.writeParquetUncounted(statement.sql, statement.target!);
            return [{}];
          }
          return [{ rows: await this.engine.writeParquet(statement.sql, statement.target!, statement.partitionBy) }];
        case 'describe':
          return (await this.engine.describe(statement.sql)).map((c) => ({ ...c }));
        case 'execute':
          await this.engine.execute(statement.sql);
          return [];
        default:
          return await this.engine.query(statement.sql);
      }
    } catch (error) {
      throw dataset ? new DatasetBuildError(dataset, error) : error;
    }
  }

  /**
   * Builds one dataset; `readable` is called once its staged rows are what readers of it will
   * read, and `tell` holds its log lines until the log reaches it.
   */
  async #build(step: DatasetStep, readable: () => void, tell: (line: () => void) => void): Promise<DatasetResult> {
    const { dataset, checks, paths } = step;
    const name = dataset.name;
    const started = performance.now();
    const log = this.#log;
    tell(() => log.building(name, dataset.description, dataset.mapReduce));
    const send = (s: Statement) => this.#send(s, name);

    const results = (counts: Row, written: Row) =>
      checks.expectations.map((e, i) => ({ index: i, ...rowResult(e, i, checks.onOutput(i) ? written : counts) }));
    // A tripped `fail` stops the run before anything is published, and keeps its failing rows.
    const stopOn = async (rowResults: ReturnType<typeof results>) => {
      const failed = rowResults.find((r) => r.status === 'fail');
      if (!failed) return;
      const statements = step.rowExpectations[failed.index]!;
      // A `fail` keeps its failing rows for inspection; a drop or quarantine that would remove
      // most of the rows stops the run before anything is written.
      if (statements.failingRows) {
        await send(statements.failingRows);
        await this.session.publishQuarantine(name);
      }
      const shown = statements.stopExamples ?? statements.examples;
      const examples = shown ? await send(shown) : [];
      const { index: _, ...result } = failed;
      throw new ExpectationFailedError(name, { ...result, examples, ...(statements.failingRows ? { quarantinePath: paths.quarantine } : {}) });
    };

    // 1. Count the candidate rows before writing: keep rules, drops, quarantines, and the checks
    // that need columns the output does not keep.
    const [counted] = step.counts ? await send(step.counts) : [];
    if (counted) await stopOn(results(counted, {}).filter((r) => !checks.onOutput(r.index)));
    await pausePoint('build.counted', name);

    // 2. Write the rows that are kept, and the quarantined ones beside them; the parts of a large
    // dataset side by side, as many at once as the engine has connections.
    // Every part settles before a failure is reported: none may still be writing when the run
    // discards its staging or closes the engine.
    // A write the engine did not count (undefined) is counted by the profile's scan below.
    const sendParts = async (parts: readonly Statement[]) =>
      (await settleAll<Row[][]>(parts.map(send))).reduce<number | undefined>((sum, [result]) => (sum === undefined || result?.['rows'] === undefined ? undefined : sum + Number(result['rows'])), 0);
    const written = await sendParts(counted && step.writesKeptOnly && checks.removesNone(counted) ? step.writesKeptOnly : step.writes);
    const write: StrategyWritten = step.strategy.kind === 'replace-days' ? daysWritten(step.strategy, await this.#rowsPerDay(step, written, send)) : step.strategy;
    if (written !== undefined) this.#guardVolume(step, written);
    if (step.quarantines.length) await sendParts(counted && step.emptyQuarantine && checks.quarantinesNone(counted) ? [step.emptyQuarantine] : step.quarantines);
    // The datasets that read this one may start: they read its staged files, which hold all of
    // its rows now, unless a run by days links the days it keeps into them when sealing (4).
    if (write.kind !== 'replace-days') readable();
    await pausePoint('build.written', name);

    // 3. Checks on the written rows and on the whole dataset run on the staged files, so a
    // failure publishes nothing. The row checks ride along in the profile's scan of them; the
    // written schema comes first (a footer read), as the profile reads ranges of numbers and dates only.
    const columns = (await send(step.describe)).map((c) => ({ name: String(c['name']), type: String(c['type']) }));
    const [profile = {}] = await send(step.profile.statement(rangedColumns(columns)));
    const rows = written ?? Number(profile['n'] ?? 0);
    if (written === undefined) this.#guardVolume(step, rows);
    // Without keep rules or candidate checks, every row in is a row out: no need to count twice.
    const counts: Row = counted ?? { rows_in: rows, checked: rows };
    const rowResults = results(counts, profile);
    await stopOn(rowResults);
    const expectations: ExpectationResult[] = [];
    for (const { index, ...result } of rowResults) {
      const statement = step.rowExpectations[index]!.examples;
      const examples = result.failures > 0 && statement ? await send(statement) : [];
      expectations.push({ ...result, examples, ...(result.action === 'quarantine' ? { quarantinePath: paths.quarantine } : {}) });
    }
    for (const [j, t] of step.tableExpectations.entries()) {
      const result = tableResult(t.expectation, tableCheckRow(profile, j));
      const examples = result.failures > 0 && t.examples ? await send(t.examples) : [];
      if (result.status === 'fail') throw new ExpectationFailedError(name, { ...result, examples });
      expectations.push({ ...result, examples });
    }

    // The user's files this step read must be the files the run started with: every pass above
    // (count, write, quarantine, examples) read the same bytes, or its counts do not reconcile.
    this.#assertInputUnchanged(step);

    // 4. Seal it as this run's version, published with the rest of the run; refused on schema
    // drift. Sealing reads and flushes files: the engine reads the top values meanwhile (5).
    const keys = dataset.keys ?? [];
    const chosen = step.topValues.candidates.filter((column) => {
      const index = columns.findIndex((c) => c.name === column);
      return index >= 0 && hasTopValues(profile, index, columns[index]!, keys);
    });
    const topValues = () => (chosen.length ? send(step.topValues.statement(chosen)) : Promise.resolve([]));
    const seal = () => this.session.stage(name, { rows, columns, write });
    // A day's run links the days it keeps into the staged version while sealing: its top values
    // are read after that, not meanwhile.
    let version: Awaited<ReturnType<typeof seal>>;
    let topRows: Row[];
    if (write.kind === 'replace-days') {
      version = await seal();
      readable();
      topRows = await topValues();
    } else {
      [version, topRows] = await settleAll([seal(), topValues()] as const);
    }
    if (step.quarantines.length) this.session.stageQuarantine(name);

    const filtered = Object.fromEntries((dataset.keep ?? []).map((rule, i) => [rule.name, Number(counts[`filtered_${i}`] ?? 0)]));
    const removedBy = (action: string) => Object.fromEntries(expectations.filter((e) => e.action === action).map((e) => [e.name, e.failures]));
    const accounting = { rowsIn: Number(counts['rows_in'] ?? rows), rows, filtered, dropped: removedBy('drop'), quarantined: removedBy('quarantine') };
    const seconds = (performance.now() - started) / 1000;
    tell(() => {
      log.saved(name, paths.target, rows, seconds);
      log.accounting(name, accounting);
      log.expectations(name, expectations);
    });

    // 5. Profile what readers will see.
    const top = new Map<string, Array<{ value: string; count: number }>>();
    for (const r of topRows) {
      const list = top.get(String(r['col'])) ?? [];
      list.push({ value: String(r['value']), count: Number(r['n']) });
      top.set(String(r['col']), list);
    }
    const quality = qualityReport(profile, columns, keys, top);
    const layer = layerOf(name);
    if (layer !== 'gold') tell(() => log.quality(name, quality));
    let breakdown: Record<string, number> | undefined;
    if (dataset.breakdown) {
      const values = quality.columns.find((c) => c.name === dataset.breakdown)?.top ?? [];
      const counts = Object.fromEntries(values.map((t) => [t.value, t.count]));
      breakdown = counts;
      tell(() => log.breakdown(`${layer[0]!.toUpperCase()}${layer.slice(1)} Layer`, rows, counts));
    }

    return {
      name,
      layer,
      path: paths.target,
      status: 'built',
      version: version.versionId,
      ...accounting,
      bytes: version.bytes,
      seconds: (performance.now() - started) / 1000,
      columns,
      expectations,
      ...(breakdown ? { breakdown } : {}),
      quality,
      inputs: step.inputs,
      description: dataset.description,
      docs: dataset.columns,
    };
  }
}

/** A dataset that went from rows to none is refused, unless the run allows it. */
export class EmptyDatasetError extends Error {
  override readonly name = 'EmptyDatasetError';
}

function failedResult(step: DatasetStep, error: unknown, seconds: number): DatasetResult {
  const failedExpectation = error instanceof ExpectationFailedError ? [error.result] : [];
  return {
    name: step.dataset.name,
    layer: layerOf(step.dataset.name),
    path: step.paths.target,
    status: 'failed',
    rowsIn: 0,
    rows: 0,
    filtered: {},
    dropped: {},
    quarantined: {},
    expectations: failedExpectation,
    bytes: 0,
    seconds,
    columns: [],
    error: errorMessage(error),
    inputs: step.inputs,
    description: step.dataset.description,
    docs: step.dataset.columns,
  };
}
