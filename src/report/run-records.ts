import { readFileSync, statSync } from 'node:fs';
import type { DatasetLineage } from '../model/lineage.js';
import type { RunManifest } from '../model/manifest.js';
import { listRunIds } from '../storage/manifests.js';
import { manifestPath } from '../storage/layout.js';

/** What a file held when this process last parsed it, with the size and modification time it had then. */
export type ParsedFiles<T> = Map<string, { size: number; mtimeMs: number; value: T }>;

/**
 * `parse` of the file at `path`, parsed again only when its size or modification time changed
 * since this process last parsed it into `memo`. Throws as reading or `parse` does.
 */
export function parsedWhileUnchanged<T>(memo: ParsedFiles<T>, path: string, parse: (text: string) => T): T {
  const { size, mtimeMs } = statSync(path);
  const known = memo.get(path);
  if (known && known.size === size && known.mtimeMs === mtimeMs) return known.value;
  const value = parse(readFileSync(path, 'utf8'));
  memo.set(path, { size, mtimeMs, value });
  return value;
}

/** Manifests parsed in this process: a run refreshes several catalogs, each reading the newest manifests, and a report reads them all. */
const manifests: ParsedFiles<RunManifest> = new Map();

/** The manifest of run `runId`, or undefined when it is gone or cannot be parsed. Shared: read it, never change it. */
export function readRunRecord(dataDir: string, runId: string): RunManifest | undefined {
  try {
    return parsedWhileUnchanged(manifests, manifestPath(dataDir, runId), (text) => JSON.parse(text) as RunManifest);
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
