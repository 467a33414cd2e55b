import type { Command } from 'commander';
import { layerOf, shortName } from '../core/dataset.js';
import { planPipeline, type PipelineName } from '../core/pipeline.js';
import { renderDataset } from '../core/render.js';
import { datasetContext } from '../core/runner.js';
import { engineStatements, parseEngineName } from '../engines/registry.js';
import type { Engine } from '../engines/engine.js';
import { pipelineByName } from '../pipelines/registry.js';
import type { TableExpectation } from '../quality/expectation.js';
import { datasetDir, quarantineDir } from '../storage/layout.js';
import { addPipelineOptions, configsFor, parsePipelineName, type PipelineFlags } from './options.js';

/**
 * `medallion sql`: every statement a run sends to build its datasets, in order, rendered
 * without connecting to anything — for review, and for the golden tests of each dialect.
 */
export function registerSql(program: Command): void {
  addPipelineOptions(
    program
      .command('sql')
      .description('print the SQL statements a run would send, in order, without connecting')
      .argument('<pipeline>', 'data, mapreduce or both'),
  )
    .option('--engine <engine>', 'duckdb or spark', 'duckdb')
    .action(async (pipelineArg: string, flags: PipelineFlags & { engine: string }) => {
      const target = parsePipelineName(pipelineArg, true);
      const engineName = parseEngineName(flags.engine);
      const statements = await engineStatements(engineName);
      const out: string[] = [];
      const emit = (comment: string, sql: string[]) => out.push(`-- ${comment}\n${sql.map((s) => `${s.trim()};`).join('\n\n')}`);
      if (statements.session.length) emit('session settings', [...statements.session]);
      for (const config of configsFor(target, flags)) {
        const definition = pipelineByName(config.pipeline as PipelineName);
        // Rendering needs only a dialect: no engine is opened.
        const renderer = { dialect: statements.dialect } as Engine;
        const ctx = datasetContext(config, renderer);
        for (const { dataset } of planPipeline(definition, statements.dialect, config)) {
          const { candidate, output, checks } = renderDataset(dataset, ctx);
          const dir = datasetDir(config.dataDir, dataset.name);
          const sql: string[] = [];
          if (checks.needsCounts) sql.push(`SELECT ${checks.countsSelect()}\nFROM ${candidate}`);
          sql.push(...statements.write(output, dir));
          if (checks.quarantines) sql.push(...statements.write(checks.quarantineSelect(candidate, '<run-id>'), quarantineDir(config.dataDir, dataset.name)));
          const outputCounts = checks.outputCountsSelect(statements.dialect.readParquet(dir));
          if (outputCounts) sql.push(outputCounts);
          for (const e of (dataset.expect ?? []).filter((x): x is TableExpectation<typeof config> => x.scope === 'table')) {
            sql.push(e.measure(ctx, statements.dialect.readParquet(dir)));
          }
          emit(`${config.pipeline} ${layerOf(dataset.name)}.${shortName(dataset.name)}: ${dataset.description}`, sql);
        }
      }
      process.stdout.write(out.join('\n\n') + '\n');
    });
}
