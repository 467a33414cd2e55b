import { rmSync } from 'node:fs';
import { currentEntry } from '../../current-version.js';
import { replaceSymlink } from '../../durable-fs.js';
import { datasetDir } from '../../layout.js';
import { appendPublishEvent, readPublishLog } from '../../publish-log.js';
import { removeDotEntries, type FormatRecovery } from '../../transaction/recover-dead-runs.js';
import { datasetVersionsDir, relativeVersionTarget, versionDir } from '../../version-layout.js';
import { readVersionRecord } from '../../version-record.js';
import { switchToStaged } from './switch-to-staged.js';
import { versionDirNames, versionedDatasets } from './version-dirs.js';

/** The versioned directories' part of recovering dead runs (`transaction/recover-dead-runs.ts` drives it). */
export function versionsRecovery(dataDir: string): FormatRecovery {
  return {
    // Each switch is skipped when already done: the record's datasets all end at the run's version.
    async finishCommit(record) {
      for (const dataset of record.datasets) await switchToStaged(dataDir, record.runId, dataset, 'recover');
      return [];
    },
    async repairTables() {
      return versionedDatasets(dataDir).flatMap((dataset) => recoverDataset(dataDir, dataset));
    },
  };
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
