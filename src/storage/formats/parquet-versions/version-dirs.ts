import { existsSync, readdirSync } from 'node:fs';
import { currentVersionId } from '../../current-version.js';
import { readPublishLog } from '../../publish-log.js';
import { datasetVersionsDir, versionDir, versionsRoot } from '../../version-layout.js';
import { readVersionRecord, type VersionRecord } from '../../version-record.js';
import { joinPath } from '../../layout.js';
import { LAYERS } from '../../../model/dataset.js';

/** Names of the version directories of a dataset, published or not (temporary and `_` entries excluded). */
export function versionDirNames(dataDir: string, dataset: string): string[] {
  const dir = datasetVersionsDir(dataDir, dataset);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name);
}

/** Published versions (current, or in the publish log) that are still kept, newest first. */
export function publishedVersions(dataDir: string, dataset: string): VersionRecord[] {
  const current = currentVersionId(dataDir, dataset);
  const logged = new Set(readPublishLog(dataDir, dataset).map((e) => e.versionId));
  return versionDirNames(dataDir, dataset)
    .filter((id) => id === current || logged.has(id))
    .map((id) => readVersionRecord(versionDir(dataDir, dataset, id)))
    .filter((r): r is VersionRecord => r !== undefined)
    .sort(newestFirst);
}

export function newestFirst(a: VersionRecord, b: VersionRecord): number {
  return a.createdAt === b.createdAt ? (a.versionId < b.versionId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;
}

/** Every dataset that has a versions directory, as `<layer>.<name>`. */
export function versionedDatasets(dataDir: string): string[] {
  const names: string[] = [];
  for (const layer of LAYERS) {
    const dir = joinPath(versionsRoot(dataDir), layer);
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_')) names.push(`${layer}.${e.name}`);
    }
  }
  return names;
}
