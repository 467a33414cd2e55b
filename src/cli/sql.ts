import type { Command } from 'commander';
import { parseEngineName } from '../engines/registry.js';
import type { PipelineRegistry } from '../project/registry.js';
import { addPipelineOptions, configsFor, type Flags } from './options.js';
import { printPlans } from './print-plan.js';

/**
 * `medallion sql`: the plan a run executes, every statement in order, rendered without
 * connecting to anything — for review, and for the golden tests of each dialect.
 */
export function registerSql(program: Command, registry: PipelineRegistry): void {
  addPipelineOptions(
    program
      .command('sql')
      .description('print the statements a run sends, in order, without connecting')
      .argument('<pipeline>', `${[...registry.names, ...Object.keys(registry.groups)].join(', ')}`),
    registry,
  )
    .option('--engine <engine>', 'duckdb or spark', 'duckdb')
    .option('--select <selector...>', 'print the statements of part of the graph, as run --select builds it')
    .action(async (target: string, flags: Flags & { engine: string; select?: string[] }) => {
      const engine = parseEngineName(flags.engine);
      await printPlans(
        configsFor(registry, target, flags).map((r) => ({ ...r, ...(flags.select ? { select: flags.select } : {}) })),
        engine,
      );
    });
}
