#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserError } from '../core/errors.js';
import { MEDALLION_VERSION } from '../version.js';
import { registerExplain } from './explain.js';
import { registerHistory } from './history.js';
import { registerRollback } from './rollback.js';
import { registerRun } from './run.js';
import { registerShow } from './show.js';
import { registerQuality } from './quality.js';
import { registerReport } from './report.js';
import { registerSql } from './sql.js';

const program = new Command('medallion')
  .description('Medallion-Architecture pipelines: Bronze → Silver → Gold Parquet, on embedded DuckDB or on Apache Spark through Spark Connect')
  .version(MEDALLION_VERSION)
  .showHelpAfterError("(see 'medallion --help' or 'medallion <command> --help')")
  .exitOverride();

registerRun(program);
registerShow(program);
registerExplain(program);
registerHistory(program);
registerRollback(program);
registerQuality(program);
registerSql(program);
registerReport(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof UserError) {
    process.stderr.write(`medallion: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof CommanderError) {
    // Commander has printed its message already; help and version are not failures.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`medallion: unexpected error (a bug, please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
}
