import { join, resolve } from 'node:path';
import { errorMessage } from '../model/errors.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { writeCatalog } from './catalog-contents.js';
import { replaceCatalogFile } from './catalog-file.js';
import { refreshCombinedCatalogsOf } from './combined-catalog.js';

/** The catalog's file name inside a data dir. */
export const CATALOG_FILE = 'catalog.duckdb';

/**
 * Rewrites `<data-dir>/catalog.duckdb`, the database that Superset, Grafana, DBeaver and the DuckDB
 * CLI open directly: schemas `bronze`, `silver` and `gold` with one view per current dataset,
 * `quarantine` with one view per quarantined dataset, and `medallion.runs` / `medallion.dataset_runs`
 * with the run history. Each view reads its dataset's current snapshot as the store gives it: the
 * link to the current version for versioned Parquet, the current commit's file list for a Delta
 * table (which is why the catalog is rewritten after every run and every rollback). The catalogs
 * over several pipelines that include this data dir (`medallion report both`) are rewritten with it.
 * Data dirs on object stores or HDFS get no catalog (DuckDB would need credentials to read them).
 */
export async function refreshCatalog(dataDir: string, { combined = true }: { combined?: boolean } = {}): Promise<string | undefined> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir)) return undefined;
  const root = resolve(dataDir);
  const store = openDatasetStore(root);
  const target = join(root, CATALOG_FILE);
  await replaceCatalogFile(target, async (connection) => {
    await writeCatalog(connection, [{ store, prefix: '' }]);
  });
  if (combined) await refreshCombinedCatalogsOf(root);
  return target;
}

/**
 * `refreshCatalog` as the step after a run's commit: a failure names the catalog. A command that
 * runs several pipelines rebuilds their combined catalogs once, after the last (`combined: false`
 * here): each is about a fifth of a second, and one per pipeline would be rebuilt for nothing.
 */
export async function refreshCatalogAfterCommit(dataDir: string, options: { combined?: boolean } = {}): Promise<void> {
  try {
    await refreshCatalog(dataDir, options);
  } catch (error) {
    throw new Error(`Catalog not refreshed: ${errorMessage(error)}`, { cause: error });
  }
}
