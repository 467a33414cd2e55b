import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SUCCESS_MARKER } from './layout.js';

/** Marks a completely written dataset directory, as Spark does. */
export function markComplete(dir: string): void {
  writeFileSync(join(dir, SUCCESS_MARKER), '');
}

export function isComplete(dir: string): boolean {
  return existsSync(join(dir, SUCCESS_MARKER));
}

/** Total size of the files directly inside `dir`. */
export function directoryBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

/**
 * Moves a complete staged dataset into place. The old version is moved aside first and
 * removed only once the new one is in place.
 */
export function publishDirectory(staged: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const aside = `${staged}.previous`;
  const hadPrevious = existsSync(target);
  if (hadPrevious) renameSync(target, aside);
  renameSync(staged, target);
  if (hadPrevious) rmSync(aside, { recursive: true, force: true });
}

export function removeDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
