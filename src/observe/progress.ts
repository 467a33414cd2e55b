import type { Ora } from 'ora';

/** One pipeline's run as the live line shows it. */
interface RunState {
  readonly total: number;
  readonly startedAt: number;
  done: number;
  readonly running: string[];
}

/**
 * A one-line live display, shown only on a terminal: per pipeline, how many datasets are done
 * of how many, the ones being built now, and the elapsed time. Everything else is written
 * through the logger, which clears and redraws it.
 */
export class Progress {
  readonly #spinner: Ora | undefined;
  readonly #runs = new Map<string, RunState>();
  #timer: NodeJS.Timeout | undefined;

  private constructor(spinner: Ora | undefined) {
    this.#spinner = spinner;
  }

  static none(): Progress {
    return new Progress(undefined);
  }

  /** A live display on stderr when it is a terminal (and not in CI); otherwise one that shows nothing. */
  static async forTerminal(): Promise<Progress> {
    // A terminal that reports no width (a pty nobody sized) would make the spinner's redraw loop forever.
    if (!process.stderr.isTTY || !process.stderr.columns || process.env['CI'] === 'true') return Progress.none();
    // Loaded only when shown: it is the slowest of our imports to start.
    const { default: ora } = await import('ora');
    return new Progress(ora({ stream: process.stderr, discardStdin: false }));
  }

  get active(): boolean {
    return this.#spinner !== undefined;
  }

  /** A pipeline's run begins: `total` datasets to build. */
  begin(pipeline: string, total: number): void {
    this.#runs.set(pipeline, { total, startedAt: performance.now(), done: 0, running: [] });
  }

  /** A dataset of `pipeline` starts building. */
  started(pipeline: string, dataset: string): void {
    this.#runs.get(pipeline)?.running.push(dataset);
    this.#show();
  }

  /** A dataset of `pipeline` is built (or failed). */
  finished(pipeline: string, dataset: string): void {
    const run = this.#runs.get(pipeline);
    if (!run) return;
    const at = run.running.indexOf(dataset);
    if (at >= 0) run.running.splice(at, 1);
    run.done++;
    this.#show();
  }

  /** The live line's text now, also what a test reads. */
  get text(): string {
    const now = performance.now();
    return [...this.#runs]
      .filter(([, run]) => run.done < run.total)
      .map(([pipeline, run]) => {
        const building = run.running.length ? `; building ${run.running.join(', ')}` : '';
        return `${pipeline}: ${run.done} of ${run.total} done${building} (${((now - run.startedAt) / 1000).toFixed(1)}s)`;
      })
      .join(' | ');
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
