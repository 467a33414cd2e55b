import type { RunManifest } from '../../model/manifest.js';
import { DEFAULT_KEEP, type RunPaths, type VersionFacts, type WriteOptions, type WriteSession } from '../dataset-store.js';
import type { FormatTables } from '../formats/format.js';
import { writeManifestFile } from '../manifests.js';
import { markComplete } from '../publish.js';
import type { CommitRecord } from './commit-record.js';
import type { VersionRecord } from '../version-record.js';
import { commitTransaction, discardRunStaging, publishQuarantineNow, removeStagingArea } from './run-transaction.js';

/**
 * A run's (or a rollback's) write session on any table format: the transaction's steps are here
 * once (stage, the commit record, all datasets or none, quarantines, manifest, discard, vacuum,
 * release), and the format's `FormatTables` does what differs between formats.
 */
export class RunSession implements WriteSession {
  readonly #staged = new Set<string>();
  readonly #stagedQuarantines = new Set<string>();
  readonly #published = new Set<string>();
  readonly #keep: number;
  readonly paths: RunPaths;

  constructor(
    readonly dataDir: string,
    readonly runId: string,
    readonly tables: FormatTables,
    options: WriteOptions,
    readonly notices: readonly string[],
    readonly release: () => void,
  ) {
    this.#keep = options.keep ?? DEFAULT_KEEP;
    this.paths = tables.paths;
  }

  async stage(dataset: string, facts: VersionFacts): Promise<VersionRecord> {
    const record = await this.tables.stage(dataset, facts);
    this.#staged.add(dataset);
    return record;
  }

  stageQuarantine(dataset: string): void {
    markComplete(this.paths.quarantineStaged(dataset));
    this.#stagedQuarantines.add(dataset);
  }

  currentRows(dataset: string): number | undefined {
    return this.tables.currentRows(dataset);
  }

  /**
   * Makes everything staged current together. Every table's commit is planned and the run's commit
   * record written (and flushed) before anything becomes visible: from then on the run is
   * published, and a crash part-way is finished by the next writer's recovery to exactly what the
   * record says, so readers never keep a mix of two runs.
   */
  async commit(): Promise<void> {
    if (!this.#staged.size && !this.#stagedQuarantines.size) return;
    const planned = await this.tables.planCommit([...this.#staged]);
    const record: CommitRecord = { runId: this.runId, ...planned, quarantines: [...this.#stagedQuarantines] };
    await commitTransaction(
      this.dataDir,
      record,
      () => this.tables.makeCurrent(record, (dataset) => this.#published.add(dataset)),
      this.paths.quarantineStaged,
      this.paths.quarantine,
    );
    this.#staged.clear();
    this.#stagedQuarantines.clear();
  }

  async publish(dataset: string, facts: VersionFacts): Promise<VersionRecord> {
    const record = await this.stage(dataset, facts);
    await this.commit();
    return record;
  }

  async publishQuarantine(dataset: string): Promise<void> {
    publishQuarantineNow(this.paths.quarantineStaged(dataset), this.paths.quarantine(dataset), this.runId);
  }

  writeManifest(manifest: RunManifest): string {
    return writeManifestFile(this.dataDir, manifest);
  }

  /** A run that recorded its commit keeps what it staged, for the next writer's recovery to finish. */
  discardStaging(): void {
    if (discardRunStaging(this.dataDir, this.runId)) this.tables.discard();
  }

  restore(dataset: string, versionId: string): Promise<string | undefined> {
    return this.tables.restore(dataset, versionId);
  }

  async end(): Promise<void> {
    try {
      for (const dataset of this.#published) await this.tables.vacuum(dataset, this.#keep);
      removeStagingArea(this.dataDir, this.runId);
    } finally {
      this.release();
    }
  }
}
