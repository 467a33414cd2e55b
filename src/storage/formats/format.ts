import type { DatasetStore, RunPaths, VersionFacts } from '../dataset-store.js';
import type { CommitRecord } from '../transaction/commit-record.js';
import type { VersionRecord } from '../version-record.js';

/** The names `--table-format` takes, and `remote` for a data dir this process can only write in place. */
export type TableFormatName = 'parquet' | 'delta' | 'remote';

/**
 * One way of keeping a data dir's tables: versioned Parquet directories, Delta Lake tables, the
 * in-place remote layout. Each is one folder beside this file and one line of `registry.ts`.
 *
 * What readers need (the current snapshot as a relation for a dialect, its versions, time travel)
 * is the `DatasetStore` that `open` returns. Its `beginWrite` gives `transaction/run-transaction.ts`
 * the format's recovery of what dead runs left (run under the lock, before anything else), then
 * hands the format's `FormatTables` (stage, plan and carry out a commit, restore, vacuum, discard)
 * to `transaction/run-session.ts`, which does the rest once for every format.
 */
export interface StorageFormat {
  readonly name: TableFormatName;
  /** True when `dataDir` (a local path or URL as given) already holds tables of this format. */
  holds(dataDir: string): boolean;
  /** The store for `dataDir`; throws a `UserError` when `dataDir` cannot hold this format. */
  open(dataDir: string): DatasetStore;
}

/**
 * A format's tables during one run (or rollback), under the data dir's lock. The run transaction
 * owns the order of things: it stages, writes the commit record that `planCommit` returns, has
 * `makeCurrent` carry it out, publishes the quarantines, and at the end vacuums what was
 * published; recovery of a dead run finishes the same record (`recover` in each format's store).
 */
export interface FormatTables {
  /** Where the run reads and writes: the paths it was planned with. */
  readonly paths: RunPaths;
  /** Checks and seals what the engine wrote at `paths.staged(dataset)`, without making it visible. */
  stage(dataset: string, facts: VersionFacts): Promise<VersionRecord>;
  /** Rows of the dataset's current version, when known. */
  currentRows(dataset: string): number | undefined;
  /**
   * Decides everything the commit of the staged datasets will do, before anything is done: what the
   * run's commit record lists (its datasets and, for a format that moves files, each table's plan).
   */
  planCommit(staged: readonly string[]): Promise<Pick<CommitRecord, 'datasets' | 'tables'>>;
  /** Carries out the recorded commit, table by table, calling `published` as each becomes current. */
  makeCurrent(record: CommitRecord, published: (dataset: string) => void): Promise<void>;
  /** Makes a kept version current again, atomically; returns the version it replaced. */
  restore(dataset: string, versionId: string): Promise<string | undefined>;
  /** Drops what the dataset keeps beyond `keep` versions, after a commit. */
  vacuum(dataset: string, keep: number): Promise<void>;
  /** Removes what the run staged inside the tables (a failed run's), when it recorded no commit. */
  discard(): void;
}
