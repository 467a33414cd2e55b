import { PipelineConfig, type ConfigOptions, type ConfigSpec } from '../../model/config.js';
import { UserError } from '../../model/errors.js';

/** The longest span of generated history: ten years of days. */
export const MAX_DAYS = 3650;

/** Sizes of the web-session pipeline; the original project's sizes by default. */
export const PERFORMANCE_CONFIG: ConfigSpec = {
  defaultDataDir: '~/performance-pipeline-data',
  sizes: {
    sessions: { default: 10_000, help: 'web sessions to generate, of 1–10 events each' },
    users: { default: 2_000, flag: '--session-users', help: 'users the sessions belong to' },
    days: { default: 30, help: `days of history the sessions fall in, before as-of (up to ${MAX_DAYS}; --scale leaves it alone)`, scales: false },
  },
};

export interface PerformancePipelineOptions extends Omit<ConfigOptions, 'sizes' | 'inputs'> {
  sessions?: number;
  users?: number;
  days?: number;
}

/** Configuration of the web-session (`performance`) pipeline. Frozen once built; invalid values throw `UserError`. */
export class PerformancePipelineConfig extends PipelineConfig {
  declare readonly sessions: number;
  declare readonly users: number;
  declare readonly days: number;

  static readonly defaults = { sessions: 10_000, users: 2_000, days: 30 } as const;

  constructor(options: PerformancePipelineOptions | ConfigOptions = {}) {
    const normalised = normalise(options);
    const days = normalised.sizes?.['days'];
    if (days !== undefined && Number.isInteger(days) && days > MAX_DAYS) throw new UserError(`days must be a whole number between 1 and ${MAX_DAYS}, got ${days}`);
    super('performance', PERFORMANCE_CONFIG, normalised);
  }
}

function normalise(options: PerformancePipelineOptions | ConfigOptions): ConfigOptions {
  if ('sizes' in options && options.sizes) return options as ConfigOptions;
  const { sessions, users, days, ...rest } = options as PerformancePipelineOptions;
  const sizes = { ...(sessions === undefined ? {} : { sessions }), ...(users === undefined ? {} : { users }), ...(days === undefined ? {} : { days }) };
  return { ...rest, sizes } as ConfigOptions;
}
