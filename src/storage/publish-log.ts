import { existsSync, readFileSync } from 'node:fs';
import { writeFileDurably, writeFileDurablyAsync } from './durable-fs.js';
import { publishLogPath } from './version-layout.js';

/** One change of a dataset's current version. */
export interface PublishEvent {
  /** The version made current. */
  readonly versionId: string;
  readonly at: string;
  /** `publish` by the run that built it, `rollback` by `medallion rollback`, `recover` when a later run found it current. */
  readonly action: 'publish' | 'rollback' | 'recover';
  /** The run or rollback that made the change. */
  readonly by: string;
}

/**
 * The publish log of one dataset (`_versions/<layer>/<dataset>/_log.json`): every version made
 * current, in order. A version directory that is neither current nor in the log was never
 * published (its run died between moving it into place and switching to it) and is removed.
 */
export function readPublishLog(dataDir: string, dataset: string): PublishEvent[] {
  const path = publishLogPath(dataDir, dataset);
  if (!existsSync(path)) return [];
  return JSON.parse(readFileSync(path, 'utf8')) as PublishEvent[];
}

/** Rewrites the log whole (temp file, fsync, rename), so a crash leaves the old log or the new one. */
export function writePublishLog(dataDir: string, dataset: string, events: readonly PublishEvent[]): void {
  writeFileDurably(publishLogPath(dataDir, dataset), JSON.stringify(events, null, 1) + '\n');
}

export function appendPublishEvent(dataDir: string, dataset: string, event: PublishEvent): void {
  writePublishLog(dataDir, dataset, [...readPublishLog(dataDir, dataset), event]);
}

/** `appendPublishEvent` with its flushes on the thread pool (the publish path). */
export async function appendPublishEventAsync(dataDir: string, dataset: string, event: PublishEvent): Promise<void> {
  await writeFileDurablyAsync(publishLogPath(dataDir, dataset), JSON.stringify([...readPublishLog(dataDir, dataset), event], null, 1) + '\n');
}
