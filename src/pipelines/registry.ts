import { dataPipeline } from './data/index.js';
import { mapReducePipeline } from './mapreduce/index.js';
import type { PipelineConfig } from '../core/config.js';
import type { PipelineDefinition, PipelineName } from '../core/pipeline.js';

export const PIPELINES = { data: dataPipeline, mapreduce: mapReducePipeline } as const;

export function pipelineFor(config: PipelineConfig): PipelineDefinition<PipelineConfig> {
  return PIPELINES[config.pipeline] as PipelineDefinition<PipelineConfig>;
}

export function pipelineByName(name: PipelineName): PipelineDefinition<PipelineConfig> {
  return PIPELINES[name] as PipelineDefinition<PipelineConfig>;
}
