import type { Ora } from 'ora';
import { formatCount } from './logger.js';
import { colourFor } from './colour.js';

/** One pipeline's run as the live line shows it. */
interface RunState {
  readonly total: number;
  readonly startedAt: number;
  done: number;
  /** Rows written by the datasets done so far. */
  rows: number;
  readonly running: string[];
}

/**
 * A live display, shown only on a terminal: one line per pipeline running, with how many datasets
 * are done of how many, the rows written so far, the elapsed time and the datasets being built
 * now, each line cut to the terminal's width so that none wraps. Everything else is written
 * through the logger, which clears and redraws it.
 */
export class Progress {
  readonly #spinner: Ora | undefined;
  readonly #runs = new Map<string, RunState>();
  readonly #columns: () => number;
  #timer: NodeJS.Timeout | undefined;

  private constructor(spinner: Ora | undefined, columns: () => number = () => 80) {
    this.#spinner = spinner;
    this.#columns = columns;
  }

  /** Shows nothing; `columns` is the width its `text` is fitted to (what a test reads). */
  static none(columns = 80): Progress {
    return new Progress(undefined, () => columns);
  }

  /** A live display on stderr when it is a terminal (and not in CI); otherwise one that shows nothing. */
  static async forTerminal(): Promise<Progress> {
    // A terminal that reports no width (a pty nobody sized) would make the spinner's redraw loop forever.
    if (!process.stderr.isTTY || !process.stderr.columns || process.env['CI'] === 'true') return Progress.none();
    // Loaded only when shown: it is the slowest of our imports to start.
    const { default: ora } = await import('ora');
    // Read at each redraw: the terminal may be resized during a run.
    const spinner = ora({ stream: process.stderr, discardStdin: false, ...(colourFor(process.stderr) ? {} : { color: false as const }) });
    return new Progress(spinner, () => process.stderr.columns || 80);
  }

  get active(): boolean {
    return this.#spinner !== undefined;
  }

  /** A pipeline's run begins: `total` datasets to build. */
  begin(pipeline: string, total: number): void {
    this.#runs.set(pipeline, { total, startedAt: performance.now(), done: 0, rows: 0, running: [] });
  }

  /** A dataset of `pipeline` starts building. */
  started(pipeline: string, dataset: string): void {
    this.#runs.get(pipeline)?.running.push(dataset);
    this.#show();
  }

  /** A dataset of `pipeline` is built (or failed), with `rows` written. */
  finished(pipeline: string, dataset: string, rows = 0): void {
    const run = this.#runs.get(pipeline);
    if (!run) return;
    const at = run.running.indexOf(dataset);
    if (at >= 0) run.running.splice(at, 1);
    run.done++;
    run.rows += rows;
    this.#show();
  }

  /**
   * The live lines' text now, also what a test reads: one line per pipeline still running,
   * `data: 12 of 29 done, 1,234,567 rows, 3.2s; building silver.a, silver.b`, each cut with `…`
   * to fit the terminal beside the spinner (continuation lines are indented as far).
   */
  get text(): string {
    const now = performance.now();
    const width = Math.max(20, this.#columns() - SPINNER_WIDTH - 1);
    return [...this.#runs]
      .filter(([, run]) => run.done < run.total)
      .map(([pipeline, run]) => {
        const building = run.running.length ? `; building ${run.running.join(', ')}` : '';
        const line = `${pipeline}: ${run.done} of ${run.total} done, ${formatCount(run.rows)} rows, ${((now - run.startedAt) / 1000).toFixed(1)}s${building}`;
        return fitted(line, width);
      })
      .join(`\n${' '.repeat(SPINNER_WIDTH)}`);
  }

  #show(): void {
    if (!this.#spinner) return;
    if (!this.#spinner.isSpinning) this.#spinner.start(this.text);
    else this.#spinner.text = this.text;
    this.#timer ??= setInterval(() => {
      if (this.#spinner?.isSpinning) this.#spinner.text = this.text;
    }, 100).unref();
  }

  stop(): void {
    if (!this.#spinner) return;
    this.#spinner.stop();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Runs `write` with the live line out of the way. */
  around(write: () => void): void {
    if (!this.#spinner?.isSpinning) return write();
    this.#spinner.clear();
    write();
    this.#spinner.render();
  }
}

/** The spinner's frame and the space after it, before the first line. */
const SPINNER_WIDTH = 2;

/** `line` cut to `width` characters, its end replaced by `…` when cut. */
export function fitted(line: string, width: number): string {
  const chars = [...line];
  return chars.length <= width ? line : `${chars.slice(0, width - 1).join('')}…`;
}
