import type { DatasetResult, RunManifest } from '../model/manifest.js';
import type { MapReduceNote } from '../model/dataset.js';
import type { ExpectationResult } from '../quality/checks.js';
import type { QualityReport } from '../quality/profile.js';
import type { Style } from './colour.js';
import { formatCount, type Logger } from './logger.js';
import { RunLog, type RowAccounting, type RunFacts } from './run-log.js';

export type DatasetStatus = 'OK' | 'WARN' | 'FAIL';

/** What the console's line of one finished dataset says. */
export interface DatasetLine {
  readonly index: number;
  readonly total: number;
  readonly status: DatasetStatus;
  readonly name: string;
  readonly mapReduce?: string;
  readonly rows: number;
  readonly setAside: number;
  readonly dropped: number;
  readonly warnings: number;
  readonly seconds: number;
}

/** Where the figures start, so that they line up down the log as dbt's do. */
const FIGURES_AT = 64;
const STATUS_STYLE: Record<DatasetStatus, Style> = { OK: 'green', WARN: 'yellow', FAIL: 'red' };

/**
 * `3 of 29 WARN silver.transactions_clean ......... 49,800 rows, 200 set aside, 1 warning [0.41s]`:
 * its place in the run, its status, the dataset, its figures (those that are zero left out), its
 * time, and the MapReduce pattern it shows if any. `paint` colours the status.
 */
export function datasetLine(d: DatasetLine, paint: (style: Style, text: string) => string = (_s, t) => t): string {
  const place = `${String(d.index).padStart(String(d.total).length)} of ${d.total}`;
  const label = `${place} ${d.status.padEnd(4)} ${d.name} `;
  const dots = '.'.repeat(Math.max(3, FIGURES_AT - label.length));
  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
  const figures =
    d.status === 'FAIL'
      ? ['failed']
      : [
          plural(d.rows, 'row'),
          ...(d.setAside ? [`${formatCount(d.setAside)} set aside`] : []),
          ...(d.dropped ? [`${formatCount(d.dropped)} dropped`] : []),
          ...(d.warnings ? [plural(d.warnings, 'warning')] : []),
        ];
  const coloured = label.replace(` ${d.status.padEnd(4)} `, ` ${paint(STATUS_STYLE[d.status], d.status)}${' '.repeat(4 - d.status.length)} `);
  const pattern = d.mapReduce ? ` MapReduce pattern (${d.mapReduce})` : '';
  return `${coloured}${paint('dim', dots)} ${figures.join(', ')} [${d.seconds.toFixed(2)}s]${pattern}`;
}

/** A dataset's figures as its console line shows them. */
export function lineOf(result: DatasetResult, place: { index: number; total: number; seconds: number; mapReduce?: string }): DatasetLine {
  const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, n) => a + n, 0);
  const warnings = result.expectations.filter((e: ExpectationResult) => e.status === 'warn').length;
  const status: DatasetStatus = result.status === 'failed' ? 'FAIL' : warnings ? 'WARN' : 'OK';
  return {
    ...place,
    status,
    name: result.name,
    rows: result.rows,
    setAside: sum(result.quarantined),
    dropped: sum(result.dropped),
    warnings,
  };
}

/**
 * The console's default log, dbt-like: a line as the run starts, the stage headers, one line per
 * dataset as it finishes, the warnings and errors as they happen, and a summary. Everything else
 * of the full log (row accounting, each expectation, quality) is in the manifest and the report,
 * and in the log with `--log-detail full`.
 */
export class ConsoleRunLog extends RunLog {
  #total = 0;
  #finished = 0;
  readonly #started = new Map<string, { mapReduce?: string }>();
  readonly #statuses: DatasetStatus[] = [];
  #setAside = 0;
  #rows = 0;

  constructor(log: Logger, runId: string) {
    super(log, runId);
  }

  override started(title: string, facts: RunFacts): void {
    this.#total = facts.datasets;
    const what = facts.selected ? `${facts.datasets} selected datasets` : `${facts.datasets} datasets`;
    this.log.info(`${this.log.paint('bold', `STARTING ${title} EXECUTION`)}: ${what} on ${facts.engine} into ${facts.dataDir} (run ${this.runId})`, {
      pipeline: facts.pipeline,
    });
    for (const notice of facts.notices) this.log.warn(notice);
  }

  override layer(title: string, layer: string): void {
    this.log.info(this.log.paint('bold', `=== ${title} ===`), { layer });
  }

  override building(dataset: string, _description: string, mapReduce: MapReduceNote | undefined): void {
    this.#started.set(dataset, { ...(mapReduce ? { mapReduce: mapReduce.pattern } : {}) });
  }

  override finished(result: DatasetResult): void {
    const started = this.#started.get(result.name);
    // The dataset's own build time: its line may be told after it finished (see LayerOrderedLog).
    const line = lineOf(result, { index: ++this.#finished, total: this.#total, seconds: result.seconds, ...(started?.mapReduce ? { mapReduce: started.mapReduce } : {}) });
    this.#statuses.push(line.status);
    this.#setAside += line.setAside;
    this.#rows += line.rows;
    this.log.info(datasetLine(line, (style, text) => this.log.paint(style, text)), { dataset: result.name });
  }

  override saved(): void {}
  override accounting(_dataset: string, _a: RowAccounting): void {}
  override quality(_dataset: string, _q: QualityReport): void {}
  override breakdown(): void {}

  override expectations(dataset: string, results: readonly ExpectationResult[]): void {
    this.expectationLines(dataset, results, true);
  }

  /** `29 datasets: 28 OK, 1 WARN; 160,340 rows, 12 set aside`, and the datasets not built. */
  #tally(): string {
    const count = (s: DatasetStatus) => this.#statuses.filter((x) => x === s).length;
    const statuses = (['OK', 'WARN', 'FAIL'] as const).filter((s) => count(s)).map((s) => `${count(s)} ${this.log.paint(STATUS_STYLE[s], s)}`);
    const unbuilt = this.#total - this.#finished;
    return `${this.#total} datasets: ${[...statuses, ...(unbuilt ? [`${unbuilt} not built`] : [])].join(', ')}; ${formatCount(this.#rows)} rows, ${formatCount(this.#setAside)} set aside`;
  }

  override failed(message: string, error: unknown, manifestPath: string): void {
    this.log.info(`${this.log.paint('bold', 'PIPELINE EXECUTION FAILED')}: ${this.#tally()}`);
    super.failed(message, error, manifestPath);
  }

  override succeeded(manifest: RunManifest, manifestPath: string): void {
    this.log.info(`${this.log.paint('bold', 'PIPELINE EXECUTION COMPLETED SUCCESSFULLY')} in ${manifest.seconds.toFixed(2)}s: ${this.#tally()}`, { seconds: manifest.seconds });
    this.log.info(`Run manifest: ${manifestPath}`);
  }
}

/** The run's log as its logger's detail asks. */
export function runLogFor(log: Logger, runId: string): RunLog {
  return log.detail === 'concise' ? new ConsoleRunLog(log, runId) : new RunLog(log, runId);
}
