import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Dialect } from '../dialect/dialect.js';
import { LAYERS } from '../model/dataset.js';
import type { DatasetStore } from './dataset-store.js';
import { joinPath } from './layout.js';
import { isComplete } from './publish.js';

/** A dataset and the table expression that reads exactly its current version. */
export interface CurrentRelation {
  readonly dataset: string;
  readonly relation: string;
}

const DATASET_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Every dataset of the store's data dir that has a published version, each with the relation of a
 * view of its current version as the store gives it (the link to the current version's directory
 * for versioned Parquet, the current commit's file list for Delta), never a glob of what the table
 * directory happens to hold: that would take removed, staged and log files too. Bronze, then
 * silver, then gold, by name.
 */
export async function currentRelations(store: DatasetStore, dialect: Dialect): Promise<CurrentRelation[]> {
  const found: CurrentRelation[] = [];
  for (const layer of LAYERS) {
    for (const name of subdirectories(joinPath(store.dataDir, layer))) {
      const dataset = `${layer}.${name}`;
      if (!DATASET_NAME.test(name) || !store.isBuilt(dataset)) continue;
      const relation = await store.viewRelation(dataset, dialect);
      // A glob of a directory fails on a version without files; a snapshot's file list (or its
      // empty columns) never does. A dataset without files to read gets no relation.
      if (relation === dialect.readParquet(store.currentPath(dataset)) && !holdsParquet(store.currentPath(dataset))) continue;
      found.push({ dataset, relation });
    }
  }
  return found;
}

/**
 * The current quarantined rows of every dataset that has some, each with its relation. Quarantines
 * are plain Parquet in every format: the current one is the directory `quarantinePath` links to.
 */
export function currentQuarantines(store: DatasetStore, dialect: Dialect): CurrentRelation[] {
  const found: CurrentRelation[] = [];
  for (const entry of subdirectories(joinPath(store.dataDir, '_quarantine'))) {
    const match = /^(bronze|silver|gold)\.([a-z][a-z0-9_]*)$/.exec(entry);
    if (!match) continue;
    const dir = store.quarantinePath(entry);
    if (!isComplete(dir) || !holdsParquet(dir)) continue;
    found.push({ dataset: entry, relation: dialect.readParquet(dir) });
  }
  return found;
}

function subdirectories(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('_') && !name.startsWith('.'))
    .filter((name) => statSync(join(dir, name), { throwIfNoEntry: false })?.isDirectory())
    .sort();
}

function holdsParquet(dir: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.parquet'));
}
