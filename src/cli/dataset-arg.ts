import { suggestOrList } from '../model/did-you-mean.js';
import { UserError } from '../model/errors.js';
import type { Pipeline } from '../model/pipeline.js';

/** Accepts `gold/customer_analytics` or `gold.customer_analytics` and returns the dataset's name. */
export function parseDatasetArg(raw: string, pipeline: Pipeline): string {
  const name = raw.replace('/', '.');
  if (!pipeline.datasets.some((d) => d.name === name)) {
    const known = pipeline.datasets.map((d) => d.name.replace('.', '/'));
    throw new UserError(`unknown dataset '${raw}' in pipeline ${pipeline.name}: ${suggestOrList(raw.replace('.', '/'), known, 'expected one of')}`);
  }
  return name;
}
