import { UserError } from '../model/errors.js';
import type { DatasetStore } from './dataset-store.js';
import { storageFormat } from './formats/registry.js';

/** How datasets are laid out: versioned plain Parquet (the default) or Delta Lake tables. */
export type TableFormat = 'parquet' | 'delta';
export const TABLE_FORMATS: readonly TableFormat[] = ['parquet', 'delta'];

/**
 * The store for a data dir: versioned on a local or mounted file system, in place on a remote URL,
 * Delta tables when asked for. Without a format (commands that only read, and rollback) a data
 * dir holding Delta tables opens as Delta; a run's format must match what the data dir holds.
 */
export function openDatasetStore(dataDir: string, tableFormat?: TableFormat): DatasetStore {
  const remote = storageFormat('remote');
  if (remote.holds(dataDir)) {
    if (tableFormat === 'delta') throw new UserError(`--table-format delta needs a data dir on a local or mounted file system; ${dataDir} is remote`);
    return remote.open(dataDir);
  }
  const local = dataDir.replace(/^file:\/\//, '');
  const delta = storageFormat('delta').holds(local);
  if (tableFormat === 'parquet' && delta) {
    throw new UserError(`${local} holds Delta tables: run with --table-format delta, or give plain Parquet its own --data-dir`);
  }
  return storageFormat(tableFormat === 'delta' || delta ? 'delta' : 'parquet').open(local);
}
