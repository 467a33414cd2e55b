import { readFileSync, statSync } from 'node:fs';
import type { DatasetLineage } from '../model/lineage.js';
import type { RunManifest } from '../model/manifest.js';
import { listRunIds } from '../storage/manifests.js';
import { manifestPath } from '../storage/layout.js';

/**
 * Manifests already parsed in this process, by path, with the size and modification time they had:
 * a run refreshes several catalogs, each reading the newest manifests, and a report reads them all.
 */
const parsed = new Map<string, { size: number; mtimeMs: number; manifest: RunManifest }>();

/** The manifest of run `runId`, or undefined when it is gone or cannot be parsed. Shared: read it, never change it. */
export function readRunRecord(dataDir: string, runId: string): RunManifest | undefined {
  const path = manifestPath(dataDir, runId);
  try {
    const { size, mtimeMs } = statSync(path);
    const known = parsed.get(path);
    if (known && known.size === size && known.mtimeMs === mtimeMs) return known.manifest;
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
    parsed.set(path, { size, mtimeMs, manifest });
    return manifest;
  } catch {
    // A half-copied or hand-edited manifest must not hide every other run.
    return undefined;
  }
}

/** Every run recorded in a data dir, oldest first; a manifest that cannot be parsed is skipped, not fatal. */
export function readRunRecords(dataDir: string): readonly RunManifest[] {
  return listRunIds(dataDir).flatMap((id) => readRunRecord(dataDir, id) ?? []);
}

/** Each dataset's column lineage from the newest manifest that records it. */
export function latestColumnLineage(runs: readonly RunManifest[]): DatasetLineage[] {
  const found = new Map<string, DatasetLineage>();
  for (const run of [...runs].reverse()) for (const d of run.columnLineage ?? []) if (!found.has(d.dataset)) found.set(d.dataset, d);
  return [...found.values()];
}
