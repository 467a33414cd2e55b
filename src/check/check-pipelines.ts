import type { Engine } from '../engines/engine.js';
import type { PipelineConfig } from '../model/config.js';
import { ProblemsError, UserError } from '../model/errors.js';
import type { Pipeline } from '../model/pipeline.js';
import { checkPipeline } from './check-pipeline.js';

/**
 * Every problem of every pipeline given, each line prefixed with its pipeline's name, so that a
 * multi-pipeline command (`check`, `run both`, `run all`) tells them all at once, before any is run.
 */
export async function checkPipelines(
  runs: ReadonlyArray<{ pipeline: Pipeline; config: PipelineConfig }>,
  engine: Pick<Engine, 'dialect' | 'describe'>,
): Promise<string[]> {
  // The pipelines share nothing: they are checked at once, and their problems told in order.
  const problems = runs.map(async ({ pipeline, config }): Promise<string[]> => {
    try {
      return (await checkPipeline(pipeline, config, engine)).map((p) => `${pipeline.name}: ${p}`);
    } catch (error) {
      // A graph that cannot be walked (an unknown ref, a cycle) is one problem, already naming its pipeline.
      if (error instanceof ProblemsError) return error.problems.map((p) => `${pipeline.name}: ${p}`);
      if (error instanceof UserError) return [error.message];
      throw error;
    }
  });
  return (await Promise.all(problems)).flat();
}

/** Refuses (a `ProblemsError`, exit 2) when any of the pipelines has a problem `checkPipeline` finds. */
export async function assertPipelinesCheck(
  runs: ReadonlyArray<{ pipeline: Pipeline; config: PipelineConfig }>,
  engine: Pick<Engine, 'dialect' | 'describe'>,
): Promise<void> {
  const problems = await checkPipelines(runs, engine);
  if (problems.length) throw new ProblemsError(problems);
}
