import type { StorageFormat } from '../format.js';
import { RemoteDatasetStore } from './remote-dataset-store.js';

/** A URL this process cannot rename, link or lock on (HDFS, an object store): written in place by the engine. */
export const remoteFormat: StorageFormat = {
  name: 'remote',
  holds: (dataDir) => /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) && !dataDir.startsWith('file://'),
  open: (dataDir) => new RemoteDatasetStore(dataDir),
};
