import { createReadStream, readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { inputFlag, type PipelineConfig } from '../model/config.js';
import { readCsvHeader, readerColumns } from '../model/csv-header.js';
import { errorMessage, InputError } from '../model/errors.js';
import { assertFilesUnchanged, snapshotFiles } from '../model/input-snapshot.js';
import { isGlob, MAX_READ_LINE_BYTES, statOf, type InputSource } from '../model/inputs.js';
import type { Pipeline } from '../model/pipeline.js';

/**
 * Where a run's inputs enter it: the user's files as they are when the run starts, before anything
 * is written. A glob must match files; each file's state is recorded first (`snapshot`), so that
 * every later pass, these checks and the engine's, can be held to the same bytes; a `.gz` file
 * must decompress to its end (an engine reading a truncated gzip stream stops early without a
 * word); no line may be longer than the engine reads; and a CSV file's header is read, so that
 * each record can be checked against it. Returns the config with the files found; every problem
 * is an `InputError` (exit 2) naming the flag and the file.
 */
export async function checkInputFiles<C extends PipelineConfig>(pipeline: Pipeline, config: C): Promise<C> {
  const entries = Object.entries(config.inputs);
  if (!entries.length) return config;
  const checked: Record<string, InputSource> = {};
  for (const [name, input] of entries) {
    const option = pipeline.config.inputs?.[name];
    const flag = option ? inputFlag(name, option) : name;
    const paths = await expand(flag, input);
    const snapshot = snapshotFiles(paths);
    for (const file of paths) await scan(flag, file, input.format);
    const required = [...new Set(pipeline.datasets.flatMap((d) => (d.source?.input === name ? d.source.requiredColumns : [])))];
    const headers = [];
    if (input.format === 'csv') for (const file of paths) headers.push(readerColumns(flag, file, await readCsvHeader(flag, file), required));
    assertFilesUnchanged(flag, snapshot);
    checked[name] = { ...input, paths, snapshot, ...(input.format === 'csv' ? { headers } : {}) };
  }
  return config.withInputs(checked);
}

/** The files of an input: a glob expanded (sorted, non-empty files only), or the paths as resolved. */
async function expand(flag: string, input: InputSource): Promise<readonly string[]> {
  const [pattern] = input.paths;
  if (input.paths.length !== 1 || !pattern || !isGlob(pattern)) return input.paths;
  // Loaded only for a glob: most runs name files or generate their sources.
  const { glob } = await import('tinyglobby');
  refuseBrokenLinks(flag, pattern);
  const matched = (await glob(pattern, { absolute: true, onlyFiles: true, expandDirectories: false })).sort();
  if (!matched.length) throw new InputError(`${flag}: no files match '${input.given}'`);
  const nonEmpty = input.format === 'parquet' ? matched : matched.filter((file) => statSync(file).size > 0);
  if (!nonEmpty.length) throw new InputError(`${flag}: the files matching '${input.given}' are empty (0 bytes): there is nothing to ingest`);
  return nonEmpty;
}

/**
 * A glob treats a dangling or looping symbolic link as a directory does: refused with one line
 * naming it (`statOf`), never skipped, since it most likely stands for a file the user meant to
 * ingest (the glob library drops such links without a word). The links looked at are those in
 * the folder before the first wildcard whose names match the last part of the pattern, and, when
 * the parts between are all `**`, those anywhere under it. A pattern with other wildcards in a
 * folder's name (a folder part `2026-*`, say) is not looked into below its base folder.
 */
function refuseBrokenLinks(flag: string, pattern: string): void {
  const parts = pattern.split('/');
  const first = parts.findIndex((part) => isGlob(part));
  const between = parts.slice(first, -1);
  if (first < 0 || (between.length && !between.every((part) => part === '**'))) return;
  const base = parts.slice(0, first).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const matches = namePattern(basename(pattern));
  let entries: Dirent[];
  try {
    entries = readdirSync(base, { withFileTypes: true, recursive: between.length > 0 });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isSymbolicLink() && matches.test(entry.name)) statOf(flag, join(entry.parentPath ?? base, entry.name));
  }
}

/** A file name pattern (`*`, `?`, `[…]`) as a RegExp; like the glob, `*` does not match a leading dot. */
function namePattern(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[' && glob.indexOf(']', i + 1) > i + 1) {
      const end = glob.indexOf(']', i + 1);
      source += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\\\/]/g, '\\$&');
  }
  return new RegExp(`^${glob.startsWith('.') ? '' : '(?!\\.)'}${source}$`);
}

/**
 * Reads what must be read to its end before the engine does: a `.gz` file through zlib (one
 * that is not gzip, truncated or corrupt is refused), and the lines of a text file that could
 * hold one longer than `MAX_READ_LINE_BYTES` (which the engine would try to hold in memory
 * several times over before failing). A plain file no larger than that limit is not read.
 */
async function scan(flag: string, file: string, format: InputSource['format']): Promise<void> {
  const gzip = /\.gz$/i.test(file);
  const lines = format !== 'parquet';
  if (!gzip && (!lines || statSync(file).size <= MAX_READ_LINE_BYTES)) return;
  const source = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const stream: Readable = gzip ? source.pipe(createGunzip()) : source;
  source.on('error', (error) => stream.destroy(error));
  let length = 0;
  let line = 1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!lines) continue;
      for (let from = 0; ; ) {
        const end = chunk.indexOf(10, from);
        length += (end < 0 ? chunk.length : end) - from;
        if (length > MAX_READ_LINE_BYTES) {
          throw new InputError(
            `${flag}: '${file}' has a line longer than ${MAX_READ_LINE_BYTES.toLocaleString('en-US')} bytes (128 MiB), line ${line.toLocaleString('en-US')}, ` +
              `the longest a run reads; split it into lines (a line over 64 MiB is kept as a parse error, one over 128 MiB cannot be read)`,
          );
        }
        if (end < 0) break;
        length = 0;
        line++;
        from = end + 1;
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = errorMessage(error);
    if (/incorrect header check/.test(message)) {
      throw new InputError(`${flag}: '${file}' is not gzip-compressed, though its name ends in .gz; compress it or drop the .gz`);
    }
    if (/unexpected end of file/.test(message)) {
      throw new InputError(`${flag}: '${file}' is truncated: its gzip stream ends before the end of the data (gzip -t fails on it)`);
    }
    throw new InputError(`${flag}: '${file}' is not a valid gzip file (${message})`);
  } finally {
    stream.destroy();
    source.destroy();
  }
}
