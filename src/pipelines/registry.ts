import type { Pipeline } from '../model/pipeline.js';
import { dataPipeline } from './data/index.js';
import { mapReducePipeline } from './mapreduce/index.js';

/** The built-in pipelines: the only list of them. Adding one is a folder and a line here. */
export const PIPELINES = { data: dataPipeline, mapreduce: mapReducePipeline } as const;

/** Names that stand for several pipelines on the command line: `medallion run both`. */
export const PIPELINE_GROUPS: Readonly<Record<string, readonly string[]>> = { both: ['data', 'mapreduce'] };

export const BUILT_IN_PIPELINES: readonly Pipeline[] = Object.values(PIPELINES) as unknown as Pipeline[];
