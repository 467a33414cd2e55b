import { Writable } from 'node:stream';

/**
 * Holds what is written until `release()`, then passes it, and everything after, to `target`.
 * Lets two pipelines run at once while the log still reads one pipeline after the other.
 */
export class DeferredStream extends Writable {
  readonly #target: NodeJS.WritableStream;
  #held: Buffer[] | undefined = [];

  constructor(target: NodeJS.WritableStream) {
    super();
    this.#target = target;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.#held) this.#held.push(chunk);
    else this.#target.write(chunk);
    done();
  }

  release(): void {
    if (!this.#held) return;
    for (const chunk of this.#held) this.#target.write(chunk);
    this.#held = undefined;
  }
}
