import { existsSync, readFileSync } from 'node:fs';
import { joinPath } from '../layout.js';
import { stagingRoot } from '../version-layout.js';
import type { PlannedTableCommit } from '../formats/delta/table-commit.js';

/**
 * What a run's commit publishes, written (and flushed) before anything becomes visible: from then on
 * the run is published, and the next writer's recovery finishes what it lists, in every format.
 */
export interface CommitRecord {
  readonly runId: string;
  readonly datasets: readonly string[];
  readonly quarantines: readonly string[];
  /** For a Delta data dir: each table's commit, planned in full before any file moved (see `PlannedTableCommit`). */
  readonly tables?: Readonly<Record<string, PlannedTableCommit>>;
}

/** The commit record a run left, if it got that far. */
export function readCommitRecord(dataDir: string, runId: string): CommitRecord | undefined {
  const path = commitRecordPath(dataDir, runId);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CommitRecord;
  } catch {
    // Written durably before the first switch: a torn record means no switch happened yet.
    return undefined;
  }
}

/** `_staging/<run-id>/_commit.json`. */
export function commitRecordPath(dataDir: string, runId: string): string {
  return joinPath(stagingRoot(dataDir), runId, '_commit.json');
}
