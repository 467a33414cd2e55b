import type { DatasetResult, RunManifest } from '../model/manifest.js';
import { shortName, type MapReduceNote } from '../model/dataset.js';
import type { ExpectationResult } from '../quality/checks.js';
import { formatExample } from '../quality/checks.js';
import type { QualityReport } from '../quality/profile.js';
import { formatCount, type Logger } from './logger.js';

/** What a dataset's rows became: in, kept, and removed by each rule. */
export interface RowAccounting {
  readonly rowsIn: number;
  readonly rows: number;
  readonly filtered: Readonly<Record<string, number>>;
  readonly dropped: Readonly<Record<string, number>>;
  readonly quarantined: Readonly<Record<string, number>>;
}

/** What the log says of a run as it starts. */
export interface RunFacts {
  readonly pipeline: string;
  readonly startedAt: Date;
  readonly engine: string;
  readonly dataDir: string;
  readonly notices: readonly string[];
  readonly selected?: readonly string[];
  /** How many datasets the run builds. */
  readonly datasets: number;
}

/**
 * The lines a run writes, in the original project's shape: banners, one line per dataset saved,
 * row accounting, expectations, quality, the summary. The runner says what happened; this says it.
 */
export class RunLog {
  readonly log: Logger;

  constructor(
    log: Logger,
    readonly runId: string,
  ) {
    // Every line names its run, so the lines of runs logged together can be told apart.
    this.log = log.child({ runId });
  }

  started(title: string, facts: RunFacts): void {
    const { log, runId } = this;
    log.banner(`STARTING ${title} EXECUTION`, { pipeline: facts.pipeline });
    log.info(`Run ID: ${runId}`);
    log.info(`Start Time: ${facts.startedAt.toISOString()}`);
    log.info(`Engine: ${facts.engine}`);
    log.info(`Data directory: ${facts.dataDir}`);
    for (const notice of facts.notices) log.warn(notice);
    if (facts.selected) log.info(`Selected: ${facts.selected.join(', ')}`);
  }

  layer(title: string, layer: string): void {
    this.log.banner(title, { layer });
  }

  building(dataset: string, description: string, mapReduce: MapReduceNote | undefined): void {
    this.log.info(`Building ${dataset}: ${description}`, { dataset });
    if (mapReduce) {
      this.log.info(`MapReduce pattern (${mapReduce.pattern}): MAP SIDE: ${mapReduce.map}`, { dataset, mapReduce });
      this.log.info(`MapReduce pattern (${mapReduce.pattern}): REDUCE SIDE: ${mapReduce.reduce}`, { dataset });
    }
  }

  /** A dataset is built or failed: the full log has told it line by line already. */
  finished(_result: DatasetResult): void {}

  saved(dataset: string, path: string, rows: number, seconds: number): void {
    this.log.info(`✓ Saved ${dataset} to: ${path} (${formatCount(rows)} rows, ${seconds.toFixed(3)}s)`, { dataset, path, rows, seconds });
  }

  accounting(dataset: string, a: RowAccounting): void {
    const parts = (label: string, counts: Readonly<Record<string, number>>) =>
      Object.keys(counts).length ? [`${label}: ${Object.entries(counts).map(([k, n]) => `${k} ${formatCount(n)}`).join(', ')}`] : [];
    const details = [...parts('filtered', a.filtered), ...parts('dropped', a.dropped), ...parts('quarantined', a.quarantined)];
    if (!details.length) return;
    this.log.info(`  Rows in: ${formatCount(a.rowsIn)}, kept: ${formatCount(a.rows)}; ${details.join('; ')}`, { dataset, ...a });
  }

  expectations(dataset: string, results: readonly ExpectationResult[]): void {
    if (!results.length) return;
    this.expectationLines(dataset, results, false);
  }

  /** The expectation lines; with `warningsOnly`, those that need attention and nothing else. */
  protected expectationLines(dataset: string, results: readonly ExpectationResult[], warningsOnly: boolean): void {
    if (warningsOnly) {
      for (const r of results) if (r.status === 'warn') this.log.warn(expectationLine(r), { dataset, expectation: r.name });
      return;
    }
    const count = (status: string) => results.filter((r) => r.status === status).length;
    this.log.info(`  Expectations on ${dataset}: ${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed`, {
      dataset,
      expectations: results,
    });
    for (const r of results) {
      if (r.status === 'pass' && r.failures === 0) continue;
      const line = expectationLine(r);
      if (r.status === 'warn') this.log.warn(line, { dataset, expectation: r.name });
      else this.log.info(line, { dataset, expectation: r.name });
    }
  }

  quality(dataset: string, q: QualityReport): void {
    const withNulls = q.columns.filter((c) => c.nulls > 0);
    const nulls = withNulls.length
      ? withNulls.map((c) => `${c.name} ${formatCount(c.nulls)} (${c.completeness.toFixed(2)}% complete)`).join(', ')
      : 'none';
    const dups = q.duplicates.map((d) => `${d.key} ${formatCount(d.duplicates)}`).join(', ') || 'no key declared';
    this.log.info(`Data quality ${dataset}: ${formatCount(q.totalNulls)} nulls in ${q.columns.length} columns, completeness ${q.completeness.toFixed(2)}%`, {
      dataset,
      quality: q,
    });
    this.log.info(`  Null values by column: ${nulls}`);
    this.log.info(`  Duplicate keys: ${dups}`);
  }

  /** Rows per value of a status column, e.g. how many raw lines parsed. */
  breakdown(layerTitle: string, total: number, breakdown: Readonly<Record<string, number>>, successValue = 'valid'): void {
    this.log.info(`${layerTitle} Quality Metrics:`, { breakdown });
    this.log.info(`  Total records: ${formatCount(total)}`);
    for (const [status, n] of Object.entries(breakdown)) this.log.info(`  ${status}: ${formatCount(n)}`);
    const success = breakdown[successValue] ?? 0;
    this.log.info(`  Success rate: ${total ? ((success / total) * 100).toFixed(2) : '100.00'}%`);
  }

  /**
   * One line with the cause; a bug's stack trace is in the manifest, and follows the line with
   * `--verbose`. The manifest's path is part of the log, not of the error.
   */
  failed(message: string, error: unknown, manifestPath: string): void {
    const hint = error instanceof Error && !this.log.verbose ? ' (stack trace in the run manifest; --verbose prints it)' : '';
    this.log.error(`Pipeline failed with error: ${oneLine(message)}${hint}`, error);
    this.log.info(`Run manifest: ${manifestPath}`);
  }

  interrupted(signal: string, manifestPath: string): void {
    this.log.error(`Pipeline interrupted by ${signal}: nothing was published; staging removed`);
    this.log.info(`Run manifest: ${manifestPath}`);
  }

  manifestNotWritten(message: string): void {
    this.log.error(`Could not write the run manifest: ${message}`);
  }

  succeeded(manifest: RunManifest, manifestPath: string): void {
    const { log } = this;
    log.banner('PIPELINE EXECUTION COMPLETED SUCCESSFULLY', { seconds: manifest.seconds });
    log.info(`End Time: ${manifest.finishedAt}`);
    log.info(`Duration: ${manifest.seconds.toFixed(2)} seconds`);
    log.info('--- Pipeline Summary ---');
    for (const layer of ['bronze', 'silver', 'gold'] as const) {
      const built = manifest.datasets.filter((r: DatasetResult) => r.layer === layer);
      if (!built.length) continue;
      log.info(`${layer[0]!.toUpperCase()}${layer.slice(1)} Layer:`);
      for (const r of built) log.info(`  ${shortName(r.name)}: ${formatCount(r.rows)} records`);
    }
    log.info(`Data Location: ${manifest.dataDir}`);
    log.info(`Run manifest: ${manifestPath}`);
  }
}

/** One expectation that found rows: how many of how many, what became of them, examples. */
function expectationLine(r: ExpectationResult): string {
  const share = r.checked ? ` (${((r.failures / r.checked) * 100).toFixed(2)}%)` : '';
  const what = r.action === 'drop' ? 'dropped' : r.action === 'quarantine' ? `quarantined in ${r.quarantinePath}` : 'kept';
  const examples = r.examples.length ? `; e.g. ${r.examples.map(formatExample).join('; ')}` : '';
  return `  Expectation ${r.name} [${r.action}]: ${formatCount(r.failures)} of ${formatCount(r.checked)} failed${share}, ${what}${r.observed ? `; observed ${r.observed}` : ''}${examples}`;
}

/**
 * A multi-line message (an engine's with its SQL excerpt and caret, a schema diff) as one line:
 * the first line, then the others joined with `; `, without lines that only point (`^`).
 */
export function oneLine(message: string): string {
  const [first = '', ...rest] = message.split('\n').map((l) => l.trim()).filter((l) => l && !/^\^+$/.test(l));
  return rest.length ? `${first} ${rest.join('; ')}` : first;
}
