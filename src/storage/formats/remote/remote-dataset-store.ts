import { UserError } from '../../../model/errors.js';
import type { RunManifest } from '../../../model/manifest.js';
import type { Dialect } from '../../../dialect/dialect.js';
import type { DatasetStore, DatasetVersion, RunPaths, VersionFacts, WriteSession } from '../../dataset-store.js';
import { datasetDir, quarantineDir } from '../../layout.js';
import type { VersionRecord } from '../../version-record.js';

/**
 * A data dir on HDFS or an object store (`hdfs://`, `s3a://`, `abfss://`, `gs://`), which this
 * process cannot rename, link or lock: the engine writes each dataset straight to its path, and
 * the engine's own commit protocol (Spark's `_SUCCESS` after job commit) is the only guarantee.
 * No versions, history, rollback or lock; a versioned remote store implements `DatasetStore` too.
 */
export class RemoteDatasetStore implements DatasetStore {
  constructor(readonly dataDir: string) {}

  quarantinePath(dataset: string): string {
    return quarantineDir(this.dataDir, dataset);
  }

  currentPath(dataset: string): string {
    return datasetDir(this.dataDir, dataset);
  }

  async currentVersion(): Promise<string | undefined> {
    return undefined;
  }

  async versions(): Promise<DatasetVersion[]> {
    throw this.#unsupported('history');
  }

  versionPath(): string {
    throw this.#unsupported('time travel');
  }

  /** Everything is written in place: staging is the dataset's own path. */
  async paths(): Promise<RunPaths> {
    return this.#paths();
  }

  #paths(): RunPaths {
    return {
      current: (dataset) => this.currentPath(dataset),
      currentRelation: (dataset, dialect) => dialect.readParquet(this.currentPath(dataset)),
      // Remote datasets are written in place and cannot be listed here: treat them as unpublished.
      isPublished: () => false,
      publishedAsOf: () => undefined,
      staged: (dataset) => this.currentPath(dataset),
      quarantine: (dataset) => quarantineDir(this.dataDir, dataset),
      quarantineStaged: (dataset) => quarantineDir(this.dataDir, dataset),
    };
  }

  /** Spark's `_SUCCESS` cannot be checked from here: a remote dataset is assumed built, and a missing one fails in the engine. */
  isBuilt(): boolean {
    return true;
  }

  async relation(dataset: string, dialect: Dialect, asOf?: string): Promise<string> {
    if (asOf !== undefined) throw this.#unsupported('time travel');
    return dialect.readParquet(this.currentPath(dataset));
  }

  async viewRelation(dataset: string, dialect: Dialect): Promise<string> {
    return this.relation(dataset, dialect);
  }

  async beginWrite(runId: string, command: 'run' | 'rollback'): Promise<WriteSession> {
    if (command === 'rollback') throw this.#unsupported('rollback');
    const store = this;
    return {
      runId,
      notices: [`${this.dataDir} is remote: datasets are written in place, without versions or a writer lock`],
      paths: store.#paths(),
      async publishQuarantine(): Promise<void> {},
      stageQuarantine(): void {},
      currentRows: () => undefined,
      async commit(): Promise<void> {},
      async stage(dataset: string, facts: VersionFacts): Promise<VersionRecord> {
        return { dataset, versionId: runId, createdAt: new Date().toISOString(), rows: facts.rows, bytes: 0, columns: facts.columns, files: [], checksum: '' };
      },
      writeManifest(manifest: RunManifest): string {
        return `(not written: ${store.dataDir} is remote; run ${manifest.runId}'s manifest is in the log)`;
      },
      discardStaging(): void {},
      async publish(dataset: string, facts: VersionFacts): Promise<VersionRecord> {
        return { dataset, versionId: runId, createdAt: new Date().toISOString(), rows: facts.rows, bytes: 0, columns: facts.columns, files: [], checksum: '' };
      },
      async restore(): Promise<string | undefined> {
        throw store.#unsupported('rollback');
      },
      async end(): Promise<void> {},
    };
  }

  #unsupported(what: string): UserError {
    return new UserError(`${what} needs a data dir on a local or mounted file system; ${this.dataDir} is remote and not versioned`);
  }
}
