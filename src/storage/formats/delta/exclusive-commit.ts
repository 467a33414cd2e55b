import { closeSync, fsyncSync, linkSync, openSync, rmSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { fsyncPath, makeDirectoryDurably, tempSibling } from '../../durable-fs.js';
import { faultPoint } from '../../fault-points.js';
import { serializeActions, type Action } from './actions.js';
import { commitPath, deltaLogDir } from './log-paths.js';

/** Another writer committed this version first; nothing of this commit became visible. */
export class DeltaConflictError extends Error {
  override readonly name = 'DeltaConflictError';
  constructor(
    readonly tableDir: string,
    readonly version: number,
  ) {
    super(`${tableDir}: version ${version} was committed by another writer first; this commit was not made (re-read the table and retry)`);
  }
}

/**
 * Writes commit `version` so that it appears whole or not at all, and only if no other writer made
 * that version: the actions go to a flushed temporary file that link(2) puts in place, and link
 * fails with EEXIST instead of replacing. A rename would silently overwrite a rival's commit.
 */
export function commitExclusively(tableDir: string, version: number, actions: readonly Action[]): void {
  makeDirectoryDurably(deltaLogDir(tableDir));
  const target = commitPath(tableDir, version);
  const temp = tempSibling(target);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, serializeActions(actions));
      faultPoint('delta.commit.written', basename(tableDir));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    faultPoint('delta.commit.flushed', basename(tableDir));
    try {
      linkSync(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DeltaConflictError(tableDir, version);
      throw error;
    }
    faultPoint('delta.commit.linked', basename(tableDir));
  } finally {
    rmSync(temp, { force: true });
  }
  fsyncPath(deltaLogDir(tableDir));
}
