import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { DatasetLineage } from '../model/lineage.js';
import type { RunManifest } from '../model/manifest.js';
import { tempSibling } from '../storage/durable-fs.js';
import { joinPath, manifestPath } from '../storage/layout.js';
import { listRunIds } from '../storage/manifests.js';
import { parsedWhileUnchanged, readRunRecord, type ParsedFiles } from './run-records.js';

/** One dataset of a run, as `medallion.dataset_runs` shows it. */
export interface DatasetRunSummary {
  readonly name: string;
  readonly layer: string;
  readonly status: string;
  readonly rowsIn: number;
  readonly rows: number;
  readonly quarantined: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly passed: number;
  readonly warned: number;
  readonly failed: number;
}

/** One run, as `medallion.runs` shows it, and which of its datasets it records docs and column lineage for. */
export interface RunSummary {
  readonly runId: string;
  readonly pipeline: string;
  readonly engine: string;
  readonly outcome: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
  readonly error: string | null;
  readonly datasets: readonly DatasetRunSummary[];
  readonly documented: readonly string[];
  readonly traced: readonly string[];
}

/** The runs of a data dir, oldest first, and the newest docs and lineage they record. */
export interface RunHistory {
  readonly root: string;
  readonly runs: readonly RunSummary[];
  /** The newest docs and description recorded for each dataset. */
  latestDocs(): Map<string, { description?: string; docs?: Readonly<Record<string, string>> }>;
  /** Each dataset's column lineage from the newest run that records it. */
  latestColumnLineage(): DatasetLineage[];
}

/**
 * `<data-dir>/_run_summaries.json`: what the catalog shows of each run, keyed by run id with the
 * size and modification time its manifest had. The catalog is rewritten after every run and shows
 * every run ever recorded; a pipeline run by day has hundreds of manifests of 100 KiB, and parsing
 * them all on each refresh made a run's time grow with its history (300 runs: +3.5 s). With this,
 * a refresh parses only the manifests that are new or changed. It is derived data: unreadable,
 * of another format, or out of date, it is rebuilt from the manifests, which stay the truth.
 */
export const RUN_SUMMARIES_FILE = '_run_summaries.json';
const FORMAT = 1;

interface CachedSummary {
  readonly size: number;
  readonly mtimeMs: number;
  readonly summary: RunSummary;
}

/** Reads a data dir's run history, parsing only the manifests its summaries file does not already describe. */
export function readRunHistory(root: string): RunHistory {
  const cachePath = joinPath(root, RUN_SUMMARIES_FILE);
  const cached = readCache(cachePath);
  const kept: Record<string, CachedSummary> = {};
  const runs: RunSummary[] = [];
  let changed = false;
  for (const id of listRunIds(root)) {
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = statSync(manifestPath(root, id)));
    } catch {
      continue; // removed since the listing
    }
    const known = cached[id];
    if (known && known.size === size && known.mtimeMs === mtimeMs) {
      kept[id] = known;
      runs.push(known.summary);
      continue;
    }
    changed = true;
    const manifest = readRunRecord(root, id);
    // A half-copied or hand-edited manifest must not hide every other run from the catalog.
    if (!manifest) continue;
    const summary = summarize(manifest);
    kept[id] = { size, mtimeMs, summary };
    runs.push(summary);
  }
  if (changed || Object.keys(cached).length !== Object.keys(kept).length) writeCache(cachePath, kept);
  return {
    root,
    runs,
    latestDocs: () => {
      const docs = new Map<string, { description?: string; docs?: Readonly<Record<string, string>> }>();
      for (const [runId, names] of newestRecording(runs, (r) => r.documented)) {
        for (const d of readRunRecord(root, runId)?.datasets ?? []) {
          if (names.has(d.name)) docs.set(d.name, { description: d.description, docs: d.docs });
        }
      }
      return docs;
    },
    latestColumnLineage: () => {
      const found = new Map<string, DatasetLineage>();
      for (const [runId, names] of newestRecording(runs, (r) => r.traced)) {
        for (const d of readRunRecord(root, runId)?.columnLineage ?? []) if (names.has(d.dataset)) found.set(d.dataset, d);
      }
      return [...found.values()];
    },
  };
}

/** For each dataset, the newest run that records it; grouped by run, so that each manifest is read once. */
function newestRecording(runs: readonly RunSummary[], recorded: (run: RunSummary) => readonly string[]): Map<string, Set<string>> {
  const newest = new Map<string, string>();
  for (const run of runs) for (const name of recorded(run)) newest.set(name, run.runId);
  const byRun = new Map<string, Set<string>>();
  for (const [name, runId] of newest) byRun.set(runId, (byRun.get(runId) ?? new Set()).add(name));
  return byRun;
}

function summarize(run: RunManifest): RunSummary {
  return {
    runId: run.runId,
    pipeline: run.pipeline,
    engine: `${run.engine.name} ${run.engine.version}`,
    outcome: run.outcome,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    seconds: run.seconds,
    error: run.error?.message ?? null,
    datasets: run.datasets.map((d) => {
      const count = (status: string) => d.expectations.filter((e) => e.status === status).length;
      return {
        name: d.name,
        layer: d.layer,
        status: d.status,
        rowsIn: d.rowsIn,
        rows: d.rows,
        quarantined: Object.values(d.quarantined).reduce((a, b) => a + b, 0),
        bytes: d.bytes,
        seconds: d.seconds,
        passed: count('pass'),
        warned: count('warn'),
        failed: count('fail'),
      };
    }),
    documented: run.datasets.filter((d) => d.description !== undefined || d.docs !== undefined).map((d) => d.name),
    traced: (run.columnLineage ?? []).map((d) => d.dataset),
  };
}

/** The summaries file as this process last read or wrote it: a run reads it for each catalog that shows the data dir. */
const lastSeen: ParsedFiles<Record<string, CachedSummary>> = new Map();

function readCache(path: string): Record<string, CachedSummary> {
  try {
    return parsedWhileUnchanged(lastSeen, path, parseCache);
  } catch {
    return {}; // absent
  }
}

function parseCache(text: string): Record<string, CachedSummary> {
  try {
    const parsed = JSON.parse(text) as { format?: unknown; runs?: unknown };
    if (parsed.format !== FORMAT || typeof parsed.runs !== 'object' || parsed.runs === null) return {};
    const runs: Record<string, CachedSummary> = {};
    for (const [id, entry] of Object.entries(parsed.runs as Record<string, Partial<CachedSummary> | null>)) {
      if (typeof entry?.size === 'number' && typeof entry.mtimeMs === 'number' && entry.summary?.runId === id && Array.isArray(entry.summary.datasets)) {
        runs[id] = entry as CachedSummary;
      }
    }
    return runs;
  } catch {
    // Torn or hand-edited: rebuilt from the manifests.
  }
  return {};
}

/**
 * Replaced by a rename, so that a reader sees the old file or the new one. Not flushed: after a
 * power cut a stale or empty file is only rebuilt. A data dir that cannot be written (read-only,
 * full) still gets its catalog, built from the manifests.
 */
function writeCache(path: string, runs: Record<string, CachedSummary>): void {
  const temp = tempSibling(path);
  try {
    writeFileSync(temp, `${JSON.stringify({ format: FORMAT, runs })}\n`, { flag: 'wx' });
    renameSync(temp, path);
    const { size, mtimeMs } = statSync(path);
    lastSeen.set(path, { size, mtimeMs, value: runs });
  } catch {
    rmSync(temp, { force: true });
  }
}
