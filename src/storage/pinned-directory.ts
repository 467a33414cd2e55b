import { realpathSync } from 'node:fs';

/**
 * The directory a current-version link points to now (links resolved), or the path unchanged when
 * it is a URL or missing. A relation that reads it reads one complete version, whatever a later
 * publish or rollback does to the link: an engine that lists files when it plans a statement and
 * opens them later (Spark, on its executors), or a run that reads the same dataset in several
 * statements, cannot mix versions. Published version directories never change.
 */
export function pinnedDirectory(dir: string): string {
  if (!dir.startsWith('/')) return dir;
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
