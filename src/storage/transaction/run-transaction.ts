import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { makeDirectoryDurably, writeFileDurably } from '../durable-fs.js';
import { faultPoint, pausePoint } from '../fault-points.js';
import { joinPath } from '../layout.js';
import { markComplete, publishDirectory } from '../publish.js';
import { commitRecordPath, type CommitRecord } from './commit-record.js';
import { stagingRoot, writerLockPath } from '../version-layout.js';
import { acquireWriterLock, type WriterLock } from '../writer-lock.js';
import { asDiskFull } from '../disk-full.js';
import { recoverDeadRuns, type FormatRecovery } from './recover-dead-runs.js';

/**
 * The steps of a run's transaction that are the same for every table format: the one-writer lock
 * and the recovery of dead runs at the start, the commit record before anything becomes visible,
 * the quarantines published with the run, and the staging area removed at the end. A format's
 * store supplies what differs: how it finishes a recorded commit and repairs its tables
 * (`FormatRecovery`), and how it makes a table's version current (`FormatTables`).
 */

/** Takes the lock for `runId`, then repairs what dead runs left, the format doing its tables' part; the lock is released if that fails. */
export async function beginTransaction(dataDir: string, runId: string, command: 'run' | 'rollback', recovery: FormatRecovery): Promise<{ notices: string[]; release: () => void }> {
  let lock: WriterLock;
  try {
    makeDirectoryDurably(dataDir);
    lock = acquireWriterLock(dataDir, runId, command);
  } catch (error) {
    // A full disk refuses the lock file itself: nothing has been touched yet.
    throw asDiskFull(error, writerLockPath(dataDir));
  }
  try {
    const notices: string[] = [];
    if (lock.tookOverFrom) {
      const dead = lock.tookOverFrom;
      notices.push(`took over the lock of ${dead.command} ${dead.runId} (pid ${dead.pid}, started ${dead.startedAt}), which is no longer running`);
    }
    faultPoint('begin.locked');
    // A test holds the lock here while other runs try to take it.
    await pausePoint('begin.locked');
    notices.push(...(await recoverDeadRuns(dataDir, recovery)));
    faultPoint('begin.recovered');
    return { notices, release: () => lock.release() };
  } catch (error) {
    lock.release();
    // Recovery only finishes or undoes what dead runs left: a full disk stops it with every published version as it was.
    throw asDiskFull(error, dataDir);
  }
}

/**
 * Commits a run: its record is written and flushed first (from then on the run is published, and
 * the next writer's recovery finishes what it lists), then `makeCurrent` makes each dataset's
 * version current, then the quarantines follow, and the record goes.
 */
export async function commitTransaction(dataDir: string, record: CommitRecord, makeCurrent: () => Promise<void>, quarantineStaged: (dataset: string) => string, quarantine: (dataset: string) => string): Promise<void> {
  mkdirSync(joinPath(stagingRoot(dataDir), record.runId), { recursive: true });
  writeFileDurably(commitRecordPath(dataDir, record.runId), JSON.stringify(record) + '\n');
  faultPoint('commit.recorded');
  try {
    await makeCurrent();
    for (const dataset of record.quarantines) publishDirectory(quarantineStaged(dataset), quarantine(dataset), record.runId);
  } catch (error) {
    // The record stays, and with it what it lists: the next writer's recovery finishes the commit.
    throw asDiskFull(error, dataDir, "the run's commit is recorded, and the next run or rollback finishes publishing it");
  }
  rmSync(commitRecordPath(dataDir, record.runId), { force: true });
  faultPoint('commit.done');
}

/** Makes the rows staged at `staged` a dataset's current quarantine at once (a `fail`'s rows, kept for inspection). */
export function publishQuarantineNow(staged: string, target: string, runId: string): void {
  markComplete(staged);
  publishDirectory(staged, target, runId);
}

/**
 * Removes what run `runId` staged outside the tables (its quarantines), unless the run recorded its
 * commit: then what it staged is what the next writer's recovery publishes, and it all stays.
 * Returns false when it stayed.
 */
export function discardRunStaging(dataDir: string, runId: string): boolean {
  if (existsSync(commitRecordPath(dataDir, runId))) return false;
  rmSync(joinPath(stagingRoot(dataDir), runId), { recursive: true, force: true });
  return true;
}

/**
 * The staging area's end with the transaction: it goes, unless run `runId` recorded a commit it
 * could not finish (a full disk part-way), which stays for the next writer's recovery.
 */
export function removeStagingArea(dataDir: string, runId: string): void {
  if (existsSync(commitRecordPath(dataDir, runId))) return;
  rmSync(stagingRoot(dataDir), { recursive: true, force: true });
}
