import { readdirSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_NAME } from '../../durable-fs.js';
import { decodeDataPath } from './actions.js';
import { deltaLogDir } from './log-paths.js';
import { latestVersion, listLog, replayLog } from './replay.js';
import { isProcessAlive } from '../../process-alive.js';

export interface VacuumResult {
  /** Data files removed, relative to the table directory. */
  readonly removed: readonly string[];
  /** The oldest version still readable through time travel. */
  readonly oldestReadable: number;
}

/**
 * Removes data files that none of the last `keepVersions` versions reads: those a later commit
 * removed, and orphans a killed writer placed but never committed. The current version's files
 * are always kept. Unlike Spark's VACUUM (which counts hours), retention counts versions, as
 * `--keep` does for plain datasets. It must run under the data dir's writer lock, since a live
 * writer's files are orphans until it commits.
 */
export async function vacuum(tableDir: string, keepVersions: number): Promise<VacuumResult> {
  const latest = latestVersion(listLog(tableDir));
  if (latest === undefined) return { removed: [], oldestReadable: 0 };
  const oldest = Math.max(0, latest - Math.max(1, keepVersions) + 1);
  const referenced = new Set<string>();
  for (let v = oldest; v <= latest; v++) {
    for (const file of (await replayLog(tableDir, v)).files) referenced.add(decodeDataPath(file.path));
  }
  const removed: string[] = [];
  sweep(tableDir, '', referenced, removed);
  removeDeadTemporaries(deltaLogDir(tableDir));
  return { removed, oldestReadable: oldest };
}

function sweep(tableDir: string, prefix: string, referenced: ReadonlySet<string>, removed: string[]): void {
  for (const entry of readdirSync(join(tableDir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      sweep(tableDir, rel, referenced, removed);
      if (!readdirSync(join(tableDir, rel)).length) rmdirSync(join(tableDir, rel));
    } else if (!referenced.has(rel)) {
      rmSync(join(tableDir, rel), { force: true });
      removed.push(rel);
    }
  }
}

/** Half-written commit or checkpoint files whose writer died: never read, safe to drop. */
function removeDeadTemporaries(logDir: string): void {
  let names: string[];
  try {
    names = readdirSync(logDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid !== undefined && !isProcessAlive(Number(pid))) rmSync(join(logDir, name), { force: true });
  }
}
