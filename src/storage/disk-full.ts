import { EngineError } from '../model/errors.js';

/**
 * A write that failed because the file system is full (or the user's quota is spent), said in one
 * line with the file that did not fit and what became of the data. Not a bug: the CLI prints it
 * without a stack and exits 1.
 */
export class DiskFullError extends EngineError {
  override readonly name = 'DiskFullError';
  constructor(
    readonly path: string,
    /** What the user's data is now, after the failed write. */
    outcome = 'nothing was published, the previous version is intact',
  ) {
    super(`no space left on device writing ${path}; ${outcome}`);
  }
}

/** True for a file system's ENOSPC or EDQUOT, from Node's fs or in an engine's message. */
export function isDiskFull(error: unknown): boolean {
  if (error instanceof DiskFullError) return true;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  return error instanceof Error && /No space left on device|Disk quota exceeded/i.test(error.message);
}

/**
 * The file a full disk refused: Node names it in `path`, DuckDB in its message (`Could not write
 * file "<path>"`); otherwise `fallback`, the file the caller was writing.
 */
export function diskFullPath(error: unknown, fallback: string): string {
  if (error instanceof DiskFullError) return error.path;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (typeof path === 'string' && path) return path;
  const named = error instanceof Error ? /(?:write|create|open) file "([^"]+)"/i.exec(error.message)?.[1] : undefined;
  return named ?? fallback;
}

/** `error` as a `DiskFullError` when it is one in effect; any other error unchanged. */
export function asDiskFull(error: unknown, fallback: string, outcome?: string): unknown {
  if (error instanceof DiskFullError || !isDiskFull(error)) return error;
  return new DiskFullError(diskFullPath(error, fallback), outcome);
}
