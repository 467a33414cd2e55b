import { Option, type Command } from 'commander';
import {
  DataPipelineConfig,
  MapReducePipelineConfig,
  MAX_SIZE,
  type PipelineConfig,
} from '../core/config.js';
import { UserError } from '../core/errors.js';
import { PIPELINE_NAMES, type PipelineName } from '../core/pipeline.js';
import type { LogFormat } from '../observe/logger.js';

/** The flags shared by every command that builds or renders a pipeline. */
export interface PipelineFlags {
  dataDir?: string;
  scale?: string;
  customers?: string;
  transactions?: string;
  products?: string;
  events?: string;
  users?: string;
  eventProducts?: string;
  seed?: string;
  asOf?: string;
  input?: string;
  inputCustomers?: string;
  inputTransactions?: string;
  inputProducts?: string;
}

export function addPipelineOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'output directory (default ~/pipeline-data, ~/mapreduce-pipeline-data; with both: <dir>/data and <dir>/mapreduce)')
    .option('--scale <n>', 'multiply every default size by n')
    .option('--customers <n>', 'customers to generate (data; default 10000)')
    .option('--transactions <n>', 'transactions to generate (data; default 50000)')
    .option('--products <n>', 'products to generate (data; default 200)')
    .option('--events <n>', 'events to generate (mapreduce; default 100000)')
    .option('--users <n>', 'users to generate (mapreduce; default 5000)')
    .option('--event-products <n>', 'products of the event catalog (mapreduce; default 500)')
    .option('--seed <n>', 'random seed: the same seed gives the same rows (default 42)')
    .option('--as-of <date>', 'reference date YYYY-MM-DD that generated timestamps count back from (default today, UTC)')
    .option('--input <path>', 'mapreduce: ingest these JSON-lines files (a file, a directory or a glob; .gz accepted) instead of generating events')
    .option('--input-customers <path>', 'data: ingest customers from CSV (with a header) or Parquet instead of generating them')
    .option('--input-transactions <path>', 'data: ingest transactions from CSV or Parquet')
    .option('--input-products <path>', 'data: ingest products from CSV or Parquet');
}

export function logFormatOption(): Option {
  return new Option('--log-format <format>', 'log as text lines or one JSON object per line').default('text');
}

export function parsePipelineName(value: string, allowBoth: boolean): PipelineName | 'both' {
  const allowed: string[] = allowBoth ? [...PIPELINE_NAMES, 'both'] : [...PIPELINE_NAMES];
  if (!allowed.includes(value)) {
    throw new UserError(`unknown pipeline '${value}': expected ${allowed.join(', ')}`);
  }
  return value as PipelineName | 'both';
}

export function parseLogFormat(value: string): LogFormat {
  if (value !== 'text' && value !== 'json') throw new UserError(`--log-format must be text or json, got '${value}'`);
  return value;
}

/** A whole number ≥ min given on the command line; the error names the flag and the value. */
export function parseWholeNumber(flag: string, raw: string, min = 1, max = MAX_SIZE): number {
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UserError(`${flag} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

function parseScale(raw: string): number {
  const value = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value > 0) || !Number.isFinite(value)) throw new UserError(`--scale must be a positive number, got '${raw}'`);
  return value;
}

function parseAsOf(raw: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) {
    throw new UserError(`--as-of must be a calendar date YYYY-MM-DD, got '${raw}'`);
  }
  return raw;
}

/**
 * Builds the config of `pipeline` from the flags. Sizes given explicitly win over `--scale`;
 * every flag is checked here, so a bad value is reported with its flag name before anything runs.
 */
export function configFromFlags(pipeline: PipelineName, flags: PipelineFlags, dataDir?: string): PipelineConfig {
  const scale = flags.scale === undefined ? 1 : parseScale(flags.scale);
  const sized = (flag: string, raw: string | undefined, fallback: number): number => {
    if (raw !== undefined) return parseWholeNumber(flag, raw);
    const scaled = Math.max(1, Math.round(fallback * scale));
    if (scaled > MAX_SIZE) throw new UserError(`--scale ${flags.scale} makes ${flag.slice(2)} ${scaled}, above ${MAX_SIZE}`);
    return scaled;
  };
  const seed = flags.seed === undefined ? undefined : parseWholeNumber('--seed', flags.seed, 0);
  const asOf = flags.asOf === undefined ? undefined : parseAsOf(flags.asOf);
  const common = { ...(dataDir ? { dataDir } : {}), ...(seed === undefined ? {} : { seed }), ...(asOf ? { asOf } : {}) };
  if (pipeline === 'data') {
    const d = DataPipelineConfig.defaults;
    const inputs = {
      ...(flags.inputCustomers === undefined ? {} : { customers: flags.inputCustomers }),
      ...(flags.inputTransactions === undefined ? {} : { transactions: flags.inputTransactions }),
      ...(flags.inputProducts === undefined ? {} : { products: flags.inputProducts }),
    };
    return new DataPipelineConfig({
      ...common,
      inputs,
      customers: sized('--customers', flags.customers, d.customers),
      transactions: sized('--transactions', flags.transactions, d.transactions),
      products: sized('--products', flags.products, d.products),
    });
  }
  const m = MapReducePipelineConfig.defaults;
  return new MapReducePipelineConfig({
    ...common,
    ...(flags.input === undefined ? {} : { input: flags.input }),
    events: sized('--events', flags.events, m.events),
    users: sized('--users', flags.users, m.users),
    products: sized('--event-products', flags.eventProducts, m.products),
  });
}

/** The configs a `run` of `target` builds: with `both` and a data dir, `<dir>/data` and `<dir>/mapreduce`. */
export function configsFor(target: PipelineName | 'both', flags: PipelineFlags): PipelineConfig[] {
  if (flags.dataDir !== undefined && flags.dataDir.trim() === '') throw new UserError(`--data-dir must not be empty`);
  if (target !== 'both') return [configFromFlags(target, flags, flags.dataDir)];
  return PIPELINE_NAMES.map((name) =>
    configFromFlags(name, flags, flags.dataDir === undefined ? undefined : `${flags.dataDir.replace(/\/+$/, '')}/${name}`),
  );
}

/** `--engine` and `--remote`, shared by the commands that read or build data. */
export interface EngineFlags {
  engine: string;
  remote?: string;
}

export function addEngineOptions(command: Command): Command {
  return command
    .option('--engine <engine>', 'duckdb (embedded) or spark (through Spark Connect)', 'duckdb')
    .option('--remote <url>', 'Spark Connect server, sc://host:port/;token=…;use_ssl=true (default $SPARK_REMOTE)');
}
