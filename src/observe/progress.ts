import type { Ora } from 'ora';

/**
 * A one-line live display of the dataset being built and the elapsed time, shown only on a
 * terminal. Everything else is written through the logger, which clears and redraws it.
 */
export class Progress {
  readonly #spinner: Ora | undefined;
  #label = '';
  #startedAt = 0;
  #timer: NodeJS.Timeout | undefined;

  private constructor(spinner: Ora | undefined) {
    this.#spinner = spinner;
  }

  static none(): Progress {
    return new Progress(undefined);
  }

  /** A live display on stderr when it is a terminal (and not in CI); otherwise one that shows nothing. */
  static async forTerminal(): Promise<Progress> {
    if (!process.stderr.isTTY || process.env['CI'] === 'true') return Progress.none();
    // Loaded only when shown: it is the slowest of our imports to start.
    const { default: ora } = await import('ora');
    return new Progress(ora({ stream: process.stderr, discardStdin: false }));
  }

  get active(): boolean {
    return this.#spinner !== undefined;
  }

  start(label: string): void {
    if (!this.#spinner) return;
    this.#label = label;
    this.#startedAt = performance.now();
    this.#spinner.start(this.#text());
    this.#timer ??= setInterval(() => {
      if (this.#spinner?.isSpinning) this.#spinner.text = this.#text();
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

  #text(): string {
    return `${this.#label} (${((performance.now() - this.#startedAt) / 1000).toFixed(1)}s)`;
  }
}
