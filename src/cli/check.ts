import type { Command } from 'commander';
import { printOut } from './print.js';
import { checkPipelines } from '../check/check-pipelines.js';
import { openEngine, parseEngineName } from '../engines/registry.js';
import { ProblemsError } from '../model/errors.js';
import type { PipelineRegistry } from '../project/registry.js';
import { addEngineOptions, addPipelineOptions, configsFor, type EngineFlags, type Flags } from './options.js';

/**
 * `medallion check [pipeline]`: loads the pipelines, validates their definitions and binds every
 * statement against the schemas the graph derives, on the engine chosen, without reading data or
 * writing anything. Exit 0, or 2 with every problem on a line of its own.
 */
export function registerCheck(program: Command, registry: PipelineRegistry): void {
  addEngineOptions(
    addPipelineOptions(
      program
        .command('check')
        .description('validate the definitions and bind every statement of a pipeline without running it (default: every pipeline of the project)')
        .argument('[pipeline]', `${[...registry.names, ...Object.keys(registry.groups)].join(', ')}`),
      registry,
    ),
  ).action(async (target: string | undefined, flags: Flags & EngineFlags) => {
    const engineName = parseEngineName(flags.engine);
    const names = target ? [target] : (registry.project?.pipelines.map((p) => p.name) ?? registry.names);
    const runs = names.flatMap((name) => configsFor(registry, name, flags));
    const engine = await openEngine({ engine: engineName, ...(flags.remote ? { remote: flags.remote } : {}) });
    const started = performance.now();
    let problems: string[];
    try {
      problems = await checkPipelines(runs, engine);
    } finally {
      await engine.close();
    }
    if (problems.length) throw new ProblemsError(problems);
    const datasets = runs.reduce((n, r) => n + r.pipeline.datasets.length, 0);
    printOut(`✓ ${runs.map((r) => r.pipeline.name).join(', ')}: ${datasets} datasets checked on ${engineName} in ${Math.round(performance.now() - started)} ms\n`);
  });
}
