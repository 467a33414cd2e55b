import type { ChartsByDataset } from '../model/chart.js';
import { PipelineConfig, type ConfigOptions, type ConfigSpec } from '../model/config.js';
import { layerOf, type Dataset, type Layer } from '../model/dataset.js';
import { UserError } from '../model/errors.js';
import type { Pipeline } from '../model/pipeline.js';
import { definitionIssues } from '../model/definition-issues.js';
import { problemsOf, refuseDefinition } from '../model/definition-problems.js';
import { pipelineSchema } from '../model/definition-schemas.js';

export interface PipelineDefinition<C extends PipelineConfig> {
  /** How the CLI names it: lower case, digits, `-` and `_`. */
  readonly name: string;
  readonly description?: string;
  /** Banner of the run; default `<NAME> PIPELINE`. */
  readonly title?: string;
  readonly layerTitles?: Partial<Record<Layer, string>>;
  /** Sizes and inputs; the default data dir is `./data/<name>` (relative to the project). */
  readonly config?: Partial<ConfigSpec>;
  /** Builds the config; a plain `PipelineConfig` by default. */
  readonly configure?: (options: ConfigOptions) => C;
  /** The bronze sources (see `source()`); listed first. */
  readonly sources?: readonly Dataset<C>[];
  readonly datasets: readonly Dataset<C>[];
  /** The report's charts, by gold dataset (see `ChartSpec`); others get charts chosen by their column types. */
  readonly charts?: ChartsByDataset;
}

const RESERVED = new Set(['both', 'all']);
const DEFAULT_LAYER_TITLES: Record<Layer, string> = {
  bronze: 'BRONZE LAYER: Raw Data Ingestion',
  silver: 'SILVER LAYER: Cleaned and Validated',
  gold: 'GOLD LAYER: Business Aggregates',
};

/**
 * Declares a pipeline: the one object a pipeline module exports. Mistakes a user can make in it
 * (a bad name, two datasets with one name, a source outside bronze) are `UserError`s.
 *
 * ```ts
 * export default pipeline({ name: 'shop', sources: [orders], datasets: [ordersClean, revenue] });
 * ```
 */
export function pipeline<C extends PipelineConfig = PipelineConfig>(definition: PipelineDefinition<C>): Pipeline<C> {
  const { name } = definition;
  if (typeof name !== 'string' || !/^[a-z][a-z0-9_-]*$/.test(name)) {
    throw new UserError(`pipeline name must be lower case letters, digits, '-' or '_', starting with a letter; got '${String(name)}'`);
  }
  if (RESERVED.has(name)) throw new UserError(`pipeline name '${name}' is reserved: it names several pipelines on the command line`);
  assertDefinitionShape(definition, name);
  const datasets = [...(definition.sources ?? []), ...definition.datasets];
  const seen = new Set<string>();
  for (const d of datasets) {
    if (!d || typeof d.name !== 'string' || typeof d.sql !== 'function') {
      throw new UserError(`pipeline ${name}: every entry of sources and datasets must be made with dataset() or source()`);
    }
    if (seen.has(d.name)) throw new UserError(`pipeline ${name}: two datasets are named ${d.name}`);
    seen.add(d.name);
  }
  for (const s of definition.sources ?? []) {
    if (layerOf(s.name) !== 'bronze') throw new UserError(`pipeline ${name}: source ${s.name} must be in bronze`);
  }
  const spec: ConfigSpec = {
    defaultDataDir: definition.config?.defaultDataDir ?? `./data/${name}`,
    ...(definition.config?.sizes ? { sizes: definition.config.sizes } : {}),
    ...(definition.config?.inputs ? { inputs: definition.config.inputs } : {}),
    ...(definition.config?.fractions ? { fractions: definition.config.fractions } : {}),
  };
  for (const chartOf of Object.keys(definition.charts ?? {})) {
    if (!seen.has(chartOf)) throw new UserError(`pipeline ${name}: charts are declared for ${chartOf}, which is not one of its datasets`);
  }
  for (const d of datasets) {
    if (d.source && !spec.inputs?.[d.source.input]) {
      throw new UserError(`pipeline ${name}: source ${d.name} reads input '${d.source.input}', which config.inputs does not declare`);
    }
  }
  const configure = definition.configure ?? ((options: ConfigOptions) => new PipelineConfig(name, spec, options) as C);
  const built = {
    name,
    title: definition.title ?? `${name.toUpperCase()} PIPELINE`,
    description: definition.description ?? '',
    layerTitles: { ...DEFAULT_LAYER_TITLES, ...definition.layerTitles },
    config: spec,
    configure: (options: ConfigOptions = {}) => configure(options),
    datasets,
    ...(definition.charts ? { charts: definition.charts } : {}),
  };
  const inherited = datasets.flatMap((d) => problemsOf(d));
  return inherited.length ? refuseDefinition([], () => built, inherited) : Object.freeze(built);
}

/** The mistakes of the definition's own keys and values (its datasets say theirs). */
function assertDefinitionShape<C extends PipelineConfig>(definition: PipelineDefinition<C>, name: string): void {
  const issues = definitionIssues(pipelineSchema, definition).map((m) => `pipeline ${name}: ${m}`);
  if (!issues.length) return;
  const entries = [definition.sources, definition.datasets].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  refuseDefinition(issues, () => ({}), entries.flatMap((d) => problemsOf(d)), { always: true });
}
