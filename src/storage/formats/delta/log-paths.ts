import { join } from 'node:path';

/** The log directory of a Delta table: `<table>/_delta_log`. */
export const DELTA_LOG = '_delta_log';
export const LAST_CHECKPOINT = '_last_checkpoint';

const COMMIT_FILE = /^(\d{20})\.json$/;
const CHECKPOINT_FILE = /^(\d{20})\.checkpoint\.parquet$/;

export function deltaLogDir(tableDir: string): string {
  return join(tableDir, DELTA_LOG);
}

/** Versions are zero-padded to 20 digits so that a lexicographic listing is in version order. */
export function paddedVersion(version: number): string {
  return String(version).padStart(20, '0');
}

export function commitPath(tableDir: string, version: number): string {
  return join(deltaLogDir(tableDir), `${paddedVersion(version)}.json`);
}

/** A classic single-file checkpoint, the only kind writers may make without table features. */
export function checkpointPath(tableDir: string, version: number): string {
  return join(deltaLogDir(tableDir), `${paddedVersion(version)}.checkpoint.parquet`);
}

export function lastCheckpointPath(tableDir: string): string {
  return join(deltaLogDir(tableDir), LAST_CHECKPOINT);
}

/** The version a commit file name stands for, or undefined for any other file of the log. */
export function commitVersionOf(fileName: string): number | undefined {
  const m = COMMIT_FILE.exec(fileName);
  return m ? Number(m[1]) : undefined;
}

export function checkpointVersionOf(fileName: string): number | undefined {
  const m = CHECKPOINT_FILE.exec(fileName);
  return m ? Number(m[1]) : undefined;
}
