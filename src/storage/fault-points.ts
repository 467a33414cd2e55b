/**
 * Named instants in the publish protocol where a test can make this process die (SIGKILL) or fail
 * as a full disk would, to prove that every instant is safe. Off unless `MEDALLION_FAULTS` is set:
 * `point[@subject]=kill|enospc[,…]`, e.g. `publish.after-switch@silver.transactions_clean=kill`.
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
    .filter(Boolean)
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
