import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { LAYERS } from '../../model/dataset.js';
import { TEMP_NAME } from '../durable-fs.js';
import { joinPath, quarantineDir, runsDir } from '../layout.js';
import { isProcessAlive } from '../process-alive.js';
import { publishDirectory } from '../publish.js';
import { rollbacksDir, stagingRoot, writerLockPath } from '../version-layout.js';
import { isDeadOwner, type LockOwner } from '../writer-lock.js';
import { readCommitRecord, type CommitRecord } from './commit-record.js';

/** What a table format repairs of dead runs, in the order `recoverDeadRuns` asks. */
export interface FormatRecovery {
  /**
   * Finishes the commit a dead run recorded, table by table, to exactly what its record lists (a
   * step already done is skipped). Returns the datasets it could not finish, which stay at their last commit.
   */
  finishCommit(record: CommitRecord): Promise<readonly string[]>;
  /** Repairs what dead runs left inside the tables once every recorded commit is finished; one line per repair. */
  repairTables(): Promise<readonly string[]>;
}

/**
 * Puts a data dir back into a clean state after writers died at any instant, the same way for
 * every format: a run that recorded its commit is rolled forward to exactly that record (its
 * tables by the format, its quarantines here), any other run's staging goes, then dead writers'
 * temporaries, then what the format finds inside its tables. Called with the lock held, so nothing
 * it removes can belong to a live run; it never touches a published version. Returns one line per
 * repair, for the log.
 */
export async function recoverDeadRuns(dataDir: string, format: FormatRecovery): Promise<string[]> {
  const notes: string[] = [];
  const staging = stagingRoot(dataDir);
  if (existsSync(staging)) {
    for (const run of readdirSync(staging)) {
      const record = readCommitRecord(dataDir, run);
      if (record) {
        const unfinished = await format.finishCommit(record);
        for (const dataset of record.quarantines) {
          const staged = joinPath(staging, run, '_quarantine', dataset);
          if (existsSync(staged)) publishDirectory(staged, quarantineDir(dataDir, dataset), run);
        }
        notes.push(`finished publishing run ${run}, which died while making its ${record.datasets.length} datasets current`);
        if (unfinished.length) notes.push(`run ${run}: could not finish publishing ${unfinished.join(', ')} (changed since by another writer); they stay at their last version`);
      } else {
        notes.push(`removed the unfinished output of run ${run}`);
      }
      // The record goes with the run's staging, and only after everything it lists is done.
      rmSync(joinPath(staging, run), { recursive: true, force: true });
    }
    rmSync(staging, { recursive: true, force: true });
  }
  for (const dir of [runsDir(dataDir), rollbacksDir(dataDir), ...LAYERS.map((l) => joinPath(dataDir, l))]) removeDotEntries(dir);
  removeDeadTemporaries(dataDir);
  notes.push(...(await format.repairTables()));
  return notes;
}

/** In directories only the lock holder writes, every dot-entry is a dead writer's temporary. */
export function removeDotEntries(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) rmSync(joinPath(dir, name), { recursive: true, force: true });
  }
}

/**
 * The data dir's root is shared with processes that are only trying to take the lock, so only
 * the temporaries and takeover guards of dead processes go.
 */
function removeDeadTemporaries(dataDir: string): void {
  const lock = basename(writerLockPath(dataDir));
  for (const name of readdirSync(dataDir)) {
    const temp = TEMP_NAME.exec(name);
    if (temp && !isProcessAlive(Number(temp[1]))) rmSync(joinPath(dataDir, name), { force: true });
    if (name.startsWith(`${lock}.takeover-`)) {
      const path = joinPath(dataDir, name);
      try {
        const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
        if (isDeadOwner(owner)) rmSync(path, { force: true });
      } catch {
        // Unreadable or gone already: the guard's own takeover handles it.
      }
    }
  }
}
