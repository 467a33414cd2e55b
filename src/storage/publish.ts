import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { replaceSymlink } from './durable-fs.js';
import { SUCCESS_MARKER } from './layout.js';

/** Marks a completely written dataset directory, as Spark does. */
export function markComplete(dir: string): void {
  writeFileSync(join(dir, SUCCESS_MARKER), '');
}

export function isComplete(dir: string): boolean {
  return existsSync(join(dir, SUCCESS_MARKER));
}

/**
 * Makes a staged directory the one readers find at `target`, atomically: it moves under
 * `<parent>/_versions/<name>/<id>` and `target` becomes a symlink to it, switched with one rename,
 * so a reader (or a kill at any instant) sees the previous directory or the new one, whole.
 * The previous ones are removed once the switch is done.
 */
export function publishDirectory(staged: string, target: string, id: string): void {
  const versions = join(dirname(target), '_versions', basename(target));
  mkdirSync(versions, { recursive: true });
  const dest = join(versions, id);
  rmSync(dest, { recursive: true, force: true });
  renameSync(staged, dest);
  // A plain directory from before versioning cannot be renamed over; it is this dataset's old record.
  if (existsSync(target) && !lstatSync(target).isSymbolicLink()) rmSync(target, { recursive: true, force: true });
  replaceSymlink(target, relative(dirname(target), dest));
  for (const old of readdirSync(versions)) if (old !== id) rmSync(join(versions, old), { recursive: true, force: true });
}

export function removeDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
