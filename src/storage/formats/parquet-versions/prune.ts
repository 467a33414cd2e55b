import { rmSync } from 'node:fs';
import { currentVersionId } from '../../current-version.js';
import { renameDurably } from '../../durable-fs.js';
import { faultPoint } from '../../fault-points.js';
import { readPublishLog, writePublishLog } from '../../publish-log.js';
import { datasetVersionsDir, versionDir } from '../../version-layout.js';
import { publishedVersions } from './version-dirs.js';
import { joinPath } from '../../layout.js';

/**
 * Removes all but the `keep` newest published versions of a dataset, never the current one.
 * A version is first renamed to a dot-name (invisible to history and readers of `_versions`
 * at once), then dropped from the log, then deleted, so a crash mid-way leaves only a
 * dot-entry that the next run removes. Returns the ids removed.
 */
export function pruneVersions(dataDir: string, dataset: string, keep: number): string[] {
  const current = currentVersionId(dataDir, dataset);
  const kept = new Set<string>(current ? [current] : []);
  const versions = publishedVersions(dataDir, dataset);
  for (const v of versions) if (kept.size < keep) kept.add(v.versionId);
  const doomed = versions.map((v) => v.versionId).filter((id) => !kept.has(id));
  if (!doomed.length) return [];
  const trash = doomed.map((id) => {
    const to = joinPath(datasetVersionsDir(dataDir, dataset), `.trash-${id}`);
    renameDurably(versionDir(dataDir, dataset, id), to);
    faultPoint('prune.renamed', dataset);
    return to;
  });
  writePublishLog(dataDir, dataset, readPublishLog(dataDir, dataset).filter((e) => !doomed.includes(e.versionId)));
  for (const dir of trash) rmSync(dir, { recursive: true, force: true });
  return doomed;
}
