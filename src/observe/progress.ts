import ora, { type Ora } from 'ora';

/**
 * A one-line live display of the dataset being built and the elapsed time, shown only on a
 * terminal. Everything else is written through the logger, which clears and redraws it.
 */
export class Progress {
  readonly #spinner: Ora | undefined;
  #label = '';
  #startedAt = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(enabled: boolean) {
    this.#spinner = enabled ? ora({ stream: process.stderr, discardStdin: false }) : undefined;
  }

  static forTerminal(): Progress {
    return new Progress(Boolean(process.stderr.isTTY) && process.env['CI'] !== 'true');
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
