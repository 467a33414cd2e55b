import type { Command } from 'commander';
import { printOut } from './print.js';
import { openEngine, parseEngineName } from '../engines/registry.js';
import type { PipelineRegistry } from '../project/registry.js';
import { pipelineGraph, selectDatasets } from '../run/graph.js';
import { runDatasetTests, type TestResult } from '../testing/run-dataset-tests.js';
import { addEngineOptions, addPipelineOptions, configsFor, type EngineFlags, type Flags } from './options.js';

/**
 * `medallion test [pipeline]`: runs the unit tests of the datasets (their `tests`) on the engine
 * chosen, over the tests' rows alone: no data dir is read or written. Exit 0 when every test
 * passes, 1 with a row diff per failing test, 2 when a test names what its dataset does not have.
 */
export function registerTest(program: Command, registry: PipelineRegistry): void {
  addEngineOptions(
    addPipelineOptions(
      program
        .command('test')
        .description("run the datasets' unit tests on the rows they give, without touching a data dir (default: every pipeline of the project)")
        .argument('[pipeline]', `${[...registry.names, ...Object.keys(registry.groups)].join(', ')}`)
        .option('-s, --select <selectors...>', 'only the tests of these datasets (dbt-style: name, +name, name+, layer:silver)'),
      registry,
    ),
  ).action(async (target: string | undefined, flags: Flags & EngineFlags & { select?: string[] }) => {
    const engineName = parseEngineName(flags.engine);
    const names = target ? [target] : (registry.project?.pipelines.map((p) => p.name) ?? registry.names);
    const runs = names.flatMap((name) => configsFor(registry, name, flags));
    const engine = await openEngine({ engine: engineName, ...(flags.remote ? { remote: flags.remote } : {}) });
    const started = performance.now();
    const results: TestResult[] = [];
    try {
      for (const { pipeline, config } of runs) {
        const only = flags.select?.length ? selectDatasets(pipelineGraph(pipeline.name, pipeline.datasets, engine.dialect, config), flags.select) : undefined;
        results.push(...(await runDatasetTests(pipeline, config, engine, only)));
      }
    } finally {
      await engine.close();
    }
    const failed = results.filter((r) => r.failures.length);
    const lines = results.flatMap((r) => [
      `${r.failures.length ? '✗' : '✓'} ${runs.length > 1 ? `${r.pipeline}: ` : ''}${r.dataset}: ${r.test}`,
      ...r.failures.map((line) => `    ${line}`),
    ]);
    const datasets = new Set(results.map((r) => `${r.pipeline}.${r.dataset}`)).size;
    const summary = results.length
      ? `${results.length} test${results.length === 1 ? '' : 's'} of ${datasets} dataset${datasets === 1 ? '' : 's'} on ${engineName} in ${Math.round(performance.now() - started)} ms: ${results.length - failed.length} passed, ${failed.length} failed`
      : `no tests${flags.select?.length ? ' among the datasets selected' : ''}: a dataset's tests are its \`tests\` (see docs/guides/your-own-pipeline.md)`;
    printOut(`${[...lines, summary].join('\n')}\n`);
    if (failed.length) process.exitCode = 1;
  });
}
