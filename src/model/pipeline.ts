import type { ChartsByDataset } from './chart.js';
import type { ConfigOptions, ConfigSpec, PipelineConfig } from './config.js';
import type { Dataset, Layer } from './dataset.js';

/**
 * A pipeline is one object: its name, how it is configured, and its datasets (bronze sources
 * included). Built-in pipelines and a user's are the same kind of object, found through one
 * registry, so nothing in the runner or the CLI names a pipeline.
 */
export interface Pipeline<C extends PipelineConfig = PipelineConfig> {
  /** How the CLI names it: `medallion run <name>`. */
  readonly name: string;
  /** Banner of the run, e.g. `DATA PIPELINE`. */
  readonly title: string;
  /** One line for `medallion list`. */
  readonly description: string;
  /** Banner of each layer, e.g. `BRONZE LAYER: Raw Data Ingestion`. */
  readonly layerTitles: Readonly<Record<Layer, string>>;
  /** Sizes, inputs and the default data dir: the flags the CLI offers for this pipeline. */
  readonly config: ConfigSpec;
  /** Builds this pipeline's validated, frozen config. */
  configure(options?: ConfigOptions): C;
  readonly datasets: readonly Dataset<C>[];
  /** The report's charts of its gold datasets; others get charts chosen by their column types. */
  readonly charts?: ChartsByDataset;
}
