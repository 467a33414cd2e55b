import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../model/errors.js';
import { decodeDataPath, type Action } from './actions.js';
import { commitExclusively } from './exclusive-commit.js';
import { assertWritable, latestVersion, listLog, replayLog } from './replay.js';
import { ENGINE_INFO, checkpointIfDue, removeAll } from './write-commit.js';

export interface DeltaRestoreResult {
  /** The new version, which reads as `restoredVersion`; undefined when it already did. */
  readonly version: number | undefined;
  readonly restoredVersion: number;
  readonly previousVersion: number;
}

/**
 * Makes the table read as it did at `version`, as Delta's RESTORE does: a new commit that re-adds
 * that version's files missing now and removes the current files it did not have. History is kept;
 * the restore is one more version. Refused, with nothing changed, when vacuum removed its files.
 */
export async function restoreVersion(tableDir: string, version: number, runId?: string): Promise<DeltaRestoreResult> {
  const latest = latestVersion(listLog(tableDir));
  if (latest === undefined) throw new UserError(`${tableDir} is not a Delta table`);
  const current = await replayLog(tableDir, latest);
  assertWritable(tableDir, current);
  const target = await replayLog(tableDir, version);
  const missing = target.files.filter((f) => !existsSync(join(tableDir, decodeDataPath(f.path))));
  if (missing.length) {
    throw new UserError(`${tableDir}: version ${version} cannot be restored, ${missing.length} of its files were removed by vacuum (e.g. ${missing[0]!.path})`);
  }
  const now = Date.now();
  const targetPaths = new Set(target.files.map((f) => f.path));
  const currentPaths = new Set(current.files.map((f) => f.path));
  const readds = target.files.filter((f) => !currentPaths.has(f.path));
  const removes = removeAll(current, now, targetPaths);
  const metadataChanged =
    target.metadata.schemaString !== current.metadata.schemaString ||
    target.metadata.partitionColumns.join(',') !== current.metadata.partitionColumns.join(',');
  if (!readds.length && !removes.length && !metadataChanged) return { version: undefined, restoredVersion: version, previousVersion: latest };

  const actions: Action[] = [
    {
      commitInfo: {
        timestamp: now,
        operation: 'RESTORE',
        operationParameters: { version: String(version), timestamp: '' },
        engineInfo: ENGINE_INFO,
        isBlindAppend: false,
        operationMetrics: { numRestoredFiles: String(readds.length), numRemovedFiles: String(removes.length) },
        ...(runId ? { medallionRunId: runId } : {}),
      },
    },
    ...(metadataChanged ? [{ metaData: { ...target.metadata, id: current.metadata.id } }] : []),
    ...removes,
    ...readds.map((add) => ({ add: { ...add, dataChange: true } })),
  ];
  const next = latest + 1;
  commitExclusively(tableDir, next, actions);
  await checkpointIfDue(tableDir, next);
  return { version: next, restoredVersion: version, previousVersion: latest };
}
