import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { currentEntry, currentVersionId } from './current-version.js';
import { DEFAULT_KEEP, type DatasetStore, type DatasetVersion, type VersionFacts, type WriteOptions, type WriteSession } from './dataset-store.js';
import { fsyncFile, makeDirectoryDurably, renameDurably, replaceSymlink, replaceSymlinkAsync, writeFileDurably } from './durable-fs.js';
import { faultPoint } from './fault-points.js';
import { datasetDir, joinPath, stagingDir, SUCCESS_MARKER } from './layout.js';
import { pruneVersions } from './prune.js';
import { appendPublishEvent, appendPublishEventAsync, readPublishLog } from './publish-log.js';
import { recoverDataDir } from './recover.js';
import { schemaDiff, SchemaDriftError } from './schema-drift.js';
import { datasetVersionsDir, relativeVersionTarget, stagingRoot, VERSION_RECORD, versionDir } from './version-layout.js';
import { publishedVersions } from './version-dirs.js';
import { checksumOf, dataFiles, readVersionRecord, type VersionRecord } from './version-record.js';
import { acquireWriterLock } from './writer-lock.js';
import { UserError } from '../core/errors.js';
import type { Dialect } from '../dialect/dialect.js';

/**
 * Versioned datasets on a local (or POSIX-shared) file system. Each version is an immutable
 * directory `_versions/<layer>/<dataset>/<run-id>/`; `<layer>/<dataset>` is a relative symlink to
 * the current one, replaced with rename(2), so a reader of the plain path resolves either the old
 * version or the new one, complete. Everything that must survive a crash is fsynced before the
 * step that makes it visible.
 */
export class LocalDatasetStore implements DatasetStore {
  constructor(readonly dataDir: string) {}

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

  async relation(dataset: string, dialect: Dialect, asOf?: string): Promise<string> {
    if (asOf !== undefined && !readVersionRecord(this.versionPath(dataset, asOf))) {
      throw new UserError(`--as-of: ${dataset} has no kept version '${asOf}' (see 'medallion history')`);
    }
    return dialect.readParquet(asOf === undefined ? this.currentPath(dataset) : this.versionPath(dataset, asOf));
  }

  async beginWrite(runId: string, command: 'run' | 'rollback', options: WriteOptions = {}): Promise<WriteSession> {
    makeDirectoryDurably(this.dataDir);
    const lock = acquireWriterLock(this.dataDir, runId, command);
    try {
      const notices: string[] = [];
      if (lock.tookOverFrom) {
        const dead = lock.tookOverFrom;
        notices.push(`took over the lock of ${dead.command} ${dead.runId} (pid ${dead.pid}, started ${dead.startedAt}), which is no longer running`);
      }
      faultPoint('begin.locked');
      notices.push(...recoverDataDir(this.dataDir));
      faultPoint('begin.recovered');
      return new LocalWriteSession(this.dataDir, runId, options, notices, () => lock.release());
    } catch (error) {
      lock.release();
      throw error;
    }
  }
}

class LocalWriteSession implements WriteSession {
  readonly #published = new Set<string>();
  readonly #keep: number;
  readonly #allowSchemaChange: boolean;

  constructor(
    readonly dataDir: string,
    readonly runId: string,
    options: WriteOptions,
    readonly notices: readonly string[],
    readonly release: () => void,
  ) {
    this.#keep = options.keep ?? DEFAULT_KEEP;
    this.#allowSchemaChange = options.allowSchemaChange ?? false;
  }

  stagingPath(dataset: string): string {
    return stagingDir(this.dataDir, this.runId, dataset);
  }

  async publish(dataset: string, facts: VersionFacts): Promise<VersionRecord> {
    const staged = this.stagingPath(dataset);
    faultPoint('publish.start', dataset);
    const previous = currentEntry(this.dataDir, dataset);
    if (previous.kind === 'version' && !this.#allowSchemaChange) {
      const current = readVersionRecord(versionDir(this.dataDir, dataset, previous.versionId));
      const diff = current && !current.legacy ? schemaDiff(current.columns, facts.columns) : [];
      if (diff.length) throw new SchemaDriftError(dataset, previous.versionId, diff);
    }

    // 1. Make the staged directory complete and durable, with its record inside. It is not
    // visible to anyone yet, so its files are written in place; one directory flush covers them.
    if (!existsSync(joinPath(staged, SUCCESS_MARKER))) writeFileSync(joinPath(staged, SUCCESS_MARKER), '');
    const files = dataFiles(staged);
    const [checksum] = await Promise.all([checksumOf(staged, files), ...files.map((f) => fsyncFile(joinPath(staged, f.path)))]);
    faultPoint('publish.after-fsync', dataset);
    const record: VersionRecord = {
      dataset,
      versionId: this.runId,
      createdAt: new Date().toISOString(),
      rows: facts.rows,
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      columns: facts.columns.map(({ name, type }) => ({ name, type })),
      files,
      checksum: checksum!,
    };
    writeFileSync(joinPath(staged, VERSION_RECORD), JSON.stringify(record, null, 1) + '\n');
    await Promise.all([fsyncFile(joinPath(staged, VERSION_RECORD)), fsyncFile(staged)]);
    faultPoint('publish.staged', dataset);

    // 2. Make it a version: one rename, so it is a version whole or not at all.
    const target = versionDir(this.dataDir, dataset, this.runId);
    makeDirectoryDurably(datasetVersionsDir(this.dataDir, dataset));
    renameSync(staged, target);
    await fsyncFile(dirname(target));
    faultPoint('publish.versioned', dataset);

    // 3. A plain directory from before versioning becomes a version of its own first.
    if (previous.kind === 'legacy') await this.#adoptLegacy(dataset);

    // 4. Switch readers to it: one rename of a symlink.
    const link = datasetDir(this.dataDir, dataset);
    makeDirectoryDurably(dirname(link));
    await replaceSymlinkAsync(link, relativeVersionTarget(dataset, this.runId));
    faultPoint('publish.switched', dataset);

    await appendPublishEventAsync(this.dataDir, dataset, { versionId: this.runId, at: new Date().toISOString(), action: 'publish', by: this.runId });
    faultPoint('publish.logged', dataset);
    this.#published.add(dataset);
    return record;
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

  async end(): Promise<void> {
    try {
      for (const dataset of this.#published) pruneVersions(this.dataDir, dataset, this.#keep);
      rmSync(joinPath(stagingRoot(this.dataDir), this.runId), { recursive: true, force: true });
      if (existsSync(stagingRoot(this.dataDir))) rmSync(stagingRoot(this.dataDir), { recursive: true, force: true });
    } finally {
      this.release();
    }
  }

  /**
   * Moves a pre-versioning `<layer>/<dataset>` directory into `_versions` as `legacy-<mtime>`,
   * logged as published. Readers see no dataset only between this move and the switch that
   * follows; a crash there is repaired by the next run, which relinks the last logged version.
   */
  async #adoptLegacy(dataset: string): Promise<void> {
    const dir = datasetDir(this.dataDir, dataset);
    const stamp = statSync(dir).mtime.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const versionId = `legacy-${stamp}`;
    const files = dataFiles(dir);
    const record: VersionRecord = {
      dataset,
      versionId,
      createdAt: statSync(dir).mtime.toISOString(),
      rows: null,
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      columns: [],
      files,
      checksum: await checksumOf(dir, files),
      legacy: true,
    };
    writeFileDurably(joinPath(dir, VERSION_RECORD), JSON.stringify(record, null, 1) + '\n');
    // Logged before it moves, so that no instant has it unlinked and unlogged (which recovery would remove).
    appendPublishEvent(this.dataDir, dataset, { versionId, at: record.createdAt, action: 'publish', by: 'before-versioning' });
    renameDurably(dir, versionDir(this.dataDir, dataset, versionId));
  }
}
