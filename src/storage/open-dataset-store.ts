import type { DatasetStore } from './dataset-store.js';
import { LocalDatasetStore } from './local-dataset-store.js';
import { RemoteDatasetStore } from './remote-dataset-store.js';

/** The store for a data dir: versioned on a local or mounted file system, in place on a remote URL. */
export function openDatasetStore(dataDir: string): DatasetStore {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) && !dataDir.startsWith('file://')
    ? new RemoteDatasetStore(dataDir)
    : new LocalDatasetStore(dataDir.replace(/^file:\/\//, ''));
}
