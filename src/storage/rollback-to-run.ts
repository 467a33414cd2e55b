import { UserError } from '../model/errors.js';
import { newRunId } from '../model/manifest.js';
import type { DatasetStore } from './dataset-store.js';
import { makeDirectoryDurably, writeFileDurably } from './durable-fs.js';
import { joinPath } from './layout.js';
import { rollbacksDir } from './version-layout.js';
import { listRunIds, readManifest } from './manifests.js';
import { asDiskFull } from './disk-full.js';

/** What a rollback changed, as recorded in `<data-dir>/_rollbacks/<id>.json`. */
export interface RollbackRecord {
  readonly rollbackId: string;
  readonly at: string;
  /** The run whose versions were made current again. */
  readonly toRun: string;
  readonly changed: ReadonlyArray<{ readonly dataset: string; readonly from: string | undefined; readonly to: string }>;
  /** Datasets that already had that run's version current. */
  readonly alreadyCurrent: readonly string[];
  /** Datasets that keep no version from that run (it did not build them, or they were pruned): left as they are. */
  readonly untouched: readonly string[];
}

/**
 * Makes every kept version of `runId` among `datasets` current again, each dataset atomically,
 * under the writer lock (so never in the middle of a run), and records what changed.
 * Across datasets it is not atomic: a reader may see some rolled back before others.
 */
export async function rollbackToRun(store: DatasetStore, datasets: readonly string[], runId: string): Promise<RollbackRecord> {
  const kept = new Map<string, string[]>();
  for (const dataset of datasets) kept.set(dataset, (await store.versions(dataset)).map((v) => v.versionId));
  const targets = datasets.filter((d) => kept.get(d)!.includes(runId));
  if (!targets.length) {
    const runs = [...new Set([...kept.values()].flat())].sort().reverse();
    const known = runs.length ? `runs that can be rolled back to: ${runs.join(', ')}` : 'no dataset has been built there yet';
    throw new UserError(`${whyNotKept(store.dataDir, runId)}: ${known}`);
  }
  const rollbackId = newRunId(new Date());
  const session = await store.beginWrite(rollbackId, 'rollback');
  try {
    const changed: Array<RollbackRecord['changed'][number]> = [];
    const alreadyCurrent: string[] = [];
    for (const dataset of targets) {
      let from: string | undefined;
      try {
        from = await session.restore(dataset, runId);
      } catch (error) {
        // Each dataset's restore is atomic: the message says which ones went back before the disk
        // filled, this one too when it switched and only its log entry did not fit.
        const done = changed.map((c) => c.dataset);
        if ((await store.currentVersion(dataset).catch(() => undefined)) === runId) done.push(dataset);
        const rest = targets.slice(targets.indexOf(dataset) + (done.includes(dataset) ? 1 : 0));
        throw asDiskFull(error, store.currentPath(dataset), done.length ? `${done.join(', ')} rolled back, the other ${rest.length} unchanged (roll back again once there is room)` : 'nothing was rolled back, every current version is intact');
      }
      if (from === runId) alreadyCurrent.push(dataset);
      else changed.push({ dataset, from, to: runId });
    }
    const record: RollbackRecord = {
      rollbackId,
      at: new Date().toISOString(),
      toRun: runId,
      changed,
      alreadyCurrent,
      untouched: datasets.filter((d) => !targets.includes(d)),
    };
    const path = joinPath(rollbacksDir(store.dataDir), `${rollbackId}.json`);
    try {
      makeDirectoryDurably(rollbacksDir(store.dataDir));
      writeFileDurably(path, JSON.stringify(record, null, 2) + '\n');
    } catch (error) {
      throw asDiskFull(error, path, 'the rollback is done, only its record is missing');
    }
    return record;
  } finally {
    await session.end();
  }
}

/** Why a run has no version to go back to: it never ran here, it published nothing, or its versions were pruned. */
function whyNotKept(dataDir: string, runId: string): string {
  if (!listRunIds(dataDir).includes(runId)) return `unknown run id '${runId}' in ${dataDir}`;
  const { outcome } = readManifest(dataDir, runId);
  if (outcome !== 'succeeded') return `run ${runId} ${outcome === 'interrupted' ? 'was interrupted' : 'failed'} and published nothing to roll back to`;
  return `the versions of run ${runId} were pruned (each dataset keeps its last --keep versions, 5 by default)`;
}
