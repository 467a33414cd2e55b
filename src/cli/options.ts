import { Option, type Command } from 'commander';
import { AS_OF_RANGE, fractionFlag, inputFlag, isAsOfDate, MAX_SIZE, sizeFlag, type ConfigOptions, type PipelineConfig } from '../model/config.js';
import { UserError } from '../model/errors.js';
import type { Pipeline } from '../model/pipeline.js';
import { formatCount, type LogFormat } from '../observe/logger.js';
import type { PipelineRegistry } from '../project/registry.js';

/** Parsed flags, by commander's attribute names (`--input-customers` → `inputCustomers`). */
export type Flags = Readonly<Record<string, unknown>> & { readonly dataDir?: string; readonly scale?: string; readonly seed?: string; readonly asOf?: string };

/** commander's attribute name of a long flag. */
function attribute(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

interface PipelineFlag {
  readonly flag: string;
  readonly kind: 'size' | 'input' | 'fraction';
  readonly pipeline: string;
  readonly name: string;
  readonly help: string;
}

/** Every size and input flag of these pipelines. */
function pipelineFlags(pipelines: readonly Pipeline[]): PipelineFlag[] {
  return pipelines.flatMap((p) => [
    ...Object.entries(p.config.sizes ?? {}).map(([name, s]) => ({ flag: sizeFlag(name, s), kind: 'size' as const, pipeline: p.name, name, help: `${s.help} (${p.name}; default ${s.default})` })),
    ...Object.entries(p.config.inputs ?? {}).map(([name, s]) => ({ flag: inputFlag(name, s), kind: 'input' as const, pipeline: p.name, name, help: `${p.name}: ${s.help}` })),
    ...Object.entries(p.config.fractions ?? {}).map(([name, f]) => ({ flag: fractionFlag(name, f), kind: 'fraction' as const, pipeline: p.name, name, help: `${f.help} (${p.name}; default ${f.default})` })),
  ]);
}

/** The flags shared by every command that builds or renders a pipeline, and each pipeline's own. */
export function addPipelineOptions(command: Command, registry: PipelineRegistry): Command {
  command
    .option('--data-dir <dir>', 'output directory (default: the pipeline\'s own; with several pipelines: <dir>/<pipeline>)')
    .option('--scale <n>', 'multiply every default size by n')
    .option('--seed <n>', 'random seed: the same seed gives the same rows (default 42)')
    .option('--as-of <date>', 'reference date YYYY-MM-DD that generated timestamps count back from (default today, UTC)');
  const byFlag = new Map<string, PipelineFlag[]>();
  for (const f of pipelineFlags(registry.pipelines)) byFlag.set(f.flag, [...(byFlag.get(f.flag) ?? []), f]);
  for (const [flag, uses] of byFlag) {
    const placeholder = { size: 'n', input: 'path', fraction: 'rate' }[uses[0]!.kind];
    command.option(`${flag} <${placeholder}>`, uses.map((u) => u.help).join('; '));
  }
  return command;
}

export function logFormatOption(): Option {
  return new Option('--log-format <format>', 'log as text lines or one JSON object per line').default('text');
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
  const value = /^\s*(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw) ? Number(raw) : NaN;
  if (!(value > 0) || !Number.isFinite(value)) throw new UserError(`--scale must be a positive number, got '${raw}'`);
  return value;
}

function parseFraction(flag: string, raw: string): number {
  const value = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 0 && value <= 1)) throw new UserError(`${flag} must be a number from 0 to 1, got '${raw}'`);
  return value;
}

function parseAsOf(raw: string): string {
  if (!isAsOfDate(raw)) throw new UserError(`--as-of must be a calendar date YYYY-MM-DD from ${AS_OF_RANGE.min} to ${AS_OF_RANGE.max}, got '${raw}'`);
  return raw;
}

/**
 * The config options of `pipeline` from the flags. Sizes given explicitly win over `--scale`;
 * every flag is checked here, so a bad value is reported with its flag name before anything runs.
 */
export function configOptionsFromFlags(pipeline: Pipeline, flags: Flags, dataDir: string | undefined, baseDir: string | undefined): ConfigOptions {
  const scale = flags.scale === undefined ? 1 : parseScale(flags.scale);
  const sizes: Record<string, number> = {};
  for (const [name, spec] of Object.entries(pipeline.config.sizes ?? {})) {
    const flag = sizeFlag(name, spec);
    const raw = flags[attribute(flag)];
    if (typeof raw === 'string') {
      sizes[name] = parseWholeNumber(flag, raw);
      continue;
    }
    const scaled = spec.scales === false ? spec.default : Math.max(1, Math.round(spec.default * scale));
    if (scaled > MAX_SIZE) throw new UserError(scaleTooLarge(pipeline, flags.scale!, flag, scaled));
    sizes[name] = scaled;
  }
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(pipeline.config.inputs ?? {})) {
    const raw = flags[attribute(inputFlag(name, spec))];
    if (typeof raw === 'string') inputs[name] = raw;
  }
  const fractions: Record<string, number> = {};
  for (const [name, spec] of Object.entries(pipeline.config.fractions ?? {})) {
    const flag = fractionFlag(name, spec);
    const raw = flags[attribute(flag)];
    if (typeof raw === 'string') fractions[name] = parseFraction(flag, raw);
  }
  return {
    ...(dataDir ? { dataDir } : {}),
    ...(flags.seed === undefined ? {} : { seed: parseWholeNumber('--seed', flags.seed, 0) }),
    ...(flags.asOf === undefined ? {} : { asOf: parseAsOf(flags.asOf) }),
    sizes,
    inputs,
    ...(Object.keys(fractions).length ? { fractions } : {}),
    ...(baseDir ? { baseDir } : {}),
  };
}

/** Says what the largest scale is: every size stays within MAX_SIZE rows. */
function scaleTooLarge(pipeline: Pipeline, raw: string, flag: string, scaled: number): string {
  const largest = Math.max(...Object.values(pipeline.config.sizes ?? {}).filter((s) => s.scales !== false).map((s) => s.default));
  const limit = Math.floor(MAX_SIZE / largest);
  return `--scale ${raw} is too large: it makes ${flag.slice(2)} ${formatCount(scaled)} rows, above the limit of ${formatCount(MAX_SIZE)} per source; the largest scale for ${pipeline.name} is ${formatCount(limit)}`;
}

/**
 * A size or input flag given for a pipeline that has no such size or input is refused, with the
 * flags it has: it would otherwise be silently ignored. So is a size whose source is read from
 * the input files given with it.
 */
function assertFlagsApply(registry: PipelineRegistry, targets: readonly Pipeline[], flags: Flags): void {
  const own = new Set(pipelineFlags(targets).map((f) => f.flag));
  for (const f of pipelineFlags(registry.pipelines)) {
    if (own.has(f.flag) || flags[attribute(f.flag)] === undefined) continue;
    const theirs = targets.map((p) => `${p.name} takes ${pipelineFlags([p]).map((x) => x.flag).join(', ') || 'no size or input flags'}`).join('; ');
    throw new UserError(`${f.flag} belongs to pipeline ${f.pipeline}, not ${targets.map((p) => p.name).join(' or ')} (${theirs})`);
  }
  for (const pipeline of targets) {
    for (const [name, size] of Object.entries(pipeline.config.sizes ?? {})) {
      const input = size.replacedBy === undefined ? undefined : pipeline.config.inputs?.[size.replacedBy];
      if (!input) continue;
      const sizeGiven = sizeFlag(name, size);
      const inputGiven = inputFlag(size.replacedBy!, input);
      if (flags[attribute(sizeGiven)] !== undefined && flags[attribute(inputGiven)] !== undefined) {
        throw new UserError(`${sizeGiven} cannot be used with ${inputGiven}: ${pipeline.name} reads its ${name} from the files instead of generating them; leave out ${sizeGiven}`);
      }
    }
  }
}

/** The pipelines and configs a command on `target` builds: with several pipelines and a data dir, `<dir>/<pipeline>`. */
export function configsFor(registry: PipelineRegistry, target: string, flags: Flags, allowGroups = true): Array<{ pipeline: Pipeline; config: PipelineConfig }> {
  if (flags.dataDir !== undefined && flags.dataDir.trim() === '') throw new UserError(`--data-dir must not be empty`);
  const targets = registry.expand(target, allowGroups);
  assertFlagsApply(registry, targets, flags);
  return targets.map((pipeline) => {
    const dataDir = flags.dataDir === undefined ? undefined : targets.length > 1 ? `${flags.dataDir.replace(/\/+$/, '')}/${pipeline.name}` : flags.dataDir;
    const options = configOptionsFromFlags(pipeline, flags, dataDir, baseDirOf(registry, pipeline));
    return { pipeline, config: pipeline.configure(options) };
  });
}

/** Where a pipeline's relative defaults are resolved: its project's folder for a user's pipeline. */
export function baseDirOf(registry: PipelineRegistry, pipeline: Pipeline): string | undefined {
  return registry.project?.pipelines.includes(pipeline) ? registry.project.dir : undefined;
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
