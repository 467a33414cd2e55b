import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { renderDataset } from '../core/render.js';
import { datasetContext } from '../core/runner.js';
import { planPipeline } from '../core/pipeline.js';
import { datasetDir } from '../storage/layout.js';
import { isComplete } from '../storage/publish.js';
import { pipelineByName } from '../pipelines/registry.js';
import { parseDatasetArg } from './dataset-arg.js';
import { addEngineOptions, addPipelineOptions, configFromFlags, parsePipelineName, type EngineFlags, type PipelineFlags } from './options.js';
import { openEngine, parseEngineName } from '../engines/registry.js';
import type { PipelineName } from '../core/pipeline.js';

export function registerExplain(program: Command): void {
  const command = addPipelineOptions(
    program
      .command('explain')
      .description("print a dataset's SQL and the engine's physical plan for it")
      .argument('<pipeline>', 'data or mapreduce')
      .argument('<dataset>', 'layer/dataset, e.g. gold/word_count'),
  );
  addEngineOptions(command).action(async (pipelineArg: string, datasetArg: string, flags: PipelineFlags & EngineFlags) => {
    const pipeline = parsePipelineName(pipelineArg, false) as PipelineName;
    const definition = pipelineByName(pipeline);
    const name = parseDatasetArg(datasetArg, definition);
    const config = configFromFlags(pipeline, flags, flags.dataDir);
    const engine = await openEngine({ engine: parseEngineName(flags.engine), ...(flags.remote ? { remote: flags.remote } : {}) });
    try {
      const plan = planPipeline(definition, engine.dialect, config);
      const { dataset, inputs } = plan.find((p) => p.dataset.name === name)!;
      const missing = inputs.filter((input) => !isComplete(datasetDir(config.dataDir, input)));
      if (missing.length) {
        throw new UserError(`${name} reads ${missing.join(', ')}, not built in ${config.dataDir}: run 'medallion run ${pipeline}' first`);
      }
      const { output } = renderDataset(dataset, datasetContext(config, engine));
      const mr = dataset.mapReduce;
      const lines = [
        `-- ${name}: ${dataset.description}`,
        ...(mr ? [`-- MapReduce pattern: ${mr.pattern}`, `--   map side:    ${mr.map}`, `--   reduce side: ${mr.reduce}`] : []),
        `-- inputs: ${inputs.join(', ') || 'none (generated)'}`,
        output.trim(),
        '',
        `-- physical plan (${await engine.version()})`,
        await engine.explain(output),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    } finally {
      await engine.close();
    }
  });
}
