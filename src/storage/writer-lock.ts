import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { UserError } from '../model/errors.js';
import { tempSibling } from './durable-fs.js';
import { writerLockPath } from './version-layout.js';

/** Who holds a data dir's lock. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  /** The run (or rollback) that holds it. */
  readonly runId: string;
  readonly command: string;
  /** Unique per acquisition, so a takeover can tell one holder from the next. */
  readonly nonce: string;
  /**
   * Unique per process: a lock is the caller's own only when this matches, never by its pid (in
   * a container every run is pid 1). Absent in locks written before it was recorded.
   */
  readonly processToken?: string;
  /** When the holding process started, in clock ticks since boot (Linux), so a reused pid is told from the holder. */
  readonly processStart?: number;
}

/** This process, as no later process with the same pid can be. */
const PROCESS_TOKEN = randomBytes(8).toString('hex');
const PROCESS_START = processStartTicks(process.pid);

/** The held lock; `release()` removes it if it is still ours. */
export interface WriterLock {
  readonly owner: LockOwner;
  /** Set when the lock was taken over from a dead process. */
  readonly tookOverFrom: LockOwner | undefined;
  release(): void;
}

/**
 * Takes the one-writer lock of `dataDir`, or throws a one-line `UserError` naming the holder.
 *
 * The lock file appears complete or not at all: its content is written to a temporary file first
 * and then hard-linked to the lock's name, which fails if the name exists (as `O_EXCL` does).
 * A lock whose process is dead on this host is taken over; concurrent takeovers of the same dead
 * lock are serialised by a guard lock named after its nonce, so exactly one of them wins.
 */
export function acquireWriterLock(dataDir: string, runId: string, command: string): WriterLock {
  const path = writerLockPath(dataDir);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    runId,
    command,
    nonce: randomBytes(8).toString('hex'),
    processToken: PROCESS_TOKEN,
    ...(PROCESS_START === undefined ? {} : { processStart: PROCESS_START }),
  };
  const tookOverFrom = acquireFile(path, owner, (holder) => heldMessage(dataDir, path, holder));
  return {
    owner,
    tookOverFrom,
    release: () => releaseFile(path, owner.nonce),
  };
}

/** The current holder of `dataDir`'s lock, if any. */
export function readWriterLock(dataDir: string): LockOwner | undefined {
  return readOwner(writerLockPath(dataDir));
}

/**
 * True when `owner` is a process of this host that no longer exists. A pid alone does not say: a
 * container's every run is pid 1, and pids are reused. This process knows its own locks by their
 * process token; any other process with the owner's pid is the owner only if it started when the
 * owner did.
 */
export function isDeadOwner(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  if (owner.processToken === PROCESS_TOKEN) return false;
  // Our pid, and not our lock: its process is gone and the pid came to us.
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const started = processStartTicks(owner.pid);
  return owner.processStart !== undefined && started !== undefined && started !== owner.processStart;
}

/**
 * When process `pid` started, in clock ticks since boot: field 22 of `/proc/<pid>/stat` (after the
 * command name, which may hold spaces and parentheses). Undefined where there is no such file.
 */
export function processStartTicks(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

function heldMessage(dataDir: string, path: string, holder: LockOwner): string {
  const where = holder.hostname === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.hostname}`;
  const gone = holder.hostname === hostname() ? '' : `; if that host's process is gone, remove ${path}`;
  return `${dataDir} is in use by another medallion ${holder.command} (run ${holder.runId}, ${where}, started ${holder.startedAt}); wait for it to finish${gone}`;
}

/** Returns the dead owner taken over, if any; throws when a live process holds `path`. */
function acquireFile(path: string, owner: LockOwner, message: (holder: LockOwner) => string): LockOwner | undefined {
  const temp = tempSibling(path);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeFileSync(fd, JSON.stringify(owner) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }

    let tookOverFrom: LockOwner | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        linkSync(temp, path);
        return tookOverFrom;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readOwner(path);
      if (!holder) continue; // released between our link and our read
      if (!isDeadOwner(holder)) throw new UserError(message(holder));
      // The guard is a lock of its own, so a takeover that dies half-way is itself taken over.
      const guard = `${path}.takeover-${holder.nonce}`;
      acquireFile(guard, owner, (other) => message(other));
      try {
        if (readOwner(path)?.nonce === holder.nonce) rmSync(path, { force: true });
        tookOverFrom = holder;
      } finally {
        releaseFile(guard, owner.nonce);
      }
    }
    throw new UserError(`could not take the lock ${path}: it keeps changing hands; try again`);
  } finally {
    rmSync(temp, { force: true });
  }
}

function releaseFile(path: string, nonce: string): void {
  if (readOwner(path)?.nonce !== nonce) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function readOwner(path: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as LockOwner;
  } catch {
    throw new UserError(`the lock file ${path} is not readable JSON; if no medallion run is using this data dir, remove it`);
  }
}
