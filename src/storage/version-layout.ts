import { layerOf, shortName } from '../model/dataset.js';
import { joinPath } from './layout.js';

/**
 * Where versions live: `<data-dir>/_versions/<layer>/<dataset>/<run-id>/`, one immutable directory
 * per published version. Outside the layer directories, so that `<data-dir>/gold/` holds only the
 * current datasets; `_`-prefixed, so that Spark never lists it as data.
 */
export function versionsRoot(dataDir: string): string {
  return joinPath(dataDir, '_versions');
}

/** `<data-dir>/_versions/<layer>/<dataset>`: every kept version of one dataset, and its publish log. */
export function datasetVersionsDir(dataDir: string, dataset: string): string {
  return joinPath(versionsRoot(dataDir), layerOf(dataset), shortName(dataset));
}

export function versionDir(dataDir: string, dataset: string, versionId: string): string {
  return joinPath(datasetVersionsDir(dataDir, dataset), versionId);
}

/** The link `<layer>/<dataset>` holds this relative target, so the data dir can be moved or mounted elsewhere. */
export function relativeVersionTarget(dataset: string, versionId: string): string {
  return `../_versions/${layerOf(dataset)}/${shortName(dataset)}/${versionId}`;
}

/** The publish log of one dataset: which versions were made current, when, and by what. */
export function publishLogPath(dataDir: string, dataset: string): string {
  return joinPath(datasetVersionsDir(dataDir, dataset), '_log.json');
}

/** The one-writer lock of a data dir. */
export function writerLockPath(dataDir: string): string {
  return joinPath(dataDir, '_medallion.lock');
}

/** Records of `medallion rollback`, one JSON file each. */
export function rollbacksDir(dataDir: string): string {
  return joinPath(dataDir, '_rollbacks');
}

export function stagingRoot(dataDir: string): string {
  return joinPath(dataDir, '_staging');
}

/** A version directory's record of itself, written before the directory becomes a version. */
export const VERSION_RECORD = '_version.json';

/** Version ids are run ids (`20260114T120000Z-1a2b3c`) or `legacy-…` for adopted pre-versioning directories. */
export function isVersionId(name: string): boolean {
  return /^[0-9A-Za-z][0-9A-Za-z._-]*$/.test(name);
}
