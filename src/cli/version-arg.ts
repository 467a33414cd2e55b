import { UserError } from '../model/errors.js';
import type { DatasetStore, DatasetVersion } from '../storage/dataset-store.js';

/** The kept versions of a dataset; a `UserError` when it was never built in this data dir. */
export async function keptVersions(store: DatasetStore, dataset: string, pipeline: string): Promise<DatasetVersion[]> {
  const versions = await store.versions(dataset);
  if (!versions.length) {
    throw new UserError(`${dataset} has never been built in ${store.dataDir}: run 'medallion run ${pipeline}' first`);
  }
  return versions;
}

/** The directory of `versionId` of a dataset, for `show --as-of`; the error lists the versions kept. */
export async function versionDirArg(store: DatasetStore, dataset: string, versionId: string, pipeline: string): Promise<string> {
  const versions = await keptVersions(store, dataset, pipeline);
  if (!versions.some((v) => v.versionId === versionId)) {
    const kept = versions.map((v) => v.versionId).join(', ');
    throw new UserError(`--as-of: ${dataset} has no kept version from run '${versionId}'; kept: ${kept} (see 'medallion history ${pipeline} ${dataset.replace('.', '/')}')`);
  }
  return store.versionPath(dataset, versionId);
}
