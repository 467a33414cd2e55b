import { PipelineConfig, type ConfigOptions, type ConfigSpec } from '../../model/config.js';

/** Sizes and inputs of the event-stream pipeline; the original project's sizes by default. */
export const MAPREDUCE_CONFIG: ConfigSpec = {
  defaultDataDir: '~/mapreduce-pipeline-data',
  sizes: {
    events: { default: 100_000, help: 'events to generate', replacedBy: 'events' },
    users: { default: 5_000, help: 'users to generate' },
    products: { default: 500, flag: '--event-products', help: 'products of the event catalog' },
  },
  inputs: {
    events: {
      flag: '--input',
      formats: ['jsonl'],
      help: 'ingest these JSON-lines files (a file, a directory or a glob; .gz accepted) instead of generating events',
    },
  },
};

export interface MapReducePipelineOptions extends Omit<ConfigOptions, 'sizes' | 'inputs'> {
  events?: number;
  users?: number;
  products?: number;
  /** Raw event lines to ingest instead of generated ones: JSON-lines files (gzip accepted), a directory or a glob. */
  input?: string;
}

/** Configuration of the event-stream (`mapreduce`) pipeline. */
export class MapReducePipelineConfig extends PipelineConfig {
  declare readonly events: number;
  declare readonly users: number;
  declare readonly products: number;

  static readonly defaults = { events: 100_000, users: 5_000, products: 500 } as const;

  constructor(options: MapReducePipelineOptions | ConfigOptions = {}) {
    super('mapreduce', MAPREDUCE_CONFIG, normalise(options));
  }
}

function normalise(options: MapReducePipelineOptions | ConfigOptions): ConfigOptions {
  if (('sizes' in options && options.sizes) || ('inputs' in options && options.inputs)) return options as ConfigOptions;
  const { events, users, products, input, ...rest } = options as MapReducePipelineOptions;
  const sizes = { ...(events === undefined ? {} : { events }), ...(users === undefined ? {} : { users }), ...(products === undefined ? {} : { products }) };
  return { ...rest, sizes, ...(input === undefined ? {} : { inputs: { events: input } }) } as ConfigOptions;
}
