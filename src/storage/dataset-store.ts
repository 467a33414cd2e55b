import type { Dialect } from '../dialect/dialect.js';
import type { VersionRecord, SchemaColumn } from './version-record.js';

/** What the runner knows about a version it wrote: the store measures the rest. */
export interface VersionFacts {
  readonly rows: number;
  readonly columns: readonly SchemaColumn[];
}

export interface WriteOptions {
  /** Versions kept per dataset, the current one always among them (default 5). */
  readonly keep?: number;
  /** Publish a version whose columns differ from the current version's (default: refuse). */
  readonly allowSchemaChange?: boolean;
}

export const DEFAULT_KEEP = 5;

/** A kept version of a dataset, as `medallion history` lists it. */
export interface DatasetVersion extends VersionRecord {
  readonly current: boolean;
  /** When it was last made current (by its run or by a rollback). */
  readonly publishedAt: string | undefined;
}

/**
 * Where datasets are kept, versioned. The runner, `show`, `history` and `rollback` go through this
 * interface only, so a store for HDFS or an object store can be added beside the local one.
 */
export interface DatasetStore {
  readonly dataDir: string;
  /** What plain readers read: `<data-dir>/<layer>/<dataset>`, always the current version. */
  currentPath(dataset: string): string;
  /** The id of the current version, or undefined when the dataset was never published. */
  currentVersion(dataset: string): Promise<string | undefined>;
  /** Kept, published versions, newest first. */
  versions(dataset: string): Promise<DatasetVersion[]>;
  /** The directory holding one kept version's files, for time travel. */
  versionPath(dataset: string, versionId: string): string;
  /**
   * A table expression reading the current version (or the kept version `asOf`), for `show` and
   * the engines: a directory's Parquet for plain datasets, the snapshot's files for a Delta table.
   */
  relation(dataset: string, dialect: Dialect, asOf?: string): Promise<string>;
  /**
   * Takes the data dir's one-writer lock for `runId` and clears what dead runs left behind.
   * Throws a `UserError` naming the holder when another live process writes this data dir.
   */
  beginWrite(runId: string, command: 'run' | 'rollback', options?: WriteOptions): Promise<WriteSession>;
}

/** A run's (or a rollback's) exclusive right to change datasets, from `beginWrite` to `end`. */
export interface WriteSession {
  readonly runId: string;
  /** What was found and repaired at the start (a dead run's lock, its leftovers), for the log. */
  readonly notices: readonly string[];
  /** The directory the engine writes a dataset into before it is published. */
  stagingPath(dataset: string): string;
  /**
   * What a dataset reads as during this session, when that is not simply its directory's Parquet
   * (a Delta table's current files): undefined means `dialect.readParquet(currentPath)`.
   */
  currentRelation?(dataset: string, dialect: Dialect): string | undefined;
  /**
   * Makes what was written at `stagingPath(dataset)` the dataset's current version, atomically.
   * Throws `SchemaDriftError` (publishing nothing) when its columns differ from the current
   * version's and the session does not allow schema changes.
   */
  publish(dataset: string, facts: VersionFacts): Promise<VersionRecord>;
  /** Makes a kept version current again, atomically; returns the version it replaced. */
  restore(dataset: string, versionId: string): Promise<string | undefined>;
  /** Prunes versions beyond `keep` of the datasets published, removes the staging area, releases the lock. */
  end(): Promise<void>;
}
