import { UserError } from '../core/errors.js';
import type { PipelineDefinition } from '../core/pipeline.js';

/** Accepts `gold/customer_analytics` or `gold.customer_analytics` and returns the dataset's name. */
export function parseDatasetArg<C>(raw: string, definition: PipelineDefinition<C>): string {
  const name = raw.replace('/', '.');
  if (!definition.datasets.some((d) => d.name === name)) {
    const known = definition.datasets.map((d) => d.name.replace('.', '/')).join(', ');
    throw new UserError(`unknown dataset '${raw}' in pipeline ${definition.name}: expected one of ${known}`);
  }
  return name;
}
