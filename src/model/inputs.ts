import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UserError } from './errors.js';
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
}

/**
 * The longest line a line source keeps: longer lines are set aside with their length as the
 * reason. JSON documents of tens of megabytes are real input; hundreds are a file that is not
 * line-delimited.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

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
  if (GLOB.test(given) && !existsSync(path)) {
    const format = formatOf(path) ?? accepted[0]!;
    if (!accepted.includes(format)) throw new UserError(`${flag}: '${given}' is not ${label}`);
    return { given, paths: [path], format };
  }
  if (!existsSync(path)) throw new UserError(`${flag}: no such file or directory: '${given}'`);
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => !f.startsWith('.') && !f.startsWith('_'))
        .map((f) => join(path, f))
        .filter((f) => statSync(f).isFile())
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

/** The column names of a CSV file's header line (gzip accepted), for checking before the run. */
export function csvHeader(file: string): string[] {
  const fd = openSync(file, 'r');
  let raw: Buffer;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    raw = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
  let text: string;
  try {
    text = file.endsWith('.gz') ? gunzipSync(raw, { finishFlush: 2 }).toString('utf8') : raw.toString('utf8');
  } catch {
    text = '';
  }
  const line = (text.split(/\r?\n/, 1)[0] ?? '').replace(/^\uFEFF/, '');
  return line.split(file.includes('.tsv') ? '\t' : ',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** Fails unless every CSV file of `source` has the `required` columns in its header. */
export function assertCsvColumns(flag: string, source: InputSource, required: readonly string[]): void {
  if (source.format !== 'csv') return;
  for (const file of source.paths) {
    if (GLOB.test(file)) continue;
    const header = csvHeader(file);
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length) {
      throw new UserError(`${flag}: '${file}' lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (its header: ${header.join(', ') || 'empty'})`);
    }
  }
}
