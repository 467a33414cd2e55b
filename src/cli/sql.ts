import type { Command } from 'commander';
import { parseEngineName } from '../engines/registry.js';
import type { PipelineRegistry } from '../project/registry.js';
import type { WindowFlags } from '../run/incremental/run-window.js';
import { addDateWindowOptions, withDateWindows } from './date-window-flags.js';
import { addPipelineOptions, configsFor, type Flags } from './options.js';
import { printPlans } from './print-plan.js';

/**
 * `medallion sql`: the plan a run executes, every statement in order, rendered without
 * connecting to anything — for review, and for the golden tests of each dialect.
 */
export function registerSql(program: Command, registry: PipelineRegistry): void {
  const command = addPipelineOptions(
    program
      .command('sql')
      .description('print the statements a run sends, in order, without connecting')
      .argument('<pipeline>', `${[...registry.names, ...Object.keys(registry.groups)].join(', ')}`),
    registry,
  )
    .option('--engine <engine>', 'duckdb or spark', 'duckdb')
    .option('--select <selector...>', 'print the statements of part of the graph, as run --select builds it');
  // The statements of a run over days, and how each dataset's new version is made by it.
  addDateWindowOptions(command).action(async (target: string, flags: Flags & WindowFlags & { engine: string; select?: string[] }) => {
    const engine = parseEngineName(flags.engine);
    const { runs, skipped } = withDateWindows(configsFor(registry, target, flags), flags);
    for (const { pipeline } of skipped) process.stderr.write(`medallion: ${pipeline.name}: every day from ${flags.from} to ${flags.to} is processed already; a run would send nothing\n`);
    await printPlans(
      runs.map((r) => ({ ...r, ...(flags.select ? { select: flags.select } : {}) })),
      engine,
    );
  });
}
