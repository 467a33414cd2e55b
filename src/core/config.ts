import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from './errors.js';
import { expandHome, resolveInput, type InputSource } from './inputs.js';

/** Largest size we accept: ids and the PRNG counter stay below 2^31. */
export const MAX_SIZE = 2_000_000_000;

export interface CommonOptions {
  /** Where bronze/, silver/, gold/ and _runs/ are written. */
  dataDir?: string;
  /** Same seed, same rows. */
  seed?: number;
  /** Reference date (`YYYY-MM-DD`, UTC) that generated timestamps count back from. Default: today. */
  asOf?: string;
}

export interface DataPipelineOptions extends CommonOptions {
  customers?: number;
  transactions?: number;
  products?: number;
  /** Real sources to ingest instead of generated ones: CSV (with a header) or Parquet files, directories or globs. */
  inputs?: { customers?: string; transactions?: string; products?: string };
}

export interface MapReducePipelineOptions extends CommonOptions {
  events?: number;
  users?: number;
  products?: number;
  /** Raw event lines to ingest instead of generated ones: JSON-lines files (gzip accepted), a directory or a glob. */
  input?: string;
}

export const DEFAULT_SEED = 42;

/** Configuration of the retail (`data`) pipeline. Frozen once built; invalid values throw `UserError`. */
export class DataPipelineConfig {
  readonly pipeline = 'data' as const;
  readonly dataDir: string;
  readonly customers: number;
  readonly transactions: number;
  readonly products: number;
  readonly seed: number;
  readonly asOf: string;
  readonly inputs: { readonly customers?: InputSource; readonly transactions?: InputSource; readonly products?: InputSource };

  static readonly defaults = { customers: 10_000, transactions: 50_000, products: 200 } as const;

  constructor(options: DataPipelineOptions = {}) {
    const d = DataPipelineConfig.defaults;
    this.dataDir = resolveDataDir(options.dataDir ?? '~/pipeline-data');
    this.customers = size('customers', options.customers ?? d.customers);
    this.transactions = size('transactions', options.transactions ?? d.transactions);
    this.products = size('products', options.products ?? d.products);
    this.seed = seed(options.seed ?? DEFAULT_SEED);
    this.asOf = asOfDate(options.asOf ?? today());
    const given = options.inputs ?? {};
    this.inputs = Object.freeze(
      Object.fromEntries(
        (['customers', 'transactions', 'products'] as const)
          .filter((name) => given[name] !== undefined)
          .map((name) => [name, resolveInput(`--input-${name}`, given[name]!, ['csv', 'parquet'])]),
      ),
    );
    Object.freeze(this);
  }
}

/** Configuration of the event-stream (`mapreduce`) pipeline. */
export class MapReducePipelineConfig {
  readonly pipeline = 'mapreduce' as const;
  readonly dataDir: string;
  readonly events: number;
  readonly users: number;
  readonly products: number;
  readonly seed: number;
  readonly asOf: string;
  readonly input?: InputSource;

  static readonly defaults = { events: 100_000, users: 5_000, products: 500 } as const;

  constructor(options: MapReducePipelineOptions = {}) {
    const d = MapReducePipelineConfig.defaults;
    this.dataDir = resolveDataDir(options.dataDir ?? '~/mapreduce-pipeline-data');
    this.events = size('events', options.events ?? d.events);
    this.users = size('users', options.users ?? d.users);
    this.products = size('products', options.products ?? d.products);
    this.seed = seed(options.seed ?? DEFAULT_SEED);
    this.asOf = asOfDate(options.asOf ?? today());
    if (options.input !== undefined) this.input = resolveInput('--input', options.input, ['jsonl']);
    Object.freeze(this);
  }
}

export type PipelineConfig = DataPipelineConfig | MapReducePipelineConfig;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function size(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_SIZE) {
    throw new UserError(`${name} must be a whole number between 1 and ${MAX_SIZE}, got ${String(value)}`);
  }
  return value;
}

function seed(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_SIZE) {
    throw new UserError(`seed must be a whole number between 0 and ${MAX_SIZE}, got ${String(value)}`);
  }
  return value;
}

function asOfDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UserError(`as-of must be a calendar date YYYY-MM-DD, got '${value}'`);
  }
  return value;
}

function resolveDataDir(path: string): string {
  if (path.trim() === '') throw new UserError('data-dir must not be empty');
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? path : resolve(expandHome(path));
}

/**
 * Fails unless `dir` exists as a writable directory or could be created as one,
 * without creating anything: a run that is refused leaves the disk as it was.
 */
export function assertWritableDirectory(dir: string, label = 'data-dir'): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir)) return; // remote storage is checked by its engine
  let probe = dir;
  for (;;) {
    let stat;
    try {
      stat = statSync(probe);
    } catch {
      const parent = dirname(probe);
      if (parent === probe) throw new UserError(`${label} '${dir}' cannot be created`);
      probe = parent;
      continue;
    }
    if (!stat.isDirectory()) {
      throw new UserError(`${label} '${dir}' cannot be written: '${probe}' is not a directory`);
    }
    try {
      accessSync(probe, constants.W_OK);
    } catch {
      throw new UserError(`${label} '${dir}' cannot be written: no write permission on '${probe}'`);
    }
    return;
  }
}

/** True when the run reads real inputs rather than generating its sources. */
export function readsRealInputs(config: PipelineConfig): boolean {
  return config.pipeline === 'data' ? Object.keys(config.inputs).length > 0 : config.input !== undefined;
}
