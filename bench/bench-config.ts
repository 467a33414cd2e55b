import { DataPipelineConfig, MapReducePipelineConfig } from '../src/index.js';
import type { PipelineConfig } from '../src/model/config.js';

/** The config a benchmark runs: the original project's sizes times `scale`, a fixed seed and day. */
export function benchConfig(pipeline: string, scale: number, dataDir: string): PipelineConfig {
  const size = (n: number) => Math.round(n * scale);
  const common = { dataDir, seed: 42, asOf: '2026-01-15' };
  return pipeline === 'data'
    ? new DataPipelineConfig({ ...common, customers: size(10_000), transactions: size(50_000), products: size(200) })
    : new MapReducePipelineConfig({ ...common, events: size(100_000), users: size(5_000), products: size(500) });
}
