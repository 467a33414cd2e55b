import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { currentEntry, currentVersionId } from '../../current-version.js';
import { type DatasetStore, type DatasetVersion, type RunPaths, type VersionFacts, type WriteOptions, type WriteSession } from '../../dataset-store.js';
import { fsyncFile, replaceSymlink } from '../../durable-fs.js';
import { faultPoint } from '../../fault-points.js';
import { datasetDir, joinPath, quarantineDir, stagingDir, SUCCESS_MARKER } from '../../layout.js';
import { isComplete } from '../../publish.js';
import { pruneVersions } from './prune.js';
import { appendPublishEvent, readPublishLog } from '../../publish-log.js';
import { asOfOfRun } from '../../run-as-of.js';
import { pinnedDirectory } from '../../pinned-directory.js';
import { versionsRecovery } from './recover-versions.js';
import { schemaDiff, SchemaDriftError } from '../../schema-drift.js';
import { relativeVersionTarget, VERSION_RECORD, versionDir } from '../../version-layout.js';
import { publishedVersions } from './version-dirs.js';
import { dataFiles, digestsOf, readVersionRecord, type VersionRecord } from '../../version-record.js';
import { linkKeptPartitions, partitionRows } from './kept-partitions.js';
import type { CommitRecord } from '../../transaction/commit-record.js';
import { switchToStaged } from './switch-to-staged.js';
import { beginTransaction } from '../../transaction/run-transaction.js';
import { RunSession } from '../../transaction/run-session.js';
import type { FormatTables } from '../format.js';
import { UserError } from '../../../model/errors.js';
import type { Dialect } from '../../../dialect/dialect.js';

/**
 * Versioned datasets on a local (or POSIX-shared) file system. Each version is an immutable
 * directory `_versions/<layer>/<dataset>/<run-id>/`; `<layer>/<dataset>` is a relative symlink to
 * the current one, replaced with rename(2), so a reader of the plain path resolves either the old
 * version or the new one, complete. Everything that must survive a crash is fsynced before the
 * step that makes it visible.
 */
export class LocalDatasetStore implements DatasetStore {
  constructor(readonly dataDir: string) {}

  quarantinePath(dataset: string): string {
    return quarantineDir(this.dataDir, dataset);
  }

  currentPath(dataset: string): string {
    return datasetDir(this.dataDir, dataset);
  }

  async currentVersion(dataset: string): Promise<string | undefined> {
    return currentVersionId(this.dataDir, dataset);
  }

  async versions(dataset: string): Promise<DatasetVersion[]> {
    const current = currentVersionId(this.dataDir, dataset);
    const log = readPublishLog(this.dataDir, dataset);
    return publishedVersions(this.dataDir, dataset).map((v) => ({
      ...v,
      current: v.versionId === current,
      publishedAt: [...log].reverse().find((e) => e.versionId === v.versionId)?.at,
    }));
  }

  versionPath(dataset: string, versionId: string): string {
    return versionDir(this.dataDir, dataset, versionId);
  }

  async paths(runId: string): Promise<RunPaths> {
    return localRunPaths(this.dataDir, runId);
  }

  isBuilt(dataset: string): boolean {
    return isComplete(datasetDir(this.dataDir, dataset));
  }

  async relation(dataset: string, dialect: Dialect, asOf?: string): Promise<string> {
    if (asOf !== undefined && !readVersionRecord(this.versionPath(dataset, asOf))) {
      throw new UserError(`--as-of: ${dataset} has no kept version '${asOf}' (see 'medallion history')`);
    }
    return dialect.readParquet(asOf === undefined ? pinnedDirectory(this.currentPath(dataset)) : this.versionPath(dataset, asOf));
  }

  async viewRelation(dataset: string, dialect: Dialect): Promise<string> {
    return dialect.readParquet(this.currentPath(dataset));
  }

  async beginWrite(runId: string, command: 'run' | 'rollback', options: WriteOptions = {}): Promise<WriteSession> {
    const { notices, release } = await beginTransaction(this.dataDir, runId, command, versionsRecovery(this.dataDir));
    return new RunSession(this.dataDir, runId, new LocalTables(this.dataDir, runId, options), options, notices, release);
  }
}

/** A run's staging area is `_staging/<run-id>/`; quarantine is staged beside its dataset. */
function localRunPaths(dataDir: string, runId: string): RunPaths {
  return {
    current: (dataset) => datasetDir(dataDir, dataset),
    // Pinned when planned: every statement of the run reads the version that was current then.
    currentRelation: (dataset, dialect) => dialect.readParquet(pinnedDirectory(datasetDir(dataDir, dataset))),
    isPublished: (dataset) => isComplete(datasetDir(dataDir, dataset)),
    publishedAsOf: (dataset) => asOfOfRun(dataDir, currentVersionId(dataDir, dataset)),
    staged: (dataset) => stagingDir(dataDir, runId, dataset),
    quarantine: (dataset) => quarantineDir(dataDir, dataset),
    quarantineStaged: (dataset) => joinPath(dataDir, '_staging', runId, '_quarantine', dataset),
  };
}

/** The versioned directories' side of a run's transaction (`transaction/run-session.ts` drives it). */
class LocalTables implements FormatTables {
  readonly paths: RunPaths;
  readonly #allowSchemaChange: boolean;

  constructor(
    readonly dataDir: string,
    readonly runId: string,
    options: WriteOptions,
  ) {
    this.#allowSchemaChange = options.allowSchemaChange ?? false;
    this.paths = localRunPaths(dataDir, runId);
  }

  async stage(dataset: string, facts: VersionFacts): Promise<VersionRecord> {
    const staged = this.paths.staged(dataset);
    faultPoint('publish.start', dataset);
    const previous = currentEntry(this.dataDir, dataset);
    const previousDir = previous.kind === 'version' ? versionDir(this.dataDir, dataset, previous.versionId) : undefined;
    const previousRecord = previousDir === undefined ? undefined : readVersionRecord(previousDir);
    if (previous.kind === 'version' && previousRecord && !previousRecord.legacy && !this.#allowSchemaChange) {
      const diff = schemaDiff(previousRecord.columns, facts.columns);
      if (diff.length) throw new SchemaDriftError(dataset, previous.versionId, diff);
    }

    // A run over a window of days wrote only those days: the other days of the previous version
    // join it as hard links, so the staged directory is the whole version.
    // An engine writes no directory for a window without rows.
    const days = facts.write.kind === 'replace-days' ? facts.write : undefined;
    if (days) mkdirSync(staged, { recursive: true });
    const partitions = days ? linkKeptPartitions(dataset, previousDir ?? staged, previousRecord ? (previousRecord.partitions ?? 'not partitioned') : undefined, staged, days) : undefined;

    // Make the staged directory complete and durable, with its record inside. It is not visible
    // to anyone yet, so its files are written in place; one directory flush covers them.
    if (!existsSync(joinPath(staged, SUCCESS_MARKER))) writeFileSync(joinPath(staged, SUCCESS_MARKER), '');
    const listed = dataFiles(staged);
    // The kept days' files are the previous version's, durable and with their digests recorded.
    const keptDirs = partitions && days ? Object.keys(partitions.rows).filter((day) => !(day in days.rowsPerDay)).map((day) => `${partitions.column}=${day}/`) : [];
    const kept = new Map((previousRecord?.files ?? []).filter((f) => keptDirs.some((dir) => f.path.startsWith(dir))).map((f) => [f.path, f] as const));
    const [digested] = await Promise.all([digestsOf(staged, listed, kept), ...listed.filter((f) => !kept.has(f.path)).map((f) => fsyncFile(joinPath(staged, f.path)))]);
    const { checksum } = digested;
    const files = partitions ? digested.files : listed;
    faultPoint('publish.after-fsync', dataset);
    const record: VersionRecord = {
      dataset,
      versionId: this.runId,
      createdAt: new Date().toISOString(),
      rows: partitions ? partitionRows(partitions) : facts.rows,
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      columns: facts.columns.map(({ name, type }) => ({ name, type })),
      files,
      checksum,
      ...(partitions ? { partitions } : {}),
    };
    writeFileSync(joinPath(staged, VERSION_RECORD), JSON.stringify(record, null, 1) + '\n');
    await Promise.all([fsyncFile(joinPath(staged, VERSION_RECORD)), fsyncFile(staged)]);
    faultPoint('publish.staged', dataset);
    return record;
  }

  currentRows(dataset: string): number | undefined {
    const current = currentVersionId(this.dataDir, dataset);
    return current === undefined ? undefined : (readVersionRecord(versionDir(this.dataDir, dataset, current))?.rows ?? undefined);
  }

  async restore(dataset: string, versionId: string): Promise<string | undefined> {
    const record = readVersionRecord(versionDir(this.dataDir, dataset, versionId));
    if (!record) throw new UserError(`${dataset} has no kept version ${versionId}`);
    const before = currentVersionId(this.dataDir, dataset);
    if (before === versionId) return before;
    replaceSymlink(datasetDir(this.dataDir, dataset), relativeVersionTarget(dataset, versionId));
    appendPublishEvent(this.dataDir, dataset, { versionId, at: new Date().toISOString(), action: 'rollback', by: this.runId });
    return before;
  }

  /** A versioned dataset's commit is a rename and a link switch: the record names the datasets. */
  async planCommit(staged: readonly string[]): Promise<Pick<CommitRecord, 'datasets'>> {
    return { datasets: [...staged] };
  }

  async makeCurrent(record: CommitRecord, published: (dataset: string) => void): Promise<void> {
    // The datasets' directories and links are independent: their renames and flushes overlap.
    await Promise.all(record.datasets.map((dataset) => switchToStaged(this.dataDir, this.runId, dataset)));
    for (const dataset of record.datasets) published(dataset);
  }

  async vacuum(dataset: string, keep: number): Promise<void> {
    pruneVersions(this.dataDir, dataset, keep);
  }

  /** A run stages outside the datasets' directories only (`_staging/<run-id>/`): the run transaction removes it. */
  discard(): void {}
}
