/**
 * Tells the log of datasets that build at once in the order of the medallion: a dataset starts as
 * soon as the datasets it reads are written, so a silver dataset may build while a bronze one is
 * still being checked, but its lines (and its layer's header) are told only after every dataset of
 * the layers before it, and after the datasets it reads. Until then they are held. A dataset
 * downstream of one that failed is never told: it counts as not built.
 */
export class LayerOrderedLog {
  readonly #order: ReadonlyArray<{ readonly name: string; readonly layer: number; readonly inputs: readonly string[] }>;
  readonly #header: (layer: number) => void;
  readonly #held = new Map<string, Array<() => void>>();
  readonly #released = new Set<string>();
  readonly #finished = new Map<string, boolean>();
  readonly #headed = new Set<number>();

  /** `steps` in build order, each with the index of its layer; `header` tells a layer's title. */
  constructor(steps: ReadonlyArray<{ readonly name: string; readonly layer: number; readonly inputs: readonly string[] }>, header: (layer: number) => void) {
    const inGraph = new Set(steps.map((s) => s.name));
    this.#order = [...steps].map((s) => ({ ...s, inputs: s.inputs.filter((i) => inGraph.has(i)) })).sort((a, b) => a.layer - b.layer);
    this.#header = header;
  }

  /** Tells `line` of `dataset` now, or once the datasets before it are told. */
  tell(dataset: string, line: () => void): void {
    if (this.#released.has(dataset)) line();
    else this.#held.set(dataset, [...(this.#held.get(dataset) ?? []), line]);
    this.#pump();
  }

  /** `dataset` is done (its last line told): those after it may be told. */
  done(dataset: string, ok: boolean): void {
    this.#finished.set(dataset, ok);
    this.#pump();
  }

  /** Whether a dataset reads, directly or not, one that failed. */
  downstreamOfFailure(dataset: string): boolean {
    const step = this.#order.find((s) => s.name === dataset);
    return (step?.inputs ?? []).some((input) => this.#finished.get(input) === false || this.downstreamOfFailure(input));
  }

  /** At the end of a run: tells what is held of the datasets that finished, in order, skipping those that never did. */
  flush(): void {
    for (const step of this.#order) {
      if (this.#released.has(step.name) || !this.#finished.has(step.name) || this.downstreamOfFailure(step.name)) continue;
      this.#release(step);
    }
  }

  #pump(): void {
    for (const step of this.#order) {
      if (this.#released.has(step.name)) continue;
      const before = this.#order.filter((s) => s.layer < step.layer);
      const told = (name: string) => this.#released.has(name) && this.#finished.has(name);
      if (!before.every((s) => told(s.name)) || !step.inputs.every(told) || this.downstreamOfFailure(step.name)) continue;
      this.#release(step);
    }
  }

  #release(step: { readonly name: string; readonly layer: number }): void {
    this.#released.add(step.name);
    if (!this.#headed.has(step.layer)) {
      this.#headed.add(step.layer);
      this.#header(step.layer);
    }
    for (const line of this.#held.get(step.name) ?? []) line();
    this.#held.delete(step.name);
  }
}
