import { constants } from 'node:os';
import { RunInterruptedError } from '../run/run-interrupted.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** What a run listens to while it runs: the first SIGINT or SIGTERM, and the exit code that signal means. */
export interface StopSignals {
  readonly signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM (128 + the signal's number, as shells report it); undefined when none came. */
  readonly exitCode: number | undefined;
  dispose(): void;
}

/**
 * The first SIGINT or SIGTERM asks the run to stop cleanly (remove its staging, record the
 * manifest, release the lock); a second one exits at once, as users expect of a second Ctrl-C.
 */
export function listenForStopSignals(): StopSignals {
  const controller = new AbortController();
  let exitCode: number | undefined;
  const onSignal = (name: (typeof SIGNALS)[number]) => {
    const code = 128 + constants.signals[name];
    if (controller.signal.aborted) process.exit(exitCode ?? code);
    exitCode = code;
    process.stderr.write(`medallion: ${name} received: stopping the run and removing its staging (again to exit at once)\n`);
    controller.abort(new RunInterruptedError(name));
  };
  const handlers = SIGNALS.map((name) => [name, () => onSignal(name)] as const);
  for (const [name, handler] of handlers) process.on(name, handler);
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
