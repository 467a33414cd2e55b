import { layerOf, shortName } from '../model/dataset.js';

/** Joins path segments with `/`, keeping URL schemes (`s3a://`, `hdfs://`) intact. */
export function joinPath(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ''), ...parts.map((p) => p.replace(/^\/+|\/+$/g, ''))].join('/');
}

/** `<data-dir>/<layer>/<dataset>`: where readers find the current version of a dataset. */
export function datasetDir(dataDir: string, dataset: string): string {
  return joinPath(dataDir, layerOf(dataset), shortName(dataset));
}

/** `<data-dir>/_quarantine/<layer>.<dataset>`: rows an expectation set aside, with the reason. */
export function quarantineDir(dataDir: string, dataset: string): string {
  return joinPath(dataDir, '_quarantine', dataset);
}

export function runsDir(dataDir: string): string {
  return joinPath(dataDir, '_runs');
}

/** `<data-dir>/_runs/<run-id>.json`. */
export function manifestPath(dataDir: string, runId: string): string {
  return joinPath(runsDir(dataDir), `${runId}.json`);
}

/** Where a run writes a dataset before publishing it. */
export function stagingDir(dataDir: string, runId: string, dataset: string): string {
  return joinPath(dataDir, '_staging', runId, layerOf(dataset), shortName(dataset));
}

export const SUCCESS_MARKER = '_SUCCESS';
