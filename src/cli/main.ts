#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EngineError, ProblemsError, UserError } from '../model/errors.js';
import { MEDALLION_VERSION } from '../version.js';
import { BUILT_IN_PIPELINES, PIPELINE_GROUPS } from '../pipelines/registry.js';
import { loadRegistry, PipelineRegistry } from '../project/registry.js';
import { registerExplain } from './explain.js';
import { registerHistory } from './history.js';
import { registerInit } from './init.js';
import { registerList } from './list.js';
import { registerRollback } from './rollback.js';
import { registerRun } from './run.js';
import { registerShow } from './show.js';
import { registerQuality } from './quality.js';
import { registerReport } from './report.js';
import { registerSql } from './sql.js';
import { registerStatus } from './status.js';
import { tolerateClosedOutput } from '../observe/closed-output.js';
import { errorLine, logFormatIn } from '../observe/error-line.js';

tolerateClosedOutput(process.stdout);
tolerateClosedOutput(process.stderr);
const format = logFormatIn(process.argv);

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
  registerRun(program, registry);
  registerShow(program, registry);
  registerExplain(program, registry);
  registerHistory(program, registry);
  registerRollback(program, registry);
  registerQuality(program, registry);
  registerSql(program, registry);
  registerList(program, registry);
  registerReport(program, registry);
  registerStatus(program, registry);
  registerInit(program);
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
