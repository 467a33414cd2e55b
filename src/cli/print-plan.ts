import { engineStatements, type EngineStatements } from '../engines/registry.js';
import { printOut } from './print.js';
import type { EngineName } from '../engines/engine.js';
import type { PipelineConfig } from '../model/config.js';
import type { Pipeline } from '../model/pipeline.js';
import { checkInputFiles } from '../run/check-input-files.js';
import { planRun, stepStatements, type Statement } from '../run/plan.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { describeStrategy } from '../storage/write-strategy.js';

/** The run id printed in place of the one a real run draws. */
export const PRINTED_RUN_ID = '<run-id>';

/**
 * Prints the plan of each run: every statement the engine would receive, in order, the ones
 * that depend on results marked with when they are sent. Nothing is opened or written.
 */
export async function printPlans(
  runs: ReadonlyArray<{ pipeline: Pipeline; config: PipelineConfig; select?: readonly string[] }>,
  engine: EngineName,
): Promise<void> {
  const statements = await engineStatements(engine);
  const out: string[] = [];
  if (statements.session.length) out.push(`-- session settings\n${statements.session.map((s) => `${s};`).join('\n\n')}`);
  for (const { pipeline, config: given, select } of runs) {
    // The files a run would read, found as a run finds them, so that the plan printed is the one run.
    const config = await checkInputFiles(pipeline, given);
    const plan = planRun({
      pipeline,
      config,
      dialect: statements.dialect,
      paths: await openDatasetStore(config.dataDir).paths(PRINTED_RUN_ID),
      select: select ?? [],
      runId: PRINTED_RUN_ID,
      startedAt: new Date(),
    });
    if (plan.setup.length) out.push(`-- ${pipeline.name} setup\n${plan.setup.map((s) => render(s, statements)).join('\n\n')}`);
    for (const step of plan.steps) {
      // How the new version is made, when it is not simply the rows written.
      const strategy = step.strategy.kind === 'overwrite' ? '' : ` [${describeStrategy(step.strategy)}]`;
      out.push(`-- ${pipeline.name} ${step.dataset.name}: ${step.dataset.description}${strategy}\n${stepStatements(step).map((s) => render(s, statements)).join('\n\n')}`);
    }
  }
  printOut(out.join('\n\n') + '\n');
}

function render(statement: Statement, engine: EngineStatements): string {
  const sql =
    statement.kind === 'write' ? (statement.uncounted ? engine.writeUncounted : engine.write)(statement.sql, statement.target!, statement.partitionBy) : statement.kind === 'describe' ? [engine.describe(statement.sql)] : [statement.sql];
  const note = `-- ${statement.purpose}${statement.when ? ` (only when ${statement.when})` : ''}`;
  return `${note}\n${sql.map((s) => `${s.trim()};`).join('\n')}`;
}
