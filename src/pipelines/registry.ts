import type { Pipeline } from '../model/pipeline.js';
import { dataPipeline } from './data/index.js';
import { mapReducePipeline } from './mapreduce/index.js';
import { performancePipeline } from './performance/index.js';

/** The built-in pipelines: the only list of them. Adding one is a folder and a line here. */
export const PIPELINES = { data: dataPipeline, mapreduce: mapReducePipeline, performance: performancePipeline } as const;

/** Names that stand for several pipelines on the command line: `medallion run both`, `medallion run all` (every built-in one). */
export const PIPELINE_GROUPS: Readonly<Record<string, readonly string[]>> = { both: ['data', 'mapreduce'], all: Object.keys(PIPELINES) };

export const BUILT_IN_PIPELINES: readonly Pipeline[] = Object.values(PIPELINES) as unknown as Pipeline[];
