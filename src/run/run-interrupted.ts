/**
 * A run stopped by a signal (Ctrl-C, `kill`): not a failure of the pipeline. The run publishes
 * nothing, records outcome `interrupted`, and the CLI exits with 128 + the signal's number.
 */
export class RunInterruptedError extends Error {
  override readonly name = 'RunInterruptedError';
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
  }
}

/** The signal that stopped a run, when `signal` was aborted with a `RunInterruptedError`. */
export function interruptionOf(signal: AbortSignal | undefined): RunInterruptedError | undefined {
  if (!signal?.aborted) return undefined;
  return signal.reason instanceof RunInterruptedError ? signal.reason : new RunInterruptedError('abort');
}
