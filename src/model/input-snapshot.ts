import { statSync, type BigIntStats } from 'node:fs';
import { InputError } from './errors.js';

/**
 * What an input file was when a run first looked at it. A run reads a file several times (its
 * header, a gzip check, the engine's count and write passes); each pass must see the same bytes,
 * or `rowsIn = rows + filtered + dropped + quarantined` no longer holds. A file appended to, cut,
 * rewritten or replaced (a rotated log) changes its size, its modification time or its inode.
 */
export interface FileState {
  readonly path: string;
  readonly device: bigint;
  readonly inode: bigint;
  readonly size: bigint;
  /** Nanoseconds since the epoch. */
  readonly modified: bigint;
}

function stateOf(path: string, stats: BigIntStats): FileState {
  return { path, device: stats.dev, inode: stats.ino, size: stats.size, modified: stats.mtimeNs };
}

/** The state of each file, in order. */
export function snapshotFiles(paths: readonly string[]): FileState[] {
  return paths.map((path) => stateOf(path, statSync(path, { bigint: true })));
}

/** How `now` differs from `then`, in words; undefined when it is the same file as it was. */
function change(then: FileState, now: FileState | undefined): string | undefined {
  if (!now) return 'it was removed';
  if (now.device !== then.device || now.inode !== then.inode) return 'it was replaced by another file';
  if (now.size !== then.size) return `it was ${then.size.toLocaleString('en-US')} bytes and is ${now.size.toLocaleString('en-US')} now`;
  if (now.modified !== then.modified) return 'it was rewritten';
  return undefined;
}

/**
 * Fails unless every file is as `snapshot` found it: a file that changed while a run read it was
 * read inconsistently, and the run must not publish what it made of it.
 */
export function assertFilesUnchanged(flag: string, snapshot: readonly FileState[]): void {
  for (const then of snapshot) {
    let now: FileState | undefined;
    try {
      now = stateOf(then.path, statSync(then.path, { bigint: true }));
    } catch {
      now = undefined;
    }
    const how = change(then, now);
    if (how) {
      throw new InputError(`${flag}: input changed while being read: '${then.path}' (${how}); nothing was published: run again once the file is complete`);
    }
  }
}
