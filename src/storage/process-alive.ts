/**
 * Whether a process with `pid` runs on this machine, for removing what a dead process left (a
 * temporary file named after its pid). Any answer but "no such process" counts as alive: a file
 * is left rather than taken from a process that may still write it.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
