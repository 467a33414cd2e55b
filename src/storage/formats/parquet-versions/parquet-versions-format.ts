import { existsSync } from 'node:fs';
import { joinPath } from '../../layout.js';
import type { StorageFormat } from '../format.js';
import { LocalDatasetStore } from './local-dataset-store.js';

/** Immutable Parquet directories, one per version, behind a symlink per dataset (the default). */
export const parquetVersionsFormat: StorageFormat = {
  name: 'parquet',
  holds: (dataDir) => existsSync(joinPath(dataDir, '_versions')),
  open: (dataDir) => new LocalDatasetStore(dataDir),
};
