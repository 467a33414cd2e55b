import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers.js';

/**
 * The test's side of a pause point (src/storage/fault-points.ts `pausePoint`): a process started
 * with `env` waits at `point` until `resume` is called. An ordering by files, never by timing.
 */
export function pauseAt(point: string): { env: Record<string, string>; paused: () => boolean; resume: () => void } {
  const dir = tempDir('medallion-pause-');
  return {
    env: { MEDALLION_FAULTS: `${point}=pause`, MEDALLION_PAUSE_DIR: dir },
    paused: () => existsSync(join(dir, `${point.split('@')[0]}.paused`)),
    resume: () => writeFileSync(join(dir, `${point.split('@')[0]}.resume`), ''),
  };
}

/** Resolves once `paused()` is true ('paused') or `done` has settled ('exited'), whichever comes first. */
export async function pausedOrExited(paused: () => boolean, done: Promise<unknown>): Promise<'paused' | 'exited'> {
  let exited = false;
  void done.then(() => (exited = true), () => (exited = true));
  for (;;) {
    if (paused()) return 'paused';
    if (exited) return 'exited';
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
