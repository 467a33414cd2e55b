import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Named instants in the publish protocol where a test can make this process die (SIGKILL) or fail
 * as a full disk would, to prove that every instant is safe. Off unless `MEDALLION_FAULTS` is set:
 * `point[@subject]=kill|enospc|pause[,…]`, e.g. `publish.after-switch@silver.transactions_clean=kill`
 * (`pause`: see `pausePoint`).
 */
type FaultAction = 'kill' | 'enospc';

interface Fault {
  readonly point: string;
  readonly subject: string | undefined;
  readonly action: FaultAction;
}

let faults: readonly Fault[] | undefined;

function configuredFaults(): readonly Fault[] {
  faults ??= (process.env['MEDALLION_FAULTS'] ?? '')
    .split(',')
    .filter((spec) => spec && !spec.endsWith('=pause'))
    .map((spec) => {
      const [where = '', action = 'kill'] = spec.split('=');
      const [point = '', subject] = where.split('@');
      if (action !== 'kill' && action !== 'enospc') throw new Error(`MEDALLION_FAULTS: unknown action '${action}' in '${spec}'`);
      return { point, subject, action };
    });
  return faults;
}

/** Dies or throws here when a test asked for it; does nothing otherwise. */
export function faultPoint(point: string, subject?: string): void {
  const list = configuredFaults();
  if (!list.length) return;
  const fault = list.find((f) => f.point === point && (f.subject === undefined || f.subject === subject));
  if (!fault) return;
  if (fault.action === 'kill') process.kill(process.pid, 'SIGKILL');
  const error = new Error(`ENOSPC: no space left on device, write (injected at ${point})`) as NodeJS.ErrnoException;
  error.code = 'ENOSPC';
  throw error;
}

/**
 * Waits here when a test asked for it (`point[@subject]=pause` in `MEDALLION_FAULTS`), so that it
 * can change the world at an exact instant of a run: the process creates `<point>.paused` in
 * `MEDALLION_PAUSE_DIR` and goes on once the test has created `<point>.resume` there. An ordering
 * by files, not by timing. Does nothing otherwise.
 */
export async function pausePoint(point: string, subject?: string): Promise<void> {
  const list = configuredPauses();
  if (!list.some((p) => p.point === point && (p.subject === undefined || p.subject === subject))) return;
  const dir = process.env['MEDALLION_PAUSE_DIR'];
  if (!dir) throw new Error(`MEDALLION_FAULTS pauses at ${point}, but MEDALLION_PAUSE_DIR is not set`);
  writeFileSync(join(dir, `${point}.paused`), '');
  while (!existsSync(join(dir, `${point}.resume`))) await new Promise((resolve) => setTimeout(resolve, 10));
}

let pauses: ReadonlyArray<{ readonly point: string; readonly subject: string | undefined }> | undefined;

function configuredPauses(): NonNullable<typeof pauses> {
  pauses ??= (process.env['MEDALLION_FAULTS'] ?? '')
    .split(',')
    .filter((spec) => spec.endsWith('=pause'))
    .map((spec) => {
      const [point = '', subject] = spec.slice(0, -'=pause'.length).split('@');
      return { point, subject };
    });
  return pauses;
}
