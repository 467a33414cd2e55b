import type { PipelineConfig } from '../src/model/config.js';
import type { Pipeline } from '../src/model/pipeline.js';
import { PIPELINES } from '../src/pipelines/registry.js';

/** The built-in pipeline called `name`, found in the registry as the CLI finds it. */
export function builtInPipeline(name: string): Pipeline {
  const pipeline = (PIPELINES as unknown as Readonly<Record<string, Pipeline>>)[name];
  if (!pipeline) throw new Error(`bench: no built-in pipeline '${name}' (${Object.keys(PIPELINES).join(', ')})`);
  return pipeline;
}

/**
 * The config a benchmark runs: the original project's sizes times `scale` (a span such as days of
 * history stays as it is, as `--scale` leaves it), a fixed seed and day.
 */
export function benchConfig(name: string, scale: number, dataDir: string): PipelineConfig {
  const pipeline = builtInPipeline(name);
  const sizes = Object.fromEntries(
    Object.entries(pipeline.config.sizes ?? {}).map(([size, spec]) => [size, spec.scales === false ? spec.default : Math.max(1, Math.round(spec.default * scale))]),
  );
  return pipeline.configure({ dataDir, seed: 42, asOf: '2026-01-15', sizes });
}
