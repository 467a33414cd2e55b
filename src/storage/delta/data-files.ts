import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fsyncFile } from '../durable-fs.js';

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

/**
 * Moves the Parquet files an engine wrote below `stagingDir` into the table directory under new
 * unique names, keeping `column=value/` partition directories, and flushes them. They are not
 * part of the table until a commit adds them; until then every reader ignores them, and vacuum
 * removes them if the commit never comes.
 */
export async function moveIntoTable(stagingDir: string, tableDir: string): Promise<string[]> {
  const moved = parquetFilesBelow(stagingDir).map((rel, index) => {
    const partition = dirname(rel);
    const target = partition === '.' ? uniqueDataFileName(index) : `${partition}/${uniqueDataFileName(index)}`;
    mkdirSync(dirname(join(tableDir, target)), { recursive: true });
    renameSync(join(stagingDir, rel), join(tableDir, target));
    return target;
  });
  await Promise.all(moved.map((rel) => fsyncFile(join(tableDir, rel))));
  await Promise.all([...new Set(moved.map((rel) => dirname(join(tableDir, rel))))].map((d) => fsyncFile(d)));
  return moved;
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
