import { resolve } from 'node:path';
import { LAYERS, layerOf, type Layer } from '../model/dataset.js';
import { UserError } from '../model/errors.js';
import type { DatasetResult, RunManifest } from '../model/manifest.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { readRunRecords } from './run-records.js';
import { readRollbackRecords } from '../storage/rollback-records.js';
import type { RollbackRecord } from '../storage/rollback-to-run.js';

export type DatasetStatus = 'ok' | 'warn' | 'failed' | 'never';

/** One point of a dataset's trend: what one run made of it. */
export interface DatasetRun {
  readonly runId: string;
  readonly startedAt: string;
  readonly status: DatasetResult['status'];
  readonly rows: number;
  readonly seconds: number;
}

/** What the report shows of one dataset: its latest build, its last status and its recent runs. */
export interface DatasetReport {
  readonly name: string;
  readonly layer: Layer;
  readonly status: DatasetStatus;
  /** The build readers see: the current version (after a rollback, an older one), else the newest built. */
  readonly latest?: DatasetResult;
  readonly latestRun?: RunManifest;
  /** The newest result, built or failed. */
  readonly last?: DatasetResult;
  readonly history: readonly DatasetRun[];
  /** Empty for manifests written before lineage was recorded. */
  readonly inputs: readonly string[];
  readonly description?: string;
  readonly docs: Readonly<Record<string, string>>;
}

export interface PipelineReport {
  readonly pipeline: string;
  readonly dataDir: string;
  /** Oldest first. */
  readonly runs: readonly RunManifest[];
  /** Rollbacks made in the data dir, oldest first: the history shows them beside the runs. */
  readonly rollbacks: readonly RollbackRecord[];
  /** Bronze, then silver, then gold; within a layer in the order the pipeline builds them. */
  readonly datasets: readonly DatasetReport[];
}

/** Runs kept in a dataset's trend. */
export const TREND_RUNS = 20;

/**
 * Reads a data dir's run manifests into what the report shows, each dataset as of the version its
 * store says is current (after a rollback, an older one); a `UserError` when nothing ran there.
 */
export async function loadPipelineReport(dataDir: string): Promise<PipelineReport> {
  const root = resolve(dataDir);
  const runs = readRunRecords(root);
  if (!runs.length) throw new UserError(`no runs recorded in ${root}: run the pipeline there first (medallion run ... --data-dir ${dataDir})`);
  const pipeline = runs.at(-1)!.pipeline;
  const order: string[] = [];
  const results = new Map<string, Array<{ run: RunManifest; result: DatasetResult }>>();
  // Newest run first, so a dataset's place follows the pipeline as it is today.
  for (const run of [...runs].reverse()) {
    for (const result of run.datasets) {
      if (!results.has(result.name)) {
        results.set(result.name, []);
        order.push(result.name);
      }
      results.get(result.name)!.push({ run, result });
    }
  }
  // Datasets the latest run planned but never reached, and no run ever built, are shown as such.
  for (const name of runs.at(-1)!.unpublished ?? []) {
    if (!results.has(name)) {
      results.set(name, []);
      order.push(name);
    }
  }
  const rank = (name: string) => LAYERS.indexOf(layerOf(name)) * 10_000 + order.indexOf(name);
  const store = openDatasetStore(root);
  const datasets: DatasetReport[] = [];
  for (const name of [...order].sort((a, b) => rank(a) - rank(b))) datasets.push(datasetReport(name, results.get(name)!, await store.currentVersion(name)));
  return { pipeline, dataDir: root, runs, rollbacks: readRollbackRecords(root), datasets };
}

function datasetReport(
  name: string,
  newestFirst: ReadonlyArray<{ run: RunManifest; result: DatasetResult }>,
  currentVersion: string | undefined,
): DatasetReport {
  const last = newestFirst[0]?.result;
  const built =
    newestFirst.find((e) => e.result.status === 'built' && e.result.version === currentVersion) ??
    newestFirst.find((e) => e.result.status === 'built');
  const documented = newestFirst.find((e) => e.result.docs !== undefined || e.result.inputs !== undefined)?.result;
  const status: DatasetStatus = !last
    ? 'never'
    : last.status === 'failed'
      ? 'failed'
      : last.expectations.some((e) => e.status !== 'pass')
        ? 'warn'
        : 'ok';
  return {
    name,
    layer: layerOf(name),
    status,
    ...(built ? { latest: built.result, latestRun: built.run } : {}),
    ...(last ? { last } : {}),
    history: newestFirst
      .slice(0, TREND_RUNS)
      .reverse()
      .map(({ run, result }) => ({ runId: run.runId, startedAt: run.startedAt, status: result.status, rows: result.rows, seconds: result.seconds })),
    inputs: documented?.inputs ?? [],
    ...(documented?.description === undefined ? {} : { description: documented.description }),
    docs: documented?.docs ?? {},
  };
}
