import type { Dialect } from '../dialect/dialect.js';
import type { RunManifest } from '../model/manifest.js';
import type { VersionRecord, SchemaColumn } from './version-record.js';
import type { StrategyWritten } from './write-strategy.js';

/** Where a run reads and writes each dataset: pure, so that a run can be planned without touching a file. */
export interface RunPaths {
  /** What readers read: the current version. */
  current(dataset: string): string;
  /** A table expression reading the current version (a directory's Parquet, or a Delta snapshot's files). */
  currentRelation(dataset: string, dialect: Dialect): string;
  /** True when the dataset has a published version that `currentRelation` reads. */
  isPublished(dataset: string): boolean;
  /** The as-of date of the run whose version is current, when known: the day a history-keeping dataset was last built for. */
  publishedAsOf(dataset: string): string | undefined;
  /** Where this run writes a dataset before publishing it. */
  staged(dataset: string): string;
  /** Where the current quarantined rows of a dataset are. */
  quarantine(dataset: string): string;
  /** Where this run writes a dataset's quarantined rows before publishing them. */
  quarantineStaged(dataset: string): string;
}

/** What the runner knows about a version it wrote: the store measures the rest. */
export interface VersionFacts {
  readonly rows: number;
  readonly columns: readonly SchemaColumn[];
  /** The plan's write strategy as the run carried it out: the format makes the version by it. */
  readonly write: StrategyWritten;
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
  /** Where the current quarantined rows of a dataset are (`_quarantine/<layer>.<dataset>`). */
  quarantinePath(dataset: string): string;
  /** The id of the current version, or undefined when the dataset was never published. */
  currentVersion(dataset: string): Promise<string | undefined>;
  /** Kept, published versions, newest first. */
  versions(dataset: string): Promise<DatasetVersion[]>;
  /** The directory holding one kept version's files, for time travel. */
  versionPath(dataset: string, versionId: string): string;
  /** Where run `runId` reads and writes; nothing is written. */
  paths(runId: string): Promise<RunPaths>;
  /** True when the dataset has a complete current version. */
  isBuilt(dataset: string): boolean;
  /**
   * A table expression reading the current version (or the kept version `asOf`), for `show` and
   * the engines, pinned to that one version: for versioned Parquet the version directory current
   * now, for a Delta table the files of its current snapshot.
   */
  relation(dataset: string, dialect: Dialect, asOf?: string): Promise<string>;
  /**
   * A table expression for a view that outlives this process (the catalog's): one that reads the
   * version current when it is queried where the format can give one (versioned Parquet: through
   * the dataset's link, so a BI tool holding an old catalog file open still reads current data),
   * else the current snapshot, as `relation` (Delta; the catalog is rewritten on every commit).
   */
  viewRelation(dataset: string, dialect: Dialect): Promise<string>;
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
  /** Where the engine writes: the same paths the run was planned with. */
  readonly paths: RunPaths;
  /**
   * Checks and seals what was written at `paths.staged(dataset)` as this run's version, without
   * making it visible. Throws `SchemaDriftError` when its columns differ from the current version's
   * and the session does not allow schema changes.
   */
  stage(dataset: string, facts: VersionFacts): Promise<VersionRecord>;
  /** Seals the rows written at `paths.quarantineStaged(dataset)`, to be published with the run. */
  stageQuarantine(dataset: string): void;
  /** Rows of the dataset's current version, when it has one and they are known. */
  currentRows(dataset: string): number | undefined;
  /** Makes everything staged current together: a run publishes all of its datasets or none. */
  commit(): Promise<void>;
  /** `stage` and `commit` of one dataset. */
  publish(dataset: string, facts: VersionFacts): Promise<VersionRecord>;
  /** Makes the rows staged at `paths.quarantineStaged(dataset)` the dataset's current quarantine at once (a `fail`'s rows, kept for inspection). */
  publishQuarantine(dataset: string): Promise<void>;
  /** Writes the run's manifest durably and returns its path. */
  writeManifest(manifest: RunManifest): string;
  /** Removes what this run staged and did not publish (a failed run's files hold room the manifest needs). */
  discardStaging(): void;
  /** Makes a kept version current again, atomically; returns the version it replaced. */
  restore(dataset: string, versionId: string): Promise<string | undefined>;
  /** Prunes versions beyond `keep` of the datasets published, removes the staging area, releases the lock. */
  end(): Promise<void>;
}
