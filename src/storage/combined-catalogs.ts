import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileDurably } from './durable-fs.js';
import { joinPath } from './layout.js';

/** `<data-dir>/_catalogs.json`: the catalogs over several pipelines that include this data dir. */
export const COMBINED_CATALOGS_FILE = '_catalogs.json';

/** One pipeline of a combined catalog: its name (the prefix of its schemas) and its data dir. */
export interface CatalogMember {
  readonly pipeline: string;
  readonly dataDir: string;
}

/** A catalog file with the views of several pipelines' data dirs, one connection for a BI tool. */
export interface CombinedCatalog {
  readonly path: string;
  readonly members: readonly CatalogMember[];
}

/**
 * The combined catalogs recorded in a data dir. Each member data dir holds the whole description,
 * so that a run or rollback of one pipeline alone can rebuild every catalog that shows it, with
 * nothing to look up elsewhere. An unreadable file records nothing: the catalogs are derived data.
 */
export function combinedCatalogsOf(dataDir: string): CombinedCatalog[] {
  const file = joinPath(dataDir, COMBINED_CATALOGS_FILE);
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { catalogs?: unknown };
    return Array.isArray(parsed.catalogs) ? (parsed.catalogs as unknown[]).filter(isCombinedCatalog) : [];
  } catch {
    return [];
  }
}

/** Records `catalog` in each of its members' data dirs, replacing an earlier record of the same file. */
export function recordCombinedCatalog(catalog: CombinedCatalog): void {
  const path = resolve(catalog.path);
  for (const member of catalog.members) {
    if (!existsSync(member.dataDir)) continue;
    const others = combinedCatalogsOf(member.dataDir).filter((c) => resolve(c.path) !== path);
    const catalogs = [...others, { path, members: catalog.members.map((m) => ({ pipeline: m.pipeline, dataDir: resolve(m.dataDir) })) }];
    writeFileDurably(joinPath(member.dataDir, COMBINED_CATALOGS_FILE), `${JSON.stringify({ catalogs }, null, 2)}\n`);
  }
}

function isCombinedCatalog(value: unknown): value is CombinedCatalog {
  const c = value as CombinedCatalog | null;
  return (
    typeof c?.path === 'string' &&
    Array.isArray(c.members) &&
    c.members.every((m) => typeof m?.pipeline === 'string' && typeof m.dataDir === 'string')
  );
}
