import { lstatSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { datasetDir } from './layout.js';

/** What `<data-dir>/<layer>/<dataset>` is: nothing yet, a link to a version, or a plain directory from before versioning. */
export type CurrentEntry =
  | { readonly kind: 'none' }
  | { readonly kind: 'version'; readonly versionId: string }
  | { readonly kind: 'legacy' };

export function currentEntry(dataDir: string, dataset: string): CurrentEntry {
  const path = datasetDir(dataDir, dataset);
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  if (stat.isSymbolicLink()) return { kind: 'version', versionId: basename(readlinkSync(path)) };
  if (stat.isDirectory()) return { kind: 'legacy' };
  throw new Error(`${path} is neither a link to a version nor a directory`);
}

export function currentVersionId(dataDir: string, dataset: string): string | undefined {
  const entry = currentEntry(dataDir, dataset);
  return entry.kind === 'version' ? entry.versionId : undefined;
}
