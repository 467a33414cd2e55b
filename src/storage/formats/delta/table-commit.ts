import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from '../../durable-fs.js';
import { faultPoint } from '../../fault-points.js';
import { SUCCESS_MARKER } from '../../layout.js';
import type { SchemaColumn } from '../../version-record.js';
import type { WriteStrategy } from '../../write-strategy.js';
import { placeFiles, plannedMoves, type FileMove } from './data-files.js';
import { readHistory } from './history.js';
import { latestVersion, listLog } from './replay.js';
import { prepareCommit, writePreparedCommit, type DeltaWrite, type PreparedCommit } from './write-commit.js';

/**
 * Everything one table's commit of a run will do, decided before any of it is done: which staged
 * file becomes which data file of the table, and the exact log entry (the version it will be, the
 * files it adds and the files it removes). The run's commit record holds one per table, so a
 * writer that finds the run dead can finish each commit to exactly this, or leave it undone.
 */
export interface PlannedTableCommit {
  readonly moves: readonly FileMove[];
  readonly commit: PreparedCommit;
}

/** What a table's commit is made of: the columns it writes and the run's write strategy. */
export interface TableCommitFacts {
  readonly columns: readonly SchemaColumn[];
  readonly write: WriteStrategy;
}

/**
 * A write strategy as Delta commits it: an overwrite of an unpartitioned table (a merge of sums is
 * written whole, as the new sums of every key), or an overwrite of the replaced days' files only,
 * with the predicate Delta's `replaceWhere` records; a full refresh by days replaces every file.
 * The table's partitioning is the strategy's, never the previous commit's: files written flat in a
 * table still partitioned by day would read, in Spark and delta-rs, with a day of null.
 */
export function deltaWriteOf(strategy: WriteStrategy): Pick<DeltaWrite, 'mode' | 'partitionColumns' | 'replacePartitions'> & { readonly partitionColumns: readonly string[] } {
  switch (strategy.kind) {
    case 'overwrite':
    case 'merge-sums':
      return { mode: 'overwrite', partitionColumns: [] };
    case 'replace-days':
      return {
        mode: 'overwrite',
        partitionColumns: [strategy.column],
        ...(strategy.keepOtherDays ? { replacePartitions: { column: strategy.column, values: strategy.days } } : {}),
      };
  }
}

/**
 * Plans the overwrite of `table` by the files staged at `staged` (a directory inside it): unique
 * names for them, statistics read where they are staged, and one log entry that adds them and
 * removes the current files (only those of the replaced days for a day's rebuild). Nothing is
 * written; a schema the table refuses throws here, before the run records its commit.
 */
export async function planTableCommit(table: string, staged: string, runId: string, facts: TableCommitFacts, allowSchemaChange: boolean): Promise<PlannedTableCommit> {
  const moves = plannedMoves(staged, table);
  const sources = new Map(moves.map((m) => [m.to, join(table, m.from)] as const));
  const prepared = await prepareCommit(
    table,
    { files: moves.map((m) => m.to), columns: facts.columns, allowSchemaChange, runId, ...deltaWriteOf(facts.write) },
    (rel) => sources.get(rel) ?? join(table, rel),
  );
  return { moves, commit: { version: prepared.version, actions: prepared.actions } };
}

/**
 * Carries out a planned commit: places the files, then writes the log entry. Each step is skipped
 * when already done, so the same call finishes a commit that a crash interrupted anywhere.
 */
export async function carryOutTableCommit(table: string, dataset: string, runId: string, plan: PlannedTableCommit): Promise<void> {
  if (readHistory(table).some((c) => c.runId === runId)) return;
  faultPoint('delta.publish.start', dataset);
  await placeFiles(table, plan.moves, dataset);
  faultPoint('delta.publish.placed', dataset);
  await writePreparedCommit(table, plan.commit);
  faultPoint('delta.publish.committed', dataset);
  // Plain-Parquet readers of the data dir (and `--select`) take a dataset with _SUCCESS as built.
  if (!existsSync(join(table, SUCCESS_MARKER))) writeFileDurably(join(table, SUCCESS_MARKER), '');
}

/**
 * What recovery does with the planned commit of a run that died: finish it when the table is still
 * at the version the plan was made on (the run held the lock, so it is, unless someone wrote the
 * table by hand), else undo it, removing the files it placed, which no commit names.
 */
export async function recoverTableCommit(table: string, dataset: string, runId: string, plan: PlannedTableCommit): Promise<'finished' | 'done already' | 'undone'> {
  if (readHistory(table).some((c) => c.runId === runId)) return 'done already';
  const latest = latestVersion(listLog(table));
  const base = latest === undefined ? -1 : latest;
  const placeable = plan.moves.every((m) => existsSync(join(table, m.from)) || existsSync(join(table, m.to)));
  if (base === plan.commit.version - 1 && placeable) {
    await carryOutTableCommit(table, dataset, runId, plan);
    return 'finished';
  }
  for (const move of plan.moves) rmSync(join(table, move.to), { force: true });
  return 'undone';
}
