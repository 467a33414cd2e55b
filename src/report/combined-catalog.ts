import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { combinedCatalogsOf, recordCombinedCatalog, type CatalogMember, type CombinedCatalog } from '../storage/combined-catalogs.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { writeCatalog } from './catalog-contents.js';
import { replaceCatalogFile } from './catalog-file.js';

/**
 * Where the catalog over a group of pipelines (`both`, `all`) goes: `<dir>/catalog_<group>.duckdb`
 * for `--data-dir <dir>` (the pipelines' data dirs are `<dir>/<pipeline>`), else beside the first
 * pipeline's own catalog. An underscore, not a hyphen: the file's name is the database name that
 * Superset and DBeaver show and that SQL names unquoted.
 */
export function combinedCatalogPath(group: string, dataDirs: readonly string[], givenDataDir: string | undefined): string {
  return join(givenDataDir !== undefined ? resolve(givenDataDir) : dataDirs[0]!, `catalog_${group}.duckdb`);
}

/**
 * Writes one catalog over several pipelines, for a BI tool that should need one connection:
 * schemas `<pipeline>_bronze`, `<pipeline>_silver`, `<pipeline>_gold`, `<pipeline>_quarantine`
 * (`data_gold`, `mapreduce_gold`, …) and `medallion` with the runs of all of them. Flat schema
 * names rather than one attached database per pipeline: an ATTACH is not stored in a DuckDB file,
 * so every tool would have to repeat it on each connection. The catalog is recorded in each
 * member's data dir, so that every later run or rollback of either pipeline rewrites it. Returns
 * the number of dataset views; a member whose data dir does not exist yet contributes none.
 */
export async function writeCombinedCatalog(catalog: CombinedCatalog): Promise<number> {
  recordCombinedCatalog(catalog);
  return buildCombinedCatalog(catalog);
}

/**
 * Records `catalog` and rewrites it with every other combined catalog recorded in `changed` (the
 * data dirs a command committed to), each once; returns the number of `catalog`'s dataset views.
 */
export async function writeCombinedCatalogs(catalog: CombinedCatalog, changed: readonly string[]): Promise<number> {
  const views = await writeCombinedCatalog(catalog);
  const path = resolve(catalog.path);
  for (const other of catalogsRecordedIn(changed)) if (resolve(other.path) !== path) await buildCombinedCatalog(other);
  return views;
}

/** Rewrites every combined catalog recorded in `dataDir` (after that data dir's commit or rollback). */
export async function refreshCombinedCatalogsOf(dataDir: string): Promise<void> {
  await refreshCombinedCatalogsOfAll([dataDir]);
}

/** Rewrites every combined catalog recorded in any of `dataDirs`, each once. */
export async function refreshCombinedCatalogsOfAll(dataDirs: readonly string[]): Promise<void> {
  for (const catalog of catalogsRecordedIn(dataDirs)) await buildCombinedCatalog(catalog);
}

/** The combined catalogs recorded in any of `dataDirs`, each once (by its file). */
function catalogsRecordedIn(dataDirs: readonly string[]): CombinedCatalog[] {
  const catalogs = new Map<string, CombinedCatalog>();
  for (const dir of dataDirs) for (const catalog of combinedCatalogsOf(dir)) catalogs.set(resolve(catalog.path), catalog);
  return [...catalogs.values()];
}

// The pipelines of `run both` commit at once in one process, and each rewrites the catalogs that
// show it: one rewrite of a file at a time, or both would write the same temporary file.
const building = new Map<string, Promise<unknown>>();

function buildCombinedCatalog(catalog: CombinedCatalog): Promise<number> {
  const path = resolve(catalog.path);
  const previous = building.get(path) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => writeFile(path, catalog.members));
  building.set(path, next);
  void next.finally(() => building.get(path) === next && building.delete(path)).catch(() => undefined);
  return next;
}

async function writeFile(path: string, members: readonly CatalogMember[]): Promise<number> {
  const sources = members
    .filter((m) => existsSync(m.dataDir))
    .map((m) => ({ store: openDatasetStore(m.dataDir), prefix: `${m.pipeline}_` }));
  let views = 0;
  await replaceCatalogFile(path, async (connection) => {
    views = await writeCatalog(connection, sources);
  });
  return views;
}
