import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { writeFileDurably } from './durable-fs.js';
import { UserError } from '../model/errors.js';
import type { RunManifest } from '../model/manifest.js';
import { manifestPath, runsDir } from './layout.js';

/** Run ids recorded in a data dir, oldest first (run ids sort by start time). */
export function listRunIds(dataDir: string): string[] {
  const dir = runsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** The manifest of `runId`, or of the latest run; a `UserError` naming the known runs otherwise. */
export function readManifest(dataDir: string, runId?: string): RunManifest {
  // A named run is one file: the directory is listed only to find the latest or to name the known ones.
  if (runId !== undefined && /^[\w-]+$/.test(runId) && existsSync(manifestPath(dataDir, runId))) {
    return JSON.parse(readFileSync(manifestPath(dataDir, runId), 'utf8')) as RunManifest;
  }
  const ids = listRunIds(dataDir);
  if (!ids.length) throw new UserError(`no runs recorded in ${dataDir}: run the pipeline first`);
  if (runId !== undefined) {
    const recent = ids.slice(-5).reverse().join(', ');
    throw new UserError(`unknown run '${runId}' in ${dataDir}; recent runs: ${recent}`);
  }
  return JSON.parse(readFileSync(manifestPath(dataDir, ids.at(-1)!), 'utf8')) as RunManifest;
}

/** Writes a run's manifest durably as `<data-dir>/_runs/<run-id>.json` and returns its path. */
export function writeManifestFile(dataDir: string, manifest: RunManifest): string {
  mkdirSync(runsDir(dataDir), { recursive: true });
  const path = manifestPath(dataDir, manifest.runId);
  writeFileDurably(path, JSON.stringify(manifest, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n');
  return path;
}
