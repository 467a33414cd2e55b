import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fsyncFile } from '../../durable-fs.js';
import { faultPoint } from '../../fault-points.js';

/** A data file name no other writer will ever use: the protocol forbids reusing or overwriting one. */
export function uniqueDataFileName(index: number): string {
  return `part-${String(index).padStart(5, '0')}-${randomUUID()}.snappy.parquet`;
}

/** Parquet files below `dir`, relative to it, skipping `_` and `.` names as every Delta reader does. */
export function parquetFilesBelow(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...parquetFilesBelow(dir, rel));
    else if (entry.isFile() && entry.name.endsWith('.parquet')) found.push(rel);
  }
  return found.sort();
}

/** One data file's way into a table: from where an engine wrote it to its unique name, both relative to the table directory. */
export interface FileMove {
  readonly from: string;
  readonly to: string;
}

/**
 * The unique names the Parquet files an engine wrote below `stagingDir` (inside the table) will
 * have in the table, keeping `column=value/` partition directories. Nothing moves yet: the names
 * are chosen first so that they can be recorded before the first file is placed.
 */
export function plannedMoves(stagingDir: string, tableDir: string): FileMove[] {
  const staged = relative(tableDir, stagingDir);
  return parquetFilesBelow(stagingDir).map((rel, index) => {
    const partition = dirname(rel);
    return { from: `${staged}/${rel}`, to: partition === '.' ? uniqueDataFileName(index) : `${partition}/${uniqueDataFileName(index)}` };
  });
}

/**
 * Places files as `moves` say and flushes them. A move already made (its file is at `to` and no
 * longer at `from`) is skipped, so a writer's recovery finishes the placing a crash interrupted;
 * a file found at neither place is an error. Placed files are not part of the table until a
 * commit adds them: every reader ignores them until then.
 */
export async function placeFiles(tableDir: string, moves: readonly FileMove[], dataset = ''): Promise<void> {
  for (const [index, move] of moves.entries()) {
    const from = join(tableDir, move.from);
    const to = join(tableDir, move.to);
    if (existsSync(from)) {
      mkdirSync(dirname(to), { recursive: true });
      renameSync(from, to);
      // Half-way through a table's files (with one file: all of it), for the kill tests.
      if (index === 0) faultPoint('delta.publish.placing', dataset);
    } else if (!existsSync(to)) {
      throw new Error(`${tableDir}: data file ${move.from} is neither staged nor placed as ${move.to}`);
    }
  }
  await Promise.all(moves.map((m) => fsyncFile(join(tableDir, m.to))));
  await Promise.all([...new Set(moves.map((m) => dirname(join(tableDir, m.to))))].map((d) => fsyncFile(d)));
}

/** Moves what an engine wrote below `stagingDir` into the table under unique names (see `plannedMoves`) and returns their names. */
export async function moveIntoTable(stagingDir: string, tableDir: string): Promise<string[]> {
  const moves = plannedMoves(stagingDir, tableDir);
  await placeFiles(tableDir, moves);
  return moves.map((m) => m.to);
}

/** The partition values a file's `column=value/` directories give it (Hive-style, URL-decoded). */
export function partitionValuesOf(relativePath: string, partitionColumns: readonly string[]): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const segment of relativePath.split('/').slice(0, -1)) {
    const eq = segment.indexOf('=');
    if (eq < 0) continue;
    const column = decodeURIComponent(segment.slice(0, eq));
    const value = decodeURIComponent(segment.slice(eq + 1));
    if (partitionColumns.includes(column)) values[column] = value === '__HIVE_DEFAULT_PARTITION__' || value === '' ? null : value;
  }
  for (const column of partitionColumns) if (!(column in values)) values[column] = null;
  return values;
}

export function modificationTimeOf(path: string): number {
  return Math.floor(statSync(path).mtimeMs);
}
