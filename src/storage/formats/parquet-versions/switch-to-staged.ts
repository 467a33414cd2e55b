import { existsSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { currentEntry } from '../../current-version.js';
import { fsyncFile, makeDirectoryDurably, renameDurably, replaceSymlinkAsync, writeFileDurably } from '../../durable-fs.js';
import { faultPoint } from '../../fault-points.js';
import { datasetDir, joinPath, stagingDir } from '../../layout.js';
import { appendPublishEvent, appendPublishEventAsync, readPublishLog } from '../../publish-log.js';
import { datasetVersionsDir, relativeVersionTarget, VERSION_RECORD, versionDir } from '../../version-layout.js';
import { checksumOf, dataFiles, type VersionRecord } from '../../version-record.js';

/**
 * Makes run `runId`'s staged version of `dataset` current: one rename makes it a version, one
 * rename of a symlink switches readers to it, and the publish log records it. Each step is
 * skipped when already done, so recovery can finish a switch a crash interrupted.
 */
export async function switchToStaged(dataDir: string, runId: string, dataset: string, action: 'publish' | 'recover' = 'publish'): Promise<void> {
  const staged = stagingDir(dataDir, runId, dataset);
  const target = versionDir(dataDir, dataset, runId);
  const previous = currentEntry(dataDir, dataset);
  if (!existsSync(target)) {
    makeDirectoryDurably(datasetVersionsDir(dataDir, dataset));
    renameSync(staged, target);
    await fsyncFile(dirname(target));
  }
  faultPoint('publish.versioned', dataset);
  // A plain directory from before versioning becomes a version of its own first.
  if (previous.kind === 'legacy') await adoptLegacy(dataDir, dataset);
  if (previous.kind !== 'version' || previous.versionId !== runId) {
    const link = datasetDir(dataDir, dataset);
    makeDirectoryDurably(dirname(link));
    await replaceSymlinkAsync(link, relativeVersionTarget(dataset, runId));
  }
  faultPoint('publish.switched', dataset);
  if (!readPublishLog(dataDir, dataset).some((e) => e.versionId === runId)) {
    await appendPublishEventAsync(dataDir, dataset, { versionId: runId, at: new Date().toISOString(), action, by: runId });
  }
  faultPoint('publish.logged', dataset);
}

/**
 * Moves a pre-versioning `<layer>/<dataset>` directory into `_versions` as `legacy-<mtime>`,
 * logged as published. Readers see no dataset only between this move and the switch that
 * follows; a crash there is repaired by the next run, which relinks the last logged version.
 */
async function adoptLegacy(dataDir: string, dataset: string): Promise<void> {
  const dir = datasetDir(dataDir, dataset);
  const stamp = statSync(dir).mtime.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const versionId = `legacy-${stamp}`;
  const files = dataFiles(dir);
  const record: VersionRecord = {
    dataset,
    versionId,
    createdAt: statSync(dir).mtime.toISOString(),
    rows: null,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    columns: [],
    files,
    checksum: await checksumOf(dir, files),
    legacy: true,
  };
  writeFileDurably(joinPath(dir, VERSION_RECORD), JSON.stringify(record, null, 1) + '\n');
  // Logged before it moves, so that no instant has it unlinked and unlogged (which recovery would remove).
  appendPublishEvent(dataDir, dataset, { versionId, at: record.createdAt, action: 'publish', by: 'before-versioning' });
  renameDurably(dir, versionDir(dataDir, dataset, versionId));
}
