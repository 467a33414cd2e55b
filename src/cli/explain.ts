import type { Command } from 'commander';
import { printOut } from './print.js';
import { UserError } from '../model/errors.js';
import { openEngine, parseEngineName } from '../engines/registry.js';
import type { PipelineRegistry } from '../project/registry.js';
import { checkInputFiles } from '../run/check-input-files.js';
import { planRun } from '../run/plan.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { parseDatasetArg } from './dataset-arg.js';
import { formatColumnLineage } from '../lineage/format-lineage.js';
import { pipelineLineage } from '../lineage/pipeline-lineage.js';
import { addEngineOptions, addPipelineOptions, configsFor, type EngineFlags, type Flags } from './options.js';
import { PRINTED_RUN_ID } from './print-plan.js';

export function registerExplain(program: Command, registry: PipelineRegistry): void {
  const command = addPipelineOptions(
    program
      .command('explain')
      .description("print a dataset's SQL and the engine's physical plan for it")
      .argument('<pipeline>', registry.names.join(', '))
      .argument('<dataset>', 'layer/dataset, e.g. gold/word_count')
      .option('--columns', 'print where each column comes from, through the whole graph down to bronze, instead of the plan'),
    registry,
  );
  addEngineOptions(command).action(async (target: string, datasetArg: string, flags: Flags & EngineFlags & { columns?: boolean }) => {
    const [{ pipeline, config: given }] = configsFor(registry, target, flags, false) as [ReturnType<typeof configsFor>[number]];
    if (flags.columns) {
      // Lineage is read from the definitions alone: nothing needs to be built, no engine to run.
      const name = parseDatasetArg(datasetArg, pipeline);
      printOut(formatColumnLineage(await pipelineLineage(pipeline, given), name).join('\n') + '\n');
      return;
    }
    // The files as a run finds them, so that the SQL explained is the SQL a run sends.
    const config = await checkInputFiles(pipeline, given);
    const name = parseDatasetArg(datasetArg, pipeline);
    const store = openDatasetStore(config.dataDir);
    const engine = await openEngine({ engine: parseEngineName(flags.engine), ...(flags.remote ? { remote: flags.remote } : {}) });
    try {
      const plan = planRun({ pipeline, config, dialect: engine.dialect, paths: await store.paths(PRINTED_RUN_ID), select: [name], runId: PRINTED_RUN_ID, startedAt: new Date() });
      const step = plan.steps[0]!;
      const missing = step.inputs.filter((input) => !store.isBuilt(input));
      if (missing.length) {
        throw new UserError(`${name} reads ${missing.join(', ')}, not built in ${config.dataDir}: run 'medallion run ${pipeline.name}' first`);
      }
      for (const statement of plan.setup) await engine.execute(statement.sql);
      const { dataset } = step;
      const mr = dataset.mapReduce;
      const lines = [
        `-- ${name}: ${dataset.description}`,
        ...(mr ? [`-- MapReduce pattern: ${mr.pattern}`, `--   map side:    ${mr.map}`, `--   reduce side: ${mr.reduce}`] : []),
        `-- inputs: ${step.inputs.join(', ') || 'none (generated)'}`,
        // A dataset written in parts explains as its first part: the others differ only in their slice.
        step.writes[0]!.sql.trim(),
        '',
        `-- physical plan (${await engine.version()})`,
        await engine.explain(step.writes[0]!.sql),
      ];
      printOut(lines.join('\n') + '\n');
    } finally {
      await engine.close();
    }
  });
}
