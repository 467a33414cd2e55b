import type { DatasetLineage } from '../model/lineage.js';
import type { DatasetResult, RunManifest } from '../model/manifest.js';
import { listRunIds, readManifest } from '../storage/manifests.js';

/** Every run recorded in a data dir, oldest first; a manifest that cannot be parsed is skipped, not fatal. */
export function readRunRecords(dataDir: string): RunManifest[] {
  const runs: RunManifest[] = [];
  for (const id of listRunIds(dataDir)) {
    try {
      runs.push(readManifest(dataDir, id));
    } catch {
      // A half-copied or hand-edited manifest must not hide every other run from the report.
    }
  }
  return runs;
}

/** The latest successful build of each dataset, with the run that made it, in the order the runs first built them. */
export function latestBuilds(runs: readonly RunManifest[]): Map<string, { run: RunManifest; result: DatasetResult }> {
  const latest = new Map<string, { run: RunManifest; result: DatasetResult }>();
  for (const run of runs) {
    for (const result of run.datasets) if (result.status === 'built') latest.set(result.name, { run, result });
  }
  return latest;
}

/** The newest docs and description recorded for each dataset (older manifests have none). */
export function latestDocs(runs: readonly RunManifest[]): Map<string, { description?: string; docs?: Readonly<Record<string, string>> }> {
  const docs = new Map<string, { description?: string; docs?: Readonly<Record<string, string>> }>();
  for (const run of runs) {
    for (const r of run.datasets) {
      if (r.description !== undefined || r.docs !== undefined) docs.set(r.name, { description: r.description, docs: r.docs });
    }
  }
  return docs;
}
/** Each dataset's column lineage from the newest manifest that records it. */
export function latestColumnLineage(runs: readonly RunManifest[]): DatasetLineage[] {
  const found = new Map<string, DatasetLineage>();
  for (const run of [...runs].reverse()) for (const d of run.columnLineage ?? []) if (!found.has(d.dataset)) found.set(d.dataset, d);
  return [...found.values()];
}
