import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fsyncFile, tempSibling, writeFileDurably } from '../../durable-fs.js';
import { faultPoint } from '../../fault-points.js';
import { parseActions, serializeActions, type Action } from './actions.js';
import { withLocalDuckDB, sqlLiteral } from './local-duckdb.js';
import { checkpointPath, lastCheckpointPath } from './log-paths.js';
import type { DeltaState } from './replay.js';

/** Writers checkpoint every this many commits, as Spark does by default. */
export const CHECKPOINT_INTERVAL = 10;

/** The `_last_checkpoint` pointer: the version of the newest checkpoint and its size. */
export interface LastCheckpoint {
  readonly version: number;
  readonly size: number;
  readonly sizeInBytes?: number;
  readonly numOfAddFiles?: number;
}

/**
 * The checkpoint's Parquet schema (the protocol's V1 spec): one nullable struct column per action
 * kind, one action per row. `remove` carries no stats; commitInfo is never checkpointed.
 */
const CHECKPOINT_COLUMNS: Readonly<Record<string, string>> = {
  txn: 'STRUCT(appId VARCHAR, version BIGINT, lastUpdated BIGINT)',
  add: 'STRUCT(path VARCHAR, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, stats VARCHAR, tags MAP(VARCHAR, VARCHAR))',
  remove: 'STRUCT(path VARCHAR, deletionTimestamp BIGINT, dataChange BOOLEAN, extendedFileMetadata BOOLEAN, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT)',
  metaData:
    'STRUCT(id VARCHAR, name VARCHAR, description VARCHAR, format STRUCT(provider VARCHAR, options MAP(VARCHAR, VARCHAR)), schemaString VARCHAR, partitionColumns VARCHAR[], configuration MAP(VARCHAR, VARCHAR), createdTime BIGINT)',
  protocol: 'STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER)',
};

/**
 * Writes the checkpoint of `state` (the table as of `state.version`) as Parquet with DuckDB, then
 * points `_last_checkpoint` at it. Both land by rename, so a reader sees a whole checkpoint or the
 * previous one; a crash between the two leaves a valid checkpoint the pointer does not name yet,
 * which readers find by listing.
 */
export async function writeCheckpoint(tableDir: string, state: DeltaState): Promise<LastCheckpoint> {
  const target = checkpointPath(tableDir, state.version);
  const actions: Action[] = [
    { protocol: state.protocol },
    { metaData: state.metadata },
    ...state.txns.map((txn) => ({ txn })),
    ...state.files.map((add) => ({ add: { ...add, dataChange: false } })),
    ...state.tombstones.map(({ path, deletionTimestamp, dataChange, extendedFileMetadata, partitionValues, size }) => ({
      remove: { path, deletionTimestamp, dataChange, extendedFileMetadata, partitionValues, size },
    })),
  ];
  const json = tempSibling(`${target}.json`);
  const parquet = tempSibling(target);
  try {
    writeFileSync(json, serializeActions(actions));
    const columns = Object.entries(CHECKPOINT_COLUMNS)
      .map(([name, type]) => `${name}: ${sqlLiteral(type)}`)
      .join(', ');
    await withLocalDuckDB((query) =>
      query(
        `COPY (SELECT ${Object.keys(CHECKPOINT_COLUMNS).join(', ')} FROM read_json(${sqlLiteral(json)}, format = 'newline_delimited', columns = {${columns}})) ` +
          `TO ${sqlLiteral(parquet)} (FORMAT parquet, COMPRESSION snappy)`,
      ),
    );
    await fsyncFile(parquet);
    faultPoint('delta.checkpoint.written', basename(tableDir));
    renameSync(parquet, target);
  } finally {
    rmSync(json, { force: true });
    rmSync(parquet, { force: true });
  }
  const pointer: LastCheckpoint = {
    version: state.version,
    size: actions.length,
    sizeInBytes: statSync(target).size,
    numOfAddFiles: state.files.length,
  };
  writeFileDurably(lastCheckpointPath(tableDir), JSON.stringify(pointer));
  return pointer;
}

export function readLastCheckpoint(tableDir: string): LastCheckpoint | undefined {
  const path = lastCheckpointPath(tableDir);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LastCheckpoint;
  } catch {
    // A torn pointer (from a writer that did not replace it atomically) only costs a listing.
    return undefined;
  }
}

/**
 * The actions of a checkpoint, whoever wrote it: every row turned back into its JSON action, so
 * that extra columns other writers add (stats_parsed, tags, row tracking) pass through unharmed.
 */
export async function readCheckpointActions(tableDir: string, version: number): Promise<Action[]> {
  const path = checkpointPath(tableDir, version);
  const rows = await withLocalDuckDB((query) => query(`SELECT to_json(c)::VARCHAR AS action FROM read_parquet(${sqlLiteral(path)}) AS c`));
  const lines = rows.map((row) => {
    const action = JSON.parse(String(row['action'])) as Record<string, unknown>;
    // Only the one non-null column of a row is its action.
    for (const key of Object.keys(action)) if (action[key] === null) delete action[key];
    return JSON.stringify(action);
  });
  return parseActions(lines.join('\n'), path);
}
