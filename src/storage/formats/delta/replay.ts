import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { UserError } from '../../../model/errors.js';
import {
  SUPPORTED_READER_VERSION,
  SUPPORTED_WRITER_VERSION,
  type Action,
  type AddAction,
  type CommitInfoAction,
  type MetadataAction,
  type ProtocolAction,
  type RemoveAction,
  type TxnAction,
  parseActions,
} from './actions.js';
import { readCheckpointActions, readLastCheckpoint } from './checkpoint.js';
import { checkpointVersionOf, commitPath, commitVersionOf, deltaLogDir } from './log-paths.js';

/** A table as of one version: what log replay of every commit up to it yields. */
export interface DeltaState {
  readonly version: number;
  readonly protocol: ProtocolAction;
  readonly metadata: MetadataAction;
  /** The files a reader reads, sorted by path. */
  readonly files: readonly AddAction[];
  /** Removed files not re-added since, kept for vacuum. */
  readonly tombstones: readonly RemoveAction[];
  readonly txns: readonly TxnAction[];
}

/** What the log directory holds: its commit versions and checkpoint versions, ascending. */
export interface LogListing {
  readonly commits: readonly number[];
  readonly checkpoints: readonly number[];
}

/**
 * Refuses to write a table whose protocol asks writers for more than version 2 (table features
 * such as deletion vectors or column mapping): a commit that ignored them would corrupt it.
 */
export function assertWritable(tableDir: string, state: DeltaState): void {
  const { minWriterVersion, writerFeatures } = state.protocol;
  if (minWriterVersion > SUPPORTED_WRITER_VERSION) {
    throw new UserError(
      `${tableDir} needs Delta writer version ${minWriterVersion} (features: ${(writerFeatures ?? []).join(', ') || 'none listed'}); medallion writes version ${SUPPORTED_WRITER_VERSION} tables only`,
    );
  }
}

export function listLog(tableDir: string): LogListing {
  const dir = deltaLogDir(tableDir);
  if (!existsSync(dir)) return { commits: [], checkpoints: [] };
  const commits: number[] = [];
  const checkpoints: number[] = [];
  for (const name of readdirSync(dir)) {
    const commit = commitVersionOf(name);
    if (commit !== undefined) commits.push(commit);
    const checkpoint = checkpointVersionOf(name);
    if (checkpoint !== undefined) checkpoints.push(checkpoint);
  }
  return { commits: commits.sort((a, b) => a - b), checkpoints: checkpoints.sort((a, b) => a - b) };
}

/** True when `tableDir` holds a Delta log with at least one commit (or a checkpoint). */
export function isDeltaTable(tableDir: string): boolean {
  const { commits, checkpoints } = listLog(tableDir);
  return commits.length > 0 || checkpoints.length > 0;
}

export function latestVersion(listing: LogListing): number | undefined {
  const last = Math.max(...listing.commits, ...listing.checkpoints);
  return Number.isFinite(last) ? last : undefined;
}

export function readCommit(tableDir: string, version: number): Action[] {
  const path = commitPath(tableDir, version);
  return parseActions(readFileSync(path, 'utf8'), path);
}

/** The commitInfo of a version, and its time: the commit's own timestamp, else the file's mtime. */
export function commitInfoOf(tableDir: string, version: number): { info: CommitInfoAction | undefined; timestamp: number } {
  const info = readCommit(tableDir, version).find((a): a is { commitInfo: CommitInfoAction } => 'commitInfo' in a)?.commitInfo;
  const timestamp = typeof info?.timestamp === 'number' ? info.timestamp : statSync(commitPath(tableDir, version)).mtimeMs;
  return { info, timestamp: Math.floor(timestamp) };
}

/**
 * Replays the log up to `version` (default: the latest) from the newest checkpoint not after it,
 * following the protocol's reconciliation: the newest protocol and metadata win, and of the add
 * and remove actions of a path only the newest counts.
 */
export async function replayLog(tableDir: string, version?: number): Promise<DeltaState> {
  const listing = listLog(tableDir);
  const latest = latestVersion(listing);
  if (latest === undefined) throw new UserError(`${tableDir} is not a Delta table: ${deltaLogDir(tableDir)} holds no commit`);
  const target = version ?? latest;
  if (!Number.isInteger(target) || target < 0 || target > latest) {
    throw new UserError(`${tableDir} has no version ${String(version)}: its versions run up to ${latest}`);
  }

  const pointer = readLastCheckpoint(tableDir);
  const usable = listing.checkpoints.filter((v) => v <= target);
  const start = pointer && pointer.version <= target && usable.includes(pointer.version) && pointer.version === Math.max(...usable)
    ? pointer.version
    : usable.length ? Math.max(...usable) : undefined;

  const files = new Map<string, AddAction>();
  const tombstones = new Map<string, RemoveAction>();
  const txns = new Map<string, TxnAction>();
  let protocol: ProtocolAction | undefined;
  let metadata: MetadataAction | undefined;
  const apply = (action: Action): void => {
    if ('protocol' in action) protocol = action.protocol;
    else if ('metaData' in action) metadata = action.metaData;
    else if ('txn' in action) txns.set(action.txn.appId, action.txn);
    else if ('add' in action) {
      files.set(action.add.path, action.add);
      tombstones.delete(action.add.path);
    } else if ('remove' in action) {
      files.delete(action.remove.path);
      tombstones.set(action.remove.path, action.remove);
    }
  };

  const first = start === undefined ? 0 : start + 1;
  if (start !== undefined) for (const action of await readCheckpointActions(tableDir, start)) apply(action);
  const have = new Set(listing.commits);
  for (let v = first; v <= target; v++) {
    if (!have.has(v)) {
      throw new UserError(`${tableDir}: the Delta log lacks commit ${v} (needed to read version ${target}); the log was cleaned up past it`);
    }
    for (const action of readCommit(tableDir, v)) apply(action);
  }
  if (!protocol || !metadata) throw new UserError(`${tableDir}: the Delta log up to version ${target} has no protocol or metaData action`);
  if (protocol.minReaderVersion > SUPPORTED_READER_VERSION) {
    throw new UserError(
      `${tableDir} needs Delta reader version ${protocol.minReaderVersion} (features: ${(protocol.readerFeatures ?? []).join(', ') || 'none listed'}); medallion reads version ${SUPPORTED_READER_VERSION} tables`,
    );
  }
  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    version: target,
    protocol,
    metadata,
    files: [...files.values()].sort(byPath),
    tombstones: [...tombstones.values()].sort(byPath),
    txns: [...txns.values()],
  };
}
