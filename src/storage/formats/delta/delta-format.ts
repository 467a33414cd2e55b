import type { StorageFormat } from '../format.js';
import { DeltaDatasetStore, holdsDeltaTables } from './delta-dataset-store.js';

/** Delta Lake tables, one per dataset, written and read through their transaction log. */
export const deltaFormat: StorageFormat = {
  name: 'delta',
  holds: (dataDir) => holdsDeltaTables(dataDir),
  open: (dataDir) => new DeltaDatasetStore(dataDir),
};
