import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MEDALLION_VERSION } from '../../../version.js';
import { pausePoint } from '../../fault-points.js';
import { SchemaDriftError } from '../../schema-drift.js';
import type { SchemaColumn } from '../../version-record.js';
import { MEDALLION_PROTOCOL, encodeDataPath, type Action, type AddAction, type MetadataAction } from './actions.js';
import { CHECKPOINT_INTERVAL, writeCheckpoint } from './checkpoint.js';
import { modificationTimeOf, partitionValuesOf } from './data-files.js';
import { commitExclusively } from './exclusive-commit.js';
import { parquetFileStats } from './file-stats.js';
import { withLocalDuckDB } from './local-duckdb.js';
import { assertWritable, latestVersion, listLog, replayLog, type DeltaState } from './replay.js';
import { parseSparkSchema, sparkSchemaDiff, sparkSchemaOf, type SparkStruct } from './spark-schema.js';

export interface DeltaWrite {
  /** Data files already placed in the table directory, relative to it. */
  readonly files: readonly string[];
  readonly columns: readonly SchemaColumn[];
  /** `overwrite` removes every current file in the same commit (or only those of `replacePartitions`); `append` keeps them. */
  readonly mode: 'append' | 'overwrite';
  /** With `overwrite`: remove only the files of these values of the (one) partition column, keeping the others. */
  readonly replacePartitions?: { readonly column: string; readonly values: readonly string[] };
  readonly partitionColumns?: readonly string[];
  /** Commit a schema that differs from the table's as a new metaData (default: refuse). */
  readonly allowSchemaChange?: boolean;
  /** Recorded in commitInfo, so that history can name the run. */
  readonly runId?: string;
}

/**
 * A commit worked out in full before anything of it is visible: the version it will be and the
 * exact actions of its log entry. Writing it is then one exclusive link of the log file, so a
 * writer that records it first can finish it after a crash, byte for byte.
 */
export interface PreparedCommit {
  readonly version: number;
  readonly actions: readonly Action[];
}

export interface DeltaCommitResult {
  readonly version: number;
  readonly added: readonly AddAction[];
  readonly removed: number;
  readonly checkpointed: boolean;
  /** Milliseconds spent reading file statistics, and writing the log (commit and checkpoint). */
  readonly statsMs: number;
  readonly logMs: number;
}

/** The engine that wrote a commit, as Delta's commitInfo.engineInfo names it. */
export const ENGINE_INFO = `medallion/${MEDALLION_VERSION}`;

/**
 * Commits data files to the table at `tableDir`, creating the table on its first commit
 * (protocol 1/2, metaData with a new table id). The commit is the next version; if another writer
 * made it first, a `DeltaConflictError` is thrown and the table is unchanged.
 */
export async function commitWrite(tableDir: string, write: DeltaWrite): Promise<DeltaCommitResult> {
  const prepared = await prepareCommit(tableDir, write);
  const logStart = performance.now();
  const checkpointed = await writePreparedCommit(tableDir, prepared);
  return { version: prepared.version, added: prepared.added, removed: prepared.removed, checkpointed, statsMs: prepared.statsMs, logMs: performance.now() - logStart };
}

/**
 * Works out the commit of `write` on the table's latest version, reading each data file's
 * statistics at `locate(path)` (by default where the file is in the table; a writer that has not
 * placed its files yet names where they are now). Nothing is written.
 */
export async function prepareCommit(
  tableDir: string,
  write: DeltaWrite,
  locate: (relativePath: string) => string = (rel) => join(tableDir, rel),
): Promise<PreparedCommit & { readonly added: readonly AddAction[]; readonly removed: number; readonly statsMs: number }> {
  const latest = latestVersion(listLog(tableDir));
  const current = latest === undefined ? undefined : await replayLog(tableDir, latest);
  if (current) assertWritable(tableDir, current);
  // A test holds a writer here, having read the version it will commit after, while another commits.
  await pausePoint('delta.commit.read', basename(tableDir));
  const partitionColumns = write.partitionColumns ?? current?.metadata.partitionColumns ?? [];
  const schema = sparkSchemaOf(write.columns);
  const now = Date.now();

  const actions: Action[] = [];
  let metadata: MetadataAction | undefined;
  if (!current) {
    metadata = newMetadata(randomUUID(), JSON.stringify(schema), partitionColumns, now);
  } else {
    const changes = tableSchemaChanges(current.metadata, schema, partitionColumns);
    if (changes.length && !write.allowSchemaChange) throw new SchemaDriftError(basename(tableDir), `v${current.version}`, changes);
    if (changes.length) metadata = { ...current.metadata, schemaString: JSON.stringify(schema), partitionColumns, createdTime: now };
  }

  const statsStart = performance.now();
  const added = await withLocalDuckDB(async (query) => {
    const adds: AddAction[] = [];
    for (const rel of write.files) {
      const path = locate(rel);
      const stats = await parquetFileStats(query, path, schema, partitionColumns);
      adds.push({
        path: encodeDataPath(rel),
        partitionValues: partitionValuesOf(rel, partitionColumns),
        size: statSync(path).size,
        modificationTime: modificationTimeOf(path),
        dataChange: true,
        stats: JSON.stringify(stats),
      });
    }
    return adds;
  });
  const statsMs = performance.now() - statsStart;

  const replaced = write.replacePartitions ? new Set(write.replacePartitions.values) : undefined;
  const kept = replaced && current ? new Set(current.files.filter((f) => !replaced.has(f.partitionValues[write.replacePartitions!.column] ?? '')).map((f) => f.path)) : undefined;
  const removes = write.mode === 'overwrite' && current ? removeAll(current, now, kept) : [];
  const rows = added.reduce((sum, a) => sum + (JSON.parse(a.stats ?? '{}') as { numRecords?: number }).numRecords!, 0);
  actions.push({
    commitInfo: {
      timestamp: now,
      operation: current ? 'WRITE' : 'CREATE TABLE AS SELECT',
      operationParameters: {
        mode: write.mode === 'append' ? 'Append' : 'Overwrite',
        partitionBy: JSON.stringify(partitionColumns),
        ...(write.replacePartitions ? { predicate: JSON.stringify([`${write.replacePartitions.column} IN (${write.replacePartitions.values.map((v) => `'${v}'`).join(', ')})`]) } : {}),
      },
      engineInfo: ENGINE_INFO,
      isBlindAppend: write.mode === 'append',
      operationMetrics: {
        numFiles: String(added.length),
        numOutputRows: String(rows),
        numOutputBytes: String(added.reduce((sum, a) => sum + a.size, 0)),
        numRemovedFiles: String(removes.length),
      },
      ...(write.runId ? { medallionRunId: write.runId } : {}),
    },
  });
  if (!current) actions.push({ protocol: MEDALLION_PROTOCOL });
  if (metadata) actions.push({ metaData: metadata });
  actions.push(...removes, ...added.map((add) => ({ add })));

  const version = latest === undefined ? 0 : latest + 1;
  return { version, actions, added, removed: removes.length, statsMs };
}

/** Writes a prepared commit as the table's next version (a `DeltaConflictError` if it is taken) and checkpoints when due. */
export async function writePreparedCommit(tableDir: string, prepared: PreparedCommit): Promise<boolean> {
  commitExclusively(tableDir, prepared.version, prepared.actions);
  return checkpointIfDue(tableDir, prepared.version);
}

/**
 * What committing `schema`, partitioned by `partitionColumns`, changes of a table's schema: one
 * line per column (`+`, `-`, `~`) and one for its partitioning, which is part of a Delta table's
 * schema; empty when nothing changes.
 */
export function tableSchemaChanges(metadata: MetadataAction, schema: SparkStruct, partitionColumns: readonly string[]): string[] {
  const changes = sparkSchemaDiff(parseSparkSchema(metadata.schemaString), schema);
  const before = metadata.partitionColumns.join(', ');
  const after = partitionColumns.join(', ');
  if (before !== after) changes.push(`partitioned by ${before || 'nothing'} -> ${after || 'nothing'}`);
  return changes;
}

export function newMetadata(id: string, schemaString: string, partitionColumns: readonly string[], createdTime: number): MetadataAction {
  return { id, format: { provider: 'parquet', options: {} }, schemaString, partitionColumns: [...partitionColumns], createdTime, configuration: {} };
}

/** `remove` actions for every file of `state`, with the size and partition values readers may use. */
export function removeAll(state: DeltaState, now: number, keep: ReadonlySet<string> = new Set()): Action[] {
  return state.files
    .filter((f) => !keep.has(f.path))
    .map((f) => ({
      remove: { path: f.path, deletionTimestamp: now, dataChange: true, extendedFileMetadata: true, partitionValues: f.partitionValues, size: f.size },
    }));
}

/** Every `CHECKPOINT_INTERVAL` versions, a checkpoint, so that reading stays at most that many commits of replay. */
export async function checkpointIfDue(tableDir: string, version: number): Promise<boolean> {
  if (version === 0 || version % CHECKPOINT_INTERVAL !== 0) return false;
  await writeCheckpoint(tableDir, await replayLog(tableDir, version));
  return true;
}
