import { dataDirFor } from '../model/config.js';
import type { Pipeline } from '../model/pipeline.js';
import type { PipelineRegistry } from '../project/registry.js';
import { baseDirOf } from './options.js';
import { readableDataDir } from '../storage/data-dir-pipeline.js';

/** One pipeline named on the command line, and the data dir its commands read. */
export function pipelineAndDataDir(registry: PipelineRegistry, name: string, dataDir: string | undefined): { pipeline: Pipeline; dataDir: string } {
  const pipeline = registry.get(name);
  const resolved = dataDirFor(pipeline.config, dataDir, baseDirOf(registry, pipeline));
  // `run both --data-dir B` writes B/data and B/mapreduce; `show data … --data-dir B` means B/data.
  return { pipeline, dataDir: dataDir === undefined ? resolved : readableDataDir(resolved, pipeline.name) };
}
