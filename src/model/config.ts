import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DateWindow } from './date-window.js';
import { UserError } from './errors.js';
import { resolveInput, type InputFormat, type InputSource } from './inputs.js';
import { expandHome, isRemotePath } from './paths.js';
import { pseudoFileSystemOf } from './pseudo-file-system.js';

/** Largest size we accept: ids and the PRNG counter stay below 2^31. */
export const MAX_SIZE = 2_000_000_000;
export const DEFAULT_SEED = 42;
/** The as-of dates accepted: generated timestamps count back a year from it, and must stay four-digit years after the Unix epoch. */
export const AS_OF_RANGE = { min: '1970-01-01', max: '9999-12-31' } as const;

/** A generated source's row count: its default, and the flag that sets it. */
export interface SizeOption {
  readonly default: number;
  /** Default `--<name>`. */
  readonly flag?: string;
  readonly help: string;
  /** The input (by name) whose files replace this generated source: a size given with it would be ignored, so both together are refused. */
  readonly replacedBy?: string;
  /** False for a size that is a span rather than a count (days of data): `--scale` leaves it at its default. */
  readonly scales?: boolean;
}

/** A source that can read the user's files instead of (or without) generating them. */
export interface InputOption {
  /** Default `--input-<name>`. */
  readonly flag?: string;
  readonly formats: readonly InputFormat[];
  readonly help: string;
  /** A path read when the flag is not given, relative to the project; without it the source is generated. */
  readonly default?: string;
}

/** A share between 0 and 1 (a rate), e.g. the fraction of rows a generated source changes per day. */
export interface FractionOption {
  readonly default: number;
  /** Default `--<name in kebab-case>`. */
  readonly flag?: string;
  readonly help: string;
}

/** What a pipeline lets its user set, beyond the data dir, seed and as-of date that every pipeline has. */
export interface ConfigSpec {
  /** Where the pipeline writes when no data dir is given; `~` is the home directory. */
  readonly defaultDataDir: string;
  readonly sizes?: Readonly<Record<string, SizeOption>>;
  readonly inputs?: Readonly<Record<string, InputOption>>;
  readonly fractions?: Readonly<Record<string, FractionOption>>;
}

/** How a config is asked for, from the library or from flags: sizes by name, input paths by name. */
export interface ConfigOptions {
  dataDir?: string;
  seed?: number;
  asOf?: string;
  sizes?: Readonly<Record<string, number>>;
  inputs?: Readonly<Record<string, string>>;
  /** Fractions by name, each from 0 to 1. */
  fractions?: Readonly<Record<string, number>>;
  /** Relative input defaults resolve against this folder (the project's); default the working directory. */
  baseDir?: string;
}

/** The flag of a size option. */
export function sizeFlag(name: string, option: SizeOption): string {
  return option.flag ?? `--${name.replaceAll('_', '-')}`;
}

/** The flag of a fraction option. */
export function fractionFlag(name: string, option: FractionOption): string {
  return option.flag ?? `--${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replaceAll('_', '-').toLowerCase()}`;
}

/** The flag of an input option. */
export function inputFlag(name: string, option: InputOption): string {
  return option.flag ?? `--input-${name.replaceAll('_', '-')}`;
}

/**
 * A pipeline's configuration: where it writes, its seed and as-of date, the size of each generated
 * source (also readable as a property, `config.customers`) and the user's files it reads. Frozen
 * once built; every invalid value is a `UserError` naming it.
 */
export class PipelineConfig {
  readonly pipeline: string;
  readonly dataDir: string;
  readonly seed: number;
  readonly asOf: string;
  readonly sizes: Readonly<Record<string, number>>;
  readonly inputs: Readonly<Record<string, InputSource>>;
  readonly fractions: Readonly<Record<string, number>>;
  /** The days a run over a window of days ingests and rebuilds (`--date`, `--from/--to`); undefined for a plain run. */
  declare readonly window?: DateWindow;

  constructor(pipeline: string, spec: ConfigSpec, options: ConfigOptions = {}) {
    this.pipeline = pipeline;
    // A given data dir is relative to where the user is; the default, to the project.
    this.dataDir = resolveDataDir(options.dataDir ?? spec.defaultDataDir, options.dataDir === undefined ? options.baseDir : undefined);
    this.seed = seed(options.seed ?? DEFAULT_SEED);
    this.asOf = asOfDate(options.asOf ?? today());
    const sizeSpecs = spec.sizes ?? {};
    for (const name of Object.keys(options.sizes ?? {})) {
      if (!(name in sizeSpecs)) throw new UserError(`pipeline ${pipeline} has no size '${name}' (sizes: ${Object.keys(sizeSpecs).join(', ') || 'none'})`);
    }
    this.sizes = Object.freeze(
      Object.fromEntries(Object.entries(sizeSpecs).map(([name, s]) => [name, size(name, options.sizes?.[name] ?? s.default)])),
    );
    const inputSpecs = spec.inputs ?? {};
    for (const name of Object.keys(options.inputs ?? {})) {
      if (!(name in inputSpecs)) throw new UserError(`pipeline ${pipeline} reads no input '${name}' (inputs: ${Object.keys(inputSpecs).join(', ') || 'none'})`);
    }
    const inputs: Record<string, InputSource> = {};
    for (const [name, s] of Object.entries(inputSpecs)) {
      const given = options.inputs?.[name];
      const path = given ?? (s.default === undefined ? undefined : resolve(options.baseDir ?? process.cwd(), s.default));
      if (path !== undefined) inputs[name] = resolveInput(inputFlag(name, s), path, s.formats);
    }
    this.inputs = Object.freeze(inputs);
    const fractionSpecs = spec.fractions ?? {};
    for (const name of Object.keys(options.fractions ?? {})) {
      if (!(name in fractionSpecs)) throw new UserError(`pipeline ${pipeline} has no setting '${name}' (settings: ${Object.keys(fractionSpecs).join(', ') || 'none'})`);
    }
    this.fractions = Object.freeze(
      Object.fromEntries(Object.entries(fractionSpecs).map(([name, f]) => [name, fraction(name, options.fractions?.[name] ?? f.default)])),
    );
    // Sizes and fractions read as properties too (`config.customers`), as the pipelines' SQL and the library expect.
    for (const [name, value] of [...Object.entries(this.sizes), ...Object.entries(this.fractions)]) {
      if (!(name in this)) Object.defineProperty(this, name, { value, enumerable: false });
    }
    Object.freeze(this);
  }

  /**
   * This config reading `inputs` instead: the files as found when a run starts (a glob expanded,
   * CSV headers read), so that the plan names exactly what the engine reads.
   */
  withInputs(inputs: Readonly<Record<string, InputSource>>): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object, {
      ...Object.getOwnPropertyDescriptors(this),
      inputs: { value: Object.freeze({ ...inputs }), enumerable: true },
    }) as this;
    return Object.freeze(copy);
  }

  /** This config for a run over a window of days (see `DateWindow`). */
  withWindow(window: DateWindow): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object, {
      ...Object.getOwnPropertyDescriptors(this),
      window: { value: Object.freeze({ days: Object.freeze([...window.days]), fullRefresh: window.fullRefresh }), enumerable: false },
    }) as this;
    return Object.freeze(copy);
  }

  /** True when the run reads at least one of the user's files rather than generating every source. */
  get readsRealInputs(): boolean {
    return Object.keys(this.inputs).length > 0;
  }

  /** The settings as recorded in a run manifest. */
  toJSON(): Record<string, unknown> {
    const inputs = Object.fromEntries(Object.entries(this.inputs).map(([k, v]) => [k, v.given]));
    const window = this.window ? { window: { from: this.window.days[0], to: this.window.days.at(-1), days: this.window.days.length, fullRefresh: this.window.fullRefresh } } : {};
    return { pipeline: this.pipeline, dataDir: this.dataDir, seed: this.seed, asOf: this.asOf, ...this.sizes, ...this.fractions, inputs, ...window };
  }
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function size(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_SIZE) {
    throw new UserError(`${name} must be a whole number between 1 and ${MAX_SIZE}, got ${String(value)}`);
  }
  return value;
}

function fraction(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UserError(`${name} must be a number from 0 to 1, got ${String(value)}`);
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
  if (!isAsOfDate(value)) throw new UserError(`as-of must be a calendar date YYYY-MM-DD from ${AS_OF_RANGE.min} to ${AS_OF_RANGE.max}, got '${value}'`);
  return value;
}

/** A real calendar date YYYY-MM-DD within `AS_OF_RANGE`. */
export function isAsOfDate(value: string): boolean {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  return value >= AS_OF_RANGE.min && value <= AS_OF_RANGE.max;
}

/** The data dir a pipeline writes to: the given one (relative to where the user is), or its default (relative to `baseDir`). */
export function dataDirFor(spec: ConfigSpec, given: string | undefined, baseDir?: string): string {
  return resolveDataDir(given ?? spec.defaultDataDir, given === undefined ? baseDir : undefined);
}

function resolveDataDir(path: string, base = process.cwd()): string {
  if (path.trim() === '') throw new UserError('data-dir must not be empty');
  if (isRemotePath(path)) return path;
  return resolve(base, expandHome(path));
}

/**
 * Fails unless `dir` exists as a writable directory or could be created as one,
 * without creating anything: a run that is refused leaves the disk as it was.
 */
export function assertWritableDirectory(dir: string, label = 'data-dir'): void {
  if (isRemotePath(dir)) return; // remote storage is checked by its engine
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
    const pseudo = pseudoFileSystemOf(probe);
    if (pseudo) throw new UserError(`${label} '${dir}' cannot be written: '${probe}' is on the kernel's ${pseudo} file system, not a disk`);
    try {
      accessSync(probe, constants.W_OK);
    } catch {
      throw new UserError(`${label} '${dir}' cannot be written: no write permission on '${probe}'`);
    }
    return;
  }
}
