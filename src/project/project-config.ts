import type { Pipeline } from '../model/pipeline.js';

/** What `medallion.config.ts` exports: the project's pipelines. */
export interface ProjectConfig {
  readonly pipelines: readonly Pipeline[];
}

/**
 * Typed identity for `medallion.config.ts`, for the editor's completion:
 *
 * ```ts
 * import { defineConfig } from 'medallion';
 * import orders from './pipelines/orders.ts';
 * export default defineConfig({ pipelines: [orders] });
 * ```
 */
export function defineConfig(config: ProjectConfig): ProjectConfig {
  return config;
}
