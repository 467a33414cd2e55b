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
  const problems: string[] = [];
  for (const { pipeline, config } of runs) {
    try {
      problems.push(...(await checkPipeline(pipeline, config, engine)).map((p) => `${pipeline.name}: ${p}`));
    } catch (error) {
      // A graph that cannot be walked (an unknown ref, a cycle) is one problem, already naming its pipeline.
      if (error instanceof ProblemsError) problems.push(...error.problems.map((p) => `${pipeline.name}: ${p}`));
      else if (error instanceof UserError) problems.push(error.message);
      else throw error;
    }
  }
  return problems;
}

/** Refuses (a `ProblemsError`, exit 2) when any of the pipelines has a problem `checkPipeline` finds. */
export async function assertPipelinesCheck(
  runs: ReadonlyArray<{ pipeline: Pipeline; config: PipelineConfig }>,
  engine: Pick<Engine, 'dialect' | 'describe'>,
): Promise<void> {
  const problems = await checkPipelines(runs, engine);
  if (problems.length) throw new ProblemsError(problems);
}
