#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EngineError, ProblemsError, UserError } from '../model/errors.js';
import { MEDALLION_VERSION } from '../version.js';
import { BUILT_IN_PIPELINES, PIPELINE_GROUPS } from '../pipelines/registry.js';
import { loadRegistry, PipelineRegistry } from '../project/registry.js';
import type { Command as CommandOf } from 'commander';
import { tolerateClosedOutput } from '../observe/closed-output.js';
import { errorLine, logFormatIn } from '../observe/error-line.js';

tolerateClosedOutput(process.stdout);
tolerateClosedOutput(process.stderr);
const format = logFormatIn(process.argv);

type Register = (program: CommandOf, registry: PipelineRegistry) => void;
/**
 * Every command, in the order `--help` lists them, each loaded only when registered: a command
 * named on the command line registers alone, so that it does not load what the others need.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['run', async () => (await import('./run.js')).registerRun],
  ['show', async () => (await import('./show.js')).registerShow],
  ['explain', async () => (await import('./explain.js')).registerExplain],
  ['history', async () => (await import('./history.js')).registerHistory],
  ['diff', async () => (await import('./diff.js')).registerDiff],
  ['rollback', async () => (await import('./rollback.js')).registerRollback],
  ['quality', async () => (await import('./quality.js')).registerQuality],
  ['sql', async () => (await import('./sql.js')).registerSql],
  ['list', async () => (await import('./list.js')).registerList],
  ['report', async () => (await import('./report.js')).registerReport],
  ['status', async () => (await import('./status.js')).registerStatus],
  ['check', async () => (await import('./check.js')).registerCheck],
  ['test', async () => (await import('./test.js')).registerTest],
  ['init', async () => (await import('./init.js')).registerInit],
];

const program = new Command('medallion')
  .description('Medallion-Architecture pipelines: Bronze → Silver → Gold Parquet, on embedded DuckDB or on Apache Spark through Spark Connect')
  .version(MEDALLION_VERSION)
  .showHelpAfterError("(see 'medallion --help' or 'medallion <command> --help')")
  .exitOverride();

try {
  // The project in the working directory adds its pipelines (and their flags) to the built-in
  // ones. `init` creates projects, so it must work where loading one fails.
  const creating = process.argv[2] === 'init';
  const registry = creating ? new PipelineRegistry(BUILT_IN_PIPELINES, PIPELINE_GROUPS) : await loadRegistry(process.cwd());
  const named = COMMANDS.filter(([name]) => name === process.argv[2]);
  for (const [, load] of named.length ? named : COMMANDS) (await load())(program, registry);
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof UserError) {
    // Several problems found at once are one line each.
    const lines = error instanceof ProblemsError ? error.problems : [error.message];
    process.stderr.write(lines.map((line) => errorLine(line, format, 2)).join(''));
    process.exitCode = 2;
  } else if (error instanceof EngineError) {
    process.stderr.write(errorLine(error.message, format, 1));
    process.exitCode = 1;
  } else if (error instanceof CommanderError) {
    // Commander has printed its message already; help and version are not failures.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`medallion: unexpected error (a bug, please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
}
