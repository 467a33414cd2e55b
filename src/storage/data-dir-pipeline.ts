import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../model/errors.js';
import { writeFileDurably } from './durable-fs.js';
import { joinPath } from './layout.js';
import { listRunIds } from './manifests.js';
import { manifestPath } from './layout.js';

/** `<data-dir>/_pipeline.json`: which pipeline writes this data dir. */
export const PIPELINE_MARKER = '_pipeline.json';

/** True for a data dir this process cannot inspect with file operations (`hdfs://`, `s3a://`). */
function isRemote(dataDir: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) && !dataDir.startsWith('file://');
}

function localPath(dataDir: string): string {
  return dataDir.replace(/^file:\/\//, '');
}

/**
 * The pipeline a data dir belongs to: the one its marker records or, in a data dir written
 * before the marker existed, the one its latest run manifest names; undefined for a new data dir.
 */
export function pipelineOfDataDir(dataDir: string): string | undefined {
  if (isRemote(dataDir)) return undefined;
  const dir = localPath(dataDir);
  const marker = joinPath(dir, PIPELINE_MARKER);
  if (existsSync(marker)) {
    let recorded: unknown;
    try {
      recorded = (JSON.parse(readFileSync(marker, 'utf8')) as { pipeline?: unknown }).pipeline;
    } catch {
      throw new UserError(`${marker} is not readable JSON; it records which pipeline writes ${dir}: remove it and run again`);
    }
    if (typeof recorded === 'string') return recorded;
  }
  for (const runId of listRunIds(dir).reverse()) {
    try {
      const { pipeline } = JSON.parse(readFileSync(manifestPath(dir, runId), 'utf8')) as { pipeline?: unknown };
      if (typeof pipeline === 'string') return pipeline;
    } catch {
      // A manifest cut short by a crash says nothing; an older one may.
    }
  }
  return undefined;
}

/**
 * Refuses, before anything is written, to run `pipeline` into a data dir of another pipeline:
 * its datasets would land beside the other's, and the other's versions and history be mixed in.
 */
export function assertDataDirOf(dataDir: string, pipeline: string, flag = '--data-dir'): void {
  const owner = pipelineOfDataDir(dataDir);
  if (owner !== undefined && owner !== pipeline) {
    throw new UserError(`${flag} '${dataDir}' holds the ${owner} pipeline's data, not ${pipeline}'s: give ${pipeline} a data dir of its own`);
  }
}

/** Records `pipeline` as the owner of a data dir (under the writer lock, once). */
export function recordDataDirPipeline(dataDir: string, pipeline: string): void {
  if (isRemote(dataDir)) return;
  const marker = joinPath(localPath(dataDir), PIPELINE_MARKER);
  if (existsSync(marker)) return;
  writeFileDurably(marker, JSON.stringify({ pipeline }) + '\n');
}

/**
 * The data dir of `pipeline` that commands read when given `dataDir`: `dataDir` itself, or
 * `dataDir/<pipeline>` when `dataDir` is the parent that `run both --data-dir` wrote.
 */
export function readableDataDir(dataDir: string, pipeline: string): string {
  if (isRemote(dataDir) || pipelineOfDataDir(dataDir) !== undefined) return dataDir;
  const child = joinPath(localPath(dataDir), pipeline);
  return pipelineOfDataDir(child) === pipeline ? child : dataDir;
}
