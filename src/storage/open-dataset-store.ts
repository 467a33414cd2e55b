import { UserError } from '../model/errors.js';
import type { DatasetStore } from './dataset-store.js';
import { DeltaDatasetStore, holdsDeltaTables } from './delta/delta-dataset-store.js';
import { LocalDatasetStore } from './local-dataset-store.js';
import { RemoteDatasetStore } from './remote-dataset-store.js';

/** How datasets are laid out: versioned plain Parquet (the default) or Delta Lake tables. */
export type TableFormat = 'parquet' | 'delta';
export const TABLE_FORMATS: readonly TableFormat[] = ['parquet', 'delta'];

/**
 * The store for a data dir: versioned on a local or mounted file system, in place on a remote URL,
 * Delta tables when asked for. Without a format (commands that only read, and rollback) a data
 * dir holding Delta tables opens as Delta; a run's format must match what the data dir holds.
 */
export function openDatasetStore(dataDir: string, tableFormat?: TableFormat): DatasetStore {
  const remote = /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) && !dataDir.startsWith('file://');
  if (remote) {
    if (tableFormat === 'delta') throw new UserError(`--table-format delta needs a data dir on a local or mounted file system; ${dataDir} is remote`);
    return new RemoteDatasetStore(dataDir);
  }
  const local = dataDir.replace(/^file:\/\//, '');
  const delta = holdsDeltaTables(local);
  if (tableFormat === 'parquet' && delta) {
    throw new UserError(`${local} holds Delta tables: run with --table-format delta, or give plain Parquet its own --data-dir`);
  }
  return tableFormat === 'delta' || delta ? new DeltaDatasetStore(local) : new LocalDatasetStore(local);
}
