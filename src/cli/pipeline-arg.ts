import { dataDirFor } from '../model/config.js';
import type { Pipeline } from '../model/pipeline.js';
import type { PipelineRegistry } from '../project/registry.js';
import { baseDirOf } from './options.js';

/** One pipeline named on the command line, and the data dir its commands read. */
export function pipelineAndDataDir(registry: PipelineRegistry, name: string, dataDir: string | undefined): { pipeline: Pipeline; dataDir: string } {
  const pipeline = registry.get(name);
  return { pipeline, dataDir: dataDirFor(pipeline.config, dataDir, baseDirOf(registry, pipeline)) };
}
