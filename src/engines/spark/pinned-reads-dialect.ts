import { realpathSync } from 'node:fs';
import type { Dialect } from '../../dialect/dialect.js';

/**
 * A dialect whose Parquet reads name the version a dataset's symlink points to at the moment the
 * statement is rendered, not the symlink itself. Spark lists a directory's files when it plans a
 * query and opens them later, on the executors: a publish or rollback in between would switch the
 * link and leave it opening files of another version (or files that are gone). The version
 * directory never changes once published, so a read pinned to it sees one complete version.
 */
export function pinnedReadsDialect(base: Dialect): Dialect {
  return Object.freeze({ ...base, readParquet: (dir: string) => base.readParquet(resolveLocalLink(dir)) });
}

/** The real path of a local directory (links resolved), or the path unchanged when it is a URL or missing. */
export function resolveLocalLink(dir: string): string {
  if (!dir.startsWith('/')) return dir;
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
