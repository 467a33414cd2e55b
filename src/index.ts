export { runPipeline, type RunPipelineOptions } from './api.js';
export {
  DataPipelineConfig,
  MapReducePipelineConfig,
  type DataPipelineOptions,
  type MapReducePipelineOptions,
  type PipelineConfig,
} from './core/config.js';
export type { RunManifest, DatasetResult } from './core/manifest.js';
export type { Dataset, DatasetContext, KeepRule, Layer } from './core/dataset.js';
export type { PipelineDefinition, PipelineName } from './core/pipeline.js';
export { UserError } from './core/errors.js';
export type { Engine, Row, Column } from './engines/engine.js';
export { DuckDBEngine } from './engines/duckdb/duckdb-engine.js';
export type { Dialect } from './dialect/dialect.js';
export { Logger, type LogFormat } from './observe/logger.js';
export { PIPELINES } from './pipelines/registry.js';
