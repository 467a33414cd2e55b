import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS } from '../../../model/dataset.js';
import { UserError } from '../../../model/errors.js';
import type { Dialect } from '../../../dialect/dialect.js';
import { type DatasetStore, type DatasetVersion, type RunPaths, type VersionFacts, type WriteOptions, type WriteSession } from '../../dataset-store.js';
import { makeDirectoryDurably } from '../../durable-fs.js';
import { datasetDir, joinPath, quarantineDir } from '../../layout.js';
import { asOfOfRun } from '../../run-as-of.js';
import type { CommitRecord } from '../../transaction/commit-record.js';
import { SchemaDriftError } from '../../schema-drift.js';
import type { VersionRecord } from '../../version-record.js';
import type { FormatRecovery } from '../../transaction/recover-dead-runs.js';
import { beginTransaction } from '../../transaction/run-transaction.js';
import { RunSession } from '../../transaction/run-session.js';
import type { FormatTables } from '../format.js';
import { parquetFilesBelow } from './data-files.js';
import { linkKeptFiles, unlinkKeptFiles, type KeptFiles } from './partition-replace.js';
import { sparkSchemaOf } from './spark-schema.js';
import { tableSchemaChanges } from './write-commit.js';
import { readHistory, type DeltaCommit } from './history.js';
import { isDeltaTable } from './replay.js';
import { restoreVersion } from './restore.js';
import { readSnapshot, type AsOf, type DeltaSnapshot } from './snapshot.js';
import { vacuum } from './vacuum.js';
import { carryOutTableCommit, deltaWriteOf, planTableCommit, recoverTableCommit, type PlannedTableCommit } from './table-commit.js';

/** Where a run's engine writes a dataset: inside the table, under a name every Delta reader skips. */
const STAGING = '_medallion_staging';

/**
 * Datasets as Delta tables at `<data-dir>/<layer>/<dataset>/`: a version is a commit of the log,
 * which Spark, delta-rs, Polars and DuckDB read natively. The engine writes Parquet into a staging
 * directory inside the table; publish moves the files in under unique names and commits them,
 * replacing the previous files (an overwrite). A crash before the commit leaves the table at its
 * last commit with orphan files that no reader reads and the next vacuum removes.
 */
export class DeltaDatasetStore implements DatasetStore {
  constructor(readonly dataDir: string) {}

  currentPath(dataset: string): string {
    return datasetDir(this.dataDir, dataset);
  }

  async currentVersion(dataset: string): Promise<string | undefined> {
    const table = this.currentPath(dataset);
    if (!isDeltaTable(table)) return undefined;
    return contentRunId(readHistory(table));
  }

  /**
   * Every commit whose files are still on disk, newest first: its run id (or the rollback's), the
   * rows and bytes it reads, and `delta v<N>` as its checksum column, so `history` shows the version.
   */
  async versions(dataset: string): Promise<DatasetVersion[]> {
    const table = this.currentPath(dataset);
    if (!isDeltaTable(table)) return [];
    const commits = readHistory(table);
    const versions: DatasetVersion[] = [];
    for (const commit of commits) {
      const snapshot = await readSnapshot(table, { version: commit.version });
      if (!snapshot.files.every((f) => existsSync(f))) continue;
      versions.push({
        dataset,
        versionId: commit.runId ?? `v${commit.version}`,
        createdAt: commit.timestamp.toISOString(),
        rows: snapshot.rows ?? null,
        bytes: snapshot.bytes,
        columns: snapshot.columns,
        files: snapshot.files.map((f) => ({ path: f.slice(table.length + 1), bytes: statSync(f).size })),
        checksum: `delta v${commit.version}`,
        current: commit === commits[0],
        publishedAt: commit.timestamp.toISOString(),
      });
    }
    return versions;
  }

  /** A Delta version has no directory of its own: readers go through `relation`. */
  versionPath(dataset: string): string {
    return this.currentPath(dataset);
  }

  /** The files of the current snapshot (or of `asOf`: a run id, a version number or an ISO timestamp), as one relation. */
  async relation(dataset: string, dialect: Dialect, asOf?: string): Promise<string> {
    const table = this.currentPath(dataset);
    const snapshot = await readSnapshot(table, asOf === undefined ? undefined : this.#resolveAsOf(dataset, table, asOf));
    return snapshotRelation(snapshot, dialect);
  }

  #resolveAsOf(dataset: string, table: string, asOf: string): AsOf {
    if (/^v?\d+$/.test(asOf)) return { version: Number(asOf.replace(/^v/, '')) };
    const byRun = readHistory(table).find((c) => c.runId === asOf);
    if (byRun) return { version: byRun.version };
    const instant = /^\d{4}-\d{2}-\d{2}/.test(asOf) ? new Date(asOf) : undefined;
    if (instant && !Number.isNaN(instant.getTime())) return { timestamp: instant };
    throw new UserError(`--as-of: ${dataset} has no version '${asOf}': give a run id, a Delta version number or an ISO timestamp (see 'medallion history')`);
  }

  /** Reads every table's current snapshot, so that a run's plan reads exactly the files of each. */
  async paths(runId: string): Promise<RunPaths> {
    const current = new Map<string, DeltaSnapshot>();
    for (const table of deltaTables(this.dataDir)) current.set(table.dataset, await readSnapshot(table.dir));
    return deltaRunPaths(this, runId, current);
  }

  isBuilt(dataset: string): boolean {
    return isDeltaTable(this.currentPath(dataset));
  }

  /** Quarantined rows stay plain Parquet, as in every data dir. */
  quarantinePath(dataset: string): string {
    return quarantineDir(this.dataDir, dataset);
  }

  /** A Delta view is its snapshot's file list: the catalog is rewritten on every commit. */
  async viewRelation(dataset: string, dialect: Dialect): Promise<string> {
    return this.relation(dataset, dialect);
  }

  async beginWrite(runId: string, command: 'run' | 'rollback', options: WriteOptions = {}): Promise<WriteSession> {
    makeDirectoryDurably(this.dataDir);
    assertNoPlainVersions(this.dataDir);
    const { notices, release } = await beginTransaction(this.dataDir, runId, command, this.#recovery());
    try {
      const current = new Map<string, DeltaSnapshot>();
      for (const table of deltaTables(this.dataDir)) current.set(table.dataset, await readSnapshot(table.dir));
      return new RunSession(this.dataDir, runId, new DeltaTables(this, runId, options, current), options, notices, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * The Delta tables' part of recovering dead runs: a run that died after its commit record has
   * each table it listed committed now, exactly as planned (or left at its last commit when the
   * table moved on since); staged files of runs that never committed leave the tables.
   */
  #recovery(): FormatRecovery {
    return {
      finishCommit: async (record) => {
        const unfinished: string[] = [];
        for (const dataset of record.datasets) {
          const plan = record.tables?.[dataset];
          // A record without plans is from a release that placed files before planning: nothing of it can be finished exactly.
          const outcome = plan ? await recoverTableCommit(this.currentPath(dataset), dataset, record.runId, plan) : 'undone';
          if (outcome === 'undone') unfinished.push(dataset);
        }
        return unfinished;
      },
      repairTables: async () => removeTableStaging(this.dataDir).map((dataset) => `${dataset}: removed the unfinished output of a run that did not commit`),
    };
  }
}

/** Where a run writes: inside each table, under a name every Delta reader skips; quarantine as plain Parquet. */
function deltaRunPaths(store: DeltaDatasetStore, runId: string, current: ReadonlyMap<string, DeltaSnapshot>): RunPaths {
  return {
    current: (dataset) => store.currentPath(dataset),
    currentRelation: (dataset, dialect) => {
      const snapshot = current.get(dataset);
      return snapshot ? snapshotRelation(snapshot, dialect) : dialect.readParquet(store.currentPath(dataset));
    },
    isPublished: (dataset) => current.has(dataset),
    publishedAsOf: (dataset) => (current.has(dataset) ? asOfOfRun(store.dataDir, contentRunId(readHistory(store.currentPath(dataset)))) : undefined),
    staged: (dataset) => joinPath(store.currentPath(dataset), STAGING, runId),
    quarantine: (dataset) => quarantineDir(store.dataDir, dataset),
    quarantineStaged: (dataset) => joinPath(store.dataDir, '_staging', runId, '_quarantine', dataset),
  };
}

/** The Delta tables' side of a run's transaction (`transaction/run-session.ts` drives it). */
class DeltaTables implements FormatTables {
  readonly #kept = new Map<string, KeptFiles>();
  readonly #facts = new Map<string, VersionFacts>();
  readonly #allowSchemaChange: boolean;
  readonly paths: RunPaths;

  constructor(
    readonly store: DeltaDatasetStore,
    readonly runId: string,
    options: WriteOptions,
    /** The snapshot each table reads now, kept up to date by this run's commits. */
    readonly current: Map<string, DeltaSnapshot>,
  ) {
    this.#allowSchemaChange = options.allowSchemaChange ?? false;
    this.paths = deltaRunPaths(store, runId, current);
  }

  async stage(dataset: string, facts: VersionFacts): Promise<VersionRecord> {
    const snapshot = this.current.get(dataset);
    if (snapshot && !this.#allowSchemaChange) {
      // Refused here, with the dataset named, rather than when the commit is planned: a run by days
      // and a run without them partition a table differently.
      const changes = tableSchemaChanges(snapshot.state.metadata, sparkSchemaOf(facts.columns), deltaWriteOf(facts.write).partitionColumns);
      if (changes.length) throw new SchemaDriftError(dataset, contentRunId(readHistory(snapshot.tableDir)) ?? `v${snapshot.version}`, changes);
    }
    const staged = this.paths.staged(dataset);
    let kept: KeptFiles | undefined;
    if (facts.write.kind === 'replace-days') {
      // The days a run keeps are linked in, so that readers of the staged directory read the whole
      // version. An engine writes no directory for a window without rows.
      mkdirSync(staged, { recursive: true });
      kept = linkKeptFiles(dataset, snapshot, staged, facts.write);
      this.#kept.set(dataset, kept);
    }
    const files = parquetFilesBelow(staged).map((f) => ({ path: f, bytes: statSync(join(staged, f)).size }));
    this.#facts.set(dataset, facts);
    return {
      dataset,
      versionId: this.runId,
      createdAt: new Date().toISOString(),
      rows: facts.rows + (kept?.rows ?? 0),
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      columns: facts.columns.map(({ name, type }) => ({ name, type })),
      files,
      checksum: 'delta (staged)',
    };
  }

  currentRows(dataset: string): number | undefined {
    return this.current.get(dataset)?.rows;
  }

  /**
   * Every table's commit is planned in full (file names, log entry) before the run records that it
   * commits and before any file moves: recovery finishes exactly these commits, or undoes them.
   */
  async planCommit(staged: readonly string[]): Promise<Pick<CommitRecord, 'datasets' | 'tables'>> {
    // Everything is built: the kept days' links go, and each commit adds only the run's new files.
    for (const dataset of staged) unlinkKeptFiles(this.paths.staged(dataset), this.#kept.get(dataset));
    const tables: Record<string, PlannedTableCommit> = {};
    for (const dataset of staged) {
      const dir = this.paths.staged(dataset);
      if (existsSync(dir)) tables[dataset] = await planTableCommit(this.store.currentPath(dataset), dir, this.runId, this.#facts.get(dataset)!, this.#allowSchemaChange);
    }
    return { datasets: Object.keys(tables), tables };
  }

  /** Table by table: a crash between two tables' commits is finished by the next writer, so every table ends at this run's commit. */
  async makeCurrent(record: CommitRecord, published: (dataset: string) => void): Promise<void> {
    for (const [dataset, plan] of Object.entries(record.tables ?? {})) {
      await carryOutTableCommit(this.store.currentPath(dataset), dataset, this.runId, plan);
      this.current.set(dataset, await readSnapshot(this.store.currentPath(dataset)));
      published(dataset);
    }
  }

  /** A RESTORE commit that makes the table read as the newest commit of run `versionId` (or `v<N>`). */
  async restore(dataset: string, versionId: string): Promise<string | undefined> {
    const table = this.store.currentPath(dataset);
    if (!isDeltaTable(table)) throw new UserError(`${dataset} has no Delta table in ${this.store.dataDir}`);
    const history = readHistory(table);
    const target = history.find((c) => c.runId === versionId || `v${c.version}` === versionId);
    if (!target) throw new UserError(`${dataset} has no kept version ${versionId}`);
    const before = contentRunId(history);
    if (before === versionId) return before;
    await restoreVersion(table, target.version, this.runId);
    this.current.set(dataset, await readSnapshot(table));
    return before;
  }

  /** Files no kept commit reads go, and what the run staged inside the table. */
  async vacuum(dataset: string, keep: number): Promise<void> {
    const table = this.store.currentPath(dataset);
    await vacuum(table, keep);
    rmSync(join(table, STAGING), { recursive: true, force: true });
  }

  /** Every table directory the run's engine wrote into loses what it staged there, not only the tables that got as far as `stage`. */
  discard(): void {
    removeTableStaging(this.store.dataDir, this.runId);
  }
}

/** The relation of a snapshot's files; a table without files reads as its columns, empty. */
export function snapshotRelation(snapshot: DeltaSnapshot, dialect: Dialect): string {
  if (snapshot.files.length) return dialect.readTable(snapshot.files, 'parquet');
  const columns = snapshot.columns.map((c) => `CAST(NULL AS ${c.type}) AS ${dialect.identifier(c.name)}`).join(', ');
  return `(SELECT ${columns} WHERE 1 = 0)`;
}

/**
 * The run whose output the table reads now: the latest commit's run, or for a RESTORE the run of
 * the version it restored, so that rolling back to a run that is already current changes nothing.
 */
function contentRunId(history: readonly DeltaCommit[]): string | undefined {
  const byVersion = new Map(history.map((c) => [c.version, c]));
  let commit = history[0];
  for (let hops = 0; commit && commit.operation === 'RESTORE' && hops < history.length; hops++) {
    const restored = byVersion.get(Number(commit.operationParameters['version']));
    if (!restored) break;
    commit = restored;
  }
  return commit?.runId;
}

/**
 * Removes what runs staged inside table directories (only run `runId`'s when given), and a table
 * directory left empty by it (a first run's); returns the datasets that had staged files.
 */
function removeTableStaging(dataDir: string, runId?: string): string[] {
  const cleaned: string[] = [];
  for (const layer of LAYERS) {
    const layerDir = join(dataDir, layer);
    if (!existsSync(layerDir)) continue;
    for (const name of readdirSync(layerDir)) {
      const staging = join(layerDir, name, STAGING);
      if (!existsSync(staging)) continue;
      rmSync(runId === undefined ? staging : join(staging, runId), { recursive: true, force: true });
      if (existsSync(staging) && readdirSync(staging).length === 0) rmSync(staging, { recursive: true, force: true });
      if (readdirSync(join(layerDir, name)).length === 0) rmSync(join(layerDir, name), { recursive: true, force: true });
      cleaned.push(`${layer}.${name}`);
    }
  }
  return cleaned;
}

function deltaTables(dataDir: string): Array<{ dataset: string; dir: string }> {
  const tables: Array<{ dataset: string; dir: string }> = [];
  for (const layer of LAYERS) {
    const layerDir = join(dataDir, layer);
    if (!existsSync(layerDir)) continue;
    for (const name of readdirSync(layerDir)) {
      const dir = join(layerDir, name);
      if (isDeltaTable(dir)) tables.push({ dataset: `${layer}.${name}`, dir });
    }
  }
  return tables;
}

/** Versioned plain Parquet and Delta tables do not share a data dir: one layout per data dir. */
function assertNoPlainVersions(dataDir: string): void {
  if (existsSync(join(dataDir, '_versions'))) {
    throw new UserError(`${dataDir} holds versioned Parquet datasets (written without --table-format delta); give Delta tables their own --data-dir`);
  }
}

/** True when the data dir holds any Delta table, so commands that only read pick the Delta store. */
export function holdsDeltaTables(dataDir: string): boolean {
  return deltaTables(dataDir).length > 0;
}

