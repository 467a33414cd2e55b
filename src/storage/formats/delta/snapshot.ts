import { join } from 'node:path';
import { UserError } from '../../../model/errors.js';
import type { SchemaColumn } from '../../version-record.js';
import { decodeDataPath } from './actions.js';
import { commitInfoOf, latestVersion, listLog, replayLog, type DeltaState } from './replay.js';
import { columnsOfSchema, parseSparkSchema } from './spark-schema.js';

/** Which version to read: the latest, a version number, or the version current at an instant. */
export type AsOf = { readonly version: number } | { readonly timestamp: Date } | undefined;

/** A table as a reader sees it at one version: its columns and the data files to read. */
export interface DeltaSnapshot {
  readonly tableDir: string;
  readonly version: number;
  readonly columns: readonly SchemaColumn[];
  readonly partitionColumns: readonly string[];
  /** Absolute paths of the data files, in log order of paths. */
  readonly files: readonly string[];
  /** Rows by the files' statistics, or undefined when a file has none. */
  readonly rows: number | undefined;
  readonly bytes: number;
  readonly state: DeltaState;
}

export async function readSnapshot(tableDir: string, asOf?: AsOf): Promise<DeltaSnapshot> {
  const version = asOf === undefined ? undefined : 'version' in asOf ? asOf.version : versionAsOfTimestamp(tableDir, asOf.timestamp);
  const state = await replayLog(tableDir, version);
  let rows: number | undefined = 0;
  for (const file of state.files) {
    const records = file.stats ? (JSON.parse(file.stats) as { numRecords?: number }).numRecords : undefined;
    rows = rows === undefined || records === undefined ? undefined : rows + records;
  }
  return {
    tableDir,
    version: state.version,
    columns: columnsOfSchema(parseSparkSchema(state.metadata.schemaString)),
    partitionColumns: state.metadata.partitionColumns,
    files: state.files.map((f) => join(tableDir, decodeDataPath(f.path))),
    rows,
    bytes: state.files.reduce((sum, f) => sum + f.size, 0),
    state,
  };
}

/**
 * The newest version committed at or before `instant`, as Delta's `TIMESTAMP AS OF` picks it.
 * An instant before the first commit is an error, not version 0.
 */
export function versionAsOfTimestamp(tableDir: string, instant: Date): number {
  const listing = listLog(tableDir);
  if (latestVersion(listing) === undefined) throw new UserError(`${tableDir} is not a Delta table`);
  let found: number | undefined;
  for (const version of listing.commits) {
    if (commitInfoOf(tableDir, version).timestamp <= instant.getTime()) found = version;
    else break;
  }
  if (found === undefined) {
    const first = listing.commits[0];
    const since = first === undefined ? 'its first commit' : new Date(commitInfoOf(tableDir, first).timestamp).toISOString();
    throw new UserError(`${tableDir} did not exist yet at ${instant.toISOString()}: its first commit is from ${since}`);
  }
  return found;
}
