import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { LAYERS } from '../model/dataset.js';
import { currentEntry } from './current-version.js';
import { replaceSymlink, TEMP_NAME } from './durable-fs.js';
import { appendPublishEvent, readPublishLog } from './publish-log.js';
import { datasetDir, joinPath, quarantineDir, runsDir } from './layout.js';
import { publishDirectory } from './publish.js';
import { readCommitRecord } from './transaction/commit-record.js';
import { switchToStaged } from './formats/parquet-versions/switch-to-staged.js';
import { datasetVersionsDir, relativeVersionTarget, rollbacksDir, stagingRoot, versionDir, writerLockPath } from './version-layout.js';
import { readVersionRecord } from './version-record.js';
import { versionDirNames, versionedDatasets } from './formats/parquet-versions/version-dirs.js';
import { isDeadOwner, type LockOwner } from './writer-lock.js';
import { isProcessAlive } from './process-alive.js';

/**
 * Puts a data dir back into a clean state after a writer died at any instant. Called with the
 * lock held, so nothing it removes can belong to a live run. Never touches a published version.
 * Returns one line per repair, for the log.
 */
export async function recoverDataDir(dataDir: string): Promise<string[]> {
  const notes: string[] = [];
  const staging = stagingRoot(dataDir);
  if (existsSync(staging)) {
    for (const run of readdirSync(staging)) {
      const commit = readCommitRecord(dataDir, run);
      if (commit) {
        // The run had decided to publish: finish its switches, so that no mix of runs stays.
        for (const dataset of commit.datasets) await switchToStaged(dataDir, run, dataset, 'recover');
        for (const dataset of commit.quarantines) {
          const staged = joinPath(staging, run, '_quarantine', dataset);
          if (existsSync(staged)) publishDirectory(staged, quarantineDir(dataDir, dataset), run);
        }
        notes.push(`finished publishing run ${run}, which died while making its ${commit.datasets.length} datasets current`);
      } else {
        notes.push(`removed the unfinished output of run ${run}`);
      }
      rmSync(joinPath(staging, run), { recursive: true, force: true });
    }
    rmSync(staging, { recursive: true, force: true });
  }
  for (const dir of [runsDir(dataDir), rollbacksDir(dataDir), ...LAYERS.map((l) => joinPath(dataDir, l))]) {
    removeDotEntries(dir);
  }
  removeDeadTemporaries(dataDir);
  for (const dataset of versionedDatasets(dataDir)) notes.push(...recoverDataset(dataDir, dataset));
  return notes;
}

/** Repairs one dataset: leftovers removed, the current version linked and logged, unpublished versions dropped. */
function recoverDataset(dataDir: string, dataset: string): string[] {
  const notes: string[] = [];
  removeDotEntries(datasetVersionsDir(dataDir, dataset));
  const log = readPublishLog(dataDir, dataset);
  const kept = (id: string) => readVersionRecord(versionDir(dataDir, dataset, id)) !== undefined;
  let entry = currentEntry(dataDir, dataset);
  const dangling = entry.kind === 'version' && !kept(entry.versionId);
  if (entry.kind === 'none' || dangling) {
    // Only a crash while adopting a pre-versioning directory leaves a dataset unlinked.
    const last = [...log].reverse().find((e) => kept(e.versionId));
    if (last) {
      replaceSymlink(datasetDir(dataDir, dataset), relativeVersionTarget(dataset, last.versionId));
      notes.push(`${dataset}: relinked to its last published version ${last.versionId}`);
      entry = { kind: 'version', versionId: last.versionId };
    }
  }
  const current = entry.kind === 'version' ? entry.versionId : undefined;
  const logged = new Set(log.map((e) => e.versionId));
  if (current && !logged.has(current)) {
    // Its run died after switching to it and before logging it: it was published, so record it.
    appendPublishEvent(dataDir, dataset, { versionId: current, at: new Date().toISOString(), action: 'recover', by: current });
    logged.add(current);
    notes.push(`${dataset}: recorded version ${current}, made current by a run that died before recording it`);
  }
  for (const id of versionDirNames(dataDir, dataset)) {
    if (id === current || logged.has(id)) continue;
    rmSync(versionDir(dataDir, dataset, id), { recursive: true, force: true });
    notes.push(`${dataset}: removed version ${id}, never published (its run died before switching to it)`);
  }
  return notes;
}

/** In directories only the lock holder writes, every dot-entry is a dead writer's temporary. */
function removeDotEntries(dir: string): void {
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
