import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { faultPoint } from './fault-points.js';

/**
 * Names of the temporary files this module creates: `.<name>.tmp-<pid>-<random>`. Dot-prefixed,
 * so that Spark, DuckDB globs on `*.parquet` and our own listings never read them, and carrying
 * the pid so that a later run can tell a dead writer's leftovers from a live one's.
 */
export const TEMP_NAME = /^\..+\.tmp-(\d+)-[0-9a-f]+$/;

export function tempSibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(16).slice(2, 10)}`);
}

/** Flushes a file's or a directory's entry list to disk; after a rename, the directory must be flushed too. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `fsyncPath` on the thread pool, so that the files of a version are flushed in parallel. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `dir` and its missing parents, flushing each parent whose entry list changed. */
export function makeDirectoryDurably(dir: string): void {
  const created = mkdirSync(dir, { recursive: true });
  if (created === undefined) return;
  for (let d = dir; d.length >= created.length; d = dirname(d)) fsyncPath(dirname(d));
}

/**
 * Replaces `path` with `data` so that a crash at any instant leaves either the old content or the
 * new one, never a mixture: write a temporary sibling, flush it, rename it over, flush the directory.
 */
export function writeFileDurably(path: string, data: string): void {
  const temp = tempSibling(path);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeFileSync(fd, data);
      faultPoint('write-file.before-fsync', basename(path));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncPath(dirname(path));
}

/**
 * Points the symlink `link` at `target` (a path relative to the link's directory) atomically:
 * readers resolve the old target or the new one, and `link` exists at every instant.
 */
export function replaceSymlink(link: string, target: string): void {
  const temp = tempSibling(link);
  symlinkSync(target, temp);
  try {
    renameSync(temp, link);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncPath(dirname(link));
}

/** Moves `from` to `to` (same file system) and flushes both directories, so the move survives a crash. */
export function renameDurably(from: string, to: string): void {
  renameSync(from, to);
  fsyncPath(dirname(to));
  if (dirname(from) !== dirname(to)) fsyncPath(dirname(from));
}

/**
 * `writeFileDurably` with its flushes on the thread pool, for the publish path: another dataset
 * (or pipeline) keeps its engine busy while this one waits for the disk.
 */
export async function writeFileDurablyAsync(path: string, data: string): Promise<void> {
  const temp = tempSibling(path);
  try {
    const handle = await open(temp, 'wx');
    try {
      await writeFile(handle, data);
      faultPoint('write-file.before-fsync', basename(path));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncFile(dirname(path));
}

/** `replaceSymlink` with the directory flush on the thread pool. */
export async function replaceSymlinkAsync(link: string, target: string): Promise<void> {
  const temp = tempSibling(link);
  symlinkSync(target, temp);
  try {
    renameSync(temp, link);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  await fsyncFile(dirname(link));
}
