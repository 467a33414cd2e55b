import { createReadStream, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { inputFlag, type PipelineConfig } from '../model/config.js';
import { errorMessage, InputError } from '../model/errors.js';
import { csvHeader, isGlob, type InputSource } from '../model/inputs.js';
import type { Pipeline } from '../model/pipeline.js';

/**
 * Looks at the user's files as they are when a run starts, before anything is written: a glob
 * must match files, a `.gz` file must decompress to its end (an engine reading a truncated gzip
 * stream stops early without a word), and a CSV file's header is read so that each record can be
 * checked against it. Returns the config with the files found; every problem is an `InputError`
 * (exit 2) naming the flag and the file.
 */
export async function checkInputFiles<C extends PipelineConfig>(pipeline: Pipeline, config: C): Promise<C> {
  const entries = Object.entries(config.inputs);
  if (!entries.length) return config;
  const checked: Record<string, InputSource> = {};
  for (const [name, input] of entries) {
    const option = pipeline.config.inputs?.[name];
    const flag = option ? inputFlag(name, option) : name;
    const paths = await expand(flag, input);
    for (const file of paths) if (/\.gz$/i.test(file)) await assertWholeGzip(flag, file);
    checked[name] = { ...input, paths, ...(input.format === 'csv' ? { headers: paths.map((file) => csvHeader(file)) } : {}) };
  }
  return config.withInputs(checked);
}

/** The files of an input: a glob expanded (sorted, non-empty files only), or the paths as resolved. */
async function expand(flag: string, input: InputSource): Promise<readonly string[]> {
  const [pattern] = input.paths;
  if (input.paths.length !== 1 || !pattern || !isGlob(pattern)) return input.paths;
  // Loaded only for a glob: most runs name files or generate their sources.
  const { glob } = await import('tinyglobby');
  const matched = (await glob(pattern, { absolute: true, onlyFiles: true, expandDirectories: false })).sort();
  if (!matched.length) throw new InputError(`${flag}: no files match '${input.given}'`);
  const nonEmpty = input.format === 'parquet' ? matched : matched.filter((file) => statSync(file).size > 0);
  if (!nonEmpty.length) throw new InputError(`${flag}: the files matching '${input.given}' are empty (0 bytes): there is nothing to ingest`);
  return nonEmpty;
}

/** Streams a gzip file through zlib to its end: a file that is not gzip, truncated or corrupt is refused. */
async function assertWholeGzip(flag: string, file: string): Promise<void> {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await streamPipeline(createReadStream(file), createGunzip(), discard);
  } catch (error) {
    const message = errorMessage(error);
    if (/incorrect header check/.test(message)) {
      throw new InputError(`${flag}: '${file}' is not gzip-compressed, though its name ends in .gz; compress it or drop the .gz`);
    }
    if (/unexpected end of file/.test(message)) {
      throw new InputError(`${flag}: '${file}' is truncated: its gzip stream ends before the end of the data (gzip -t fails on it)`);
    }
    throw new InputError(`${flag}: '${file}' is not a valid gzip file (${message})`);
  }
}
