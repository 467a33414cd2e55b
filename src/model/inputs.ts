import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from './errors.js';
import type { FileState } from './input-snapshot.js';
import { expandHome } from './paths.js';

/** The file formats a source can read. */
export type InputFormat = 'jsonl' | 'csv' | 'parquet';

/** A user's input, resolved: the files to read (or one glob pattern the engine expands) and their format. */
export interface InputSource {
  /** As given by the user, for messages. */
  readonly given: string;
  /** Absolute file paths, or a single glob pattern. */
  readonly paths: readonly string[];
  readonly format: InputFormat;
  /**
   * CSV, once the files were checked at the start of a run: each file's header columns, in the
   * order of `paths`, so that every record can be read against its own header.
   */
  readonly headers?: ReadonlyArray<readonly string[]>;
  /**
   * Once the run has started: each file as it was before anything read it, in the order of
   * `paths`. Every pass over the files is checked against it (see `assertFilesUnchanged`).
   */
  readonly snapshot?: readonly FileState[];
}

/**
 * The longest line a line source keeps: longer lines are set aside with their length as the
 * reason. JSON documents of tens of megabytes are real input; hundreds are a file that is not
 * line-delimited.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * The longest line of a text input (JSON lines, CSV) a run reads at all: twice what a line source
 * keeps, so that a longer line still arrives to be set aside with its reason. A file with a
 * longer line is refused before the run starts: the engine would need several times its size in
 * memory to find out.
 */
export const MAX_READ_LINE_BYTES = 2 * MAX_LINE_BYTES;

const GLOB = /[*?[]/;

/** True when a resolved input path is a pattern that the run expands. */
export function isGlob(path: string): boolean {
  return GLOB.test(path);
}

function formatOf(path: string): InputSource['format'] | undefined {
  if (/\.(jsonl|ndjson|json)(\.gz)?$/i.test(path)) return 'jsonl';
  if (/\.(csv|tsv)(\.gz)?$/i.test(path)) return 'csv';
  if (/\.parquet$/i.test(path)) return 'parquet';
  return undefined;
}

/**
 * Resolves a file, a directory (its visible files) or a glob, and checks what can be checked
 * before anything runs: that the files exist, are not empty, and are of a format we read.
 * Every problem is a `UserError` naming the flag and the path.
 */
export function resolveInput(flag: string, given: string, accepted: ReadonlyArray<InputSource['format']>): InputSource {
  const path = resolve(expandHome(given));
  const label = accepted.map((f) => (f === 'jsonl' ? 'JSON lines (.jsonl, .json, .ndjson, optionally .gz)' : f === 'csv' ? 'CSV (.csv, optionally .gz)' : 'Parquet (.parquet)')).join(' or ');
  if (GLOB.test(given) && !statOf(flag, path)) {
    const format = formatOf(path) ?? accepted[0]!;
    if (!accepted.includes(format)) throw new UserError(`${flag}: '${given}' is not ${label}`);
    return { given, paths: [path], format };
  }
  const found = statOf(flag, path);
  if (!found) throw new UserError(`${flag}: no such file or directory: '${given}'`);
  if (!found.isDirectory()) assertRegularFile(flag, path, found);
  const files = found.isDirectory()
    ? readdirSync(path)
        .filter((f) => !f.startsWith('.') && !f.startsWith('_'))
        .map((f) => join(path, f))
        .filter((f) => {
          // A link that leads nowhere is refused (statOf), never skipped: it most likely stands
          // for a file the user meant to ingest. Subdirectories are not read.
          const entry = statOf(flag, f);
          if (entry && !entry.isDirectory()) assertRegularFile(flag, f, entry);
          return entry?.isFile() ?? false;
        })
        .sort()
    : [path];
  if (!files.length) throw new UserError(`${flag}: directory '${given}' holds no files`);
  const formats = new Set(files.map((f) => formatOf(f)));
  if (formats.size !== 1 || formats.has(undefined)) {
    const odd = files.find((f) => !formatOf(f) || formatOf(f) !== formatOf(files[0]!)) ?? files[0]!;
    throw new UserError(`${flag}: '${odd}' is not ${label}; give files of one format`);
  }
  const format = formatOf(files[0]!)!;
  if (!accepted.includes(format)) throw new UserError(`${flag}: '${given}' is not ${label}`);
  const nonEmpty = files.filter((f) => statSync(f).size > 0);
  if (!nonEmpty.length) throw new UserError(`${flag}: '${given}' is empty (0 bytes): there is nothing to ingest`);
  if (format === 'parquet') for (const f of files) assertParquet(flag, f);
  return { given, paths: format === 'parquet' ? files : nonEmpty, format };
}

/**
 * The file or directory at `path`, symbolic links followed; undefined when nothing is there. A
 * symbolic link that leads nowhere, or around in a loop, is a `UserError` naming it: it stands
 * for a file that is missing.
 */
export function statOf(flag: string, path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ELOOP' && code !== 'ENOTDIR') throw error;
    let isLink = false;
    try {
      isLink = lstatSync(path).isSymbolicLink();
    } catch {
      isLink = false;
    }
    if (!isLink) return undefined;
    const target = readlinkSync(path);
    if (code === 'ELOOP') throw new UserError(`${flag}: '${path}' is a symbolic link that loops (to '${target}', which leads back to it); point it at a file or remove it`);
    throw new UserError(`${flag}: '${path}' is a symbolic link to '${target}', which does not exist; restore that file or remove the link`);
  }
}

/** What a path that is not a regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a pipe (such as <(zcat …) or a FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a file';
}

/**
 * A run reads each input more than once (its header, a check, the engine's passes), which a pipe
 * or a device cannot give: such a path is refused, rather than read as empty.
 */
function assertRegularFile(flag: string, path: string, stats: Stats): void {
  if (stats.isFile()) return;
  throw new UserError(`${flag}: '${path}' is not a regular file but ${kindOf(stats)}, which can be read only once; save it to a file and give that (a .gz file is read as it is)`);
}

/** Parquet files start and end with the magic `PAR1`; anything else would fail deep in the engine. */
function assertParquet(flag: string, file: string): void {
  const size = statSync(file).size;
  if (size < 12) throw new UserError(`${flag}: '${file}' is not a Parquet file (${size} bytes)`);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    readSync(fd, tail, 0, 4, size - 4);
    if (head.toString('latin1') !== 'PAR1' || tail.toString('latin1') !== 'PAR1') {
      throw new UserError(`${flag}: '${file}' is not a complete Parquet file (missing PAR1 ${head.toString('latin1') === 'PAR1' ? 'footer: truncated?' : 'header'})`);
    }
  } finally {
    closeSync(fd);
  }
}
