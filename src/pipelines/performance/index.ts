import { pipeline } from '../../define/pipeline.js';
import * as bronze from './bronze.js';
import { PERFORMANCE_CHARTS } from './charts.js';
import { PERFORMANCE_CONFIG, PerformancePipelineConfig } from './config.js';
import * as gold from './gold.js';
import * as silver from './silver.js';

/** The web-session pipeline: window functions per user and per session, a broadcast join, and cohorts. */
export const performancePipeline = pipeline<PerformancePipelineConfig>({
  name: 'performance',
  title: 'PERFORMANCE PIPELINE',
  description: 'Web sessions: window functions per user and session, a broadcast device dimension, user, session, temporal and cohort analytics.',
  layerTitles: {
    bronze: 'BRONZE LAYER: Raw Session Data Ingestion',
    silver: 'SILVER LAYER: Advanced Transformations and Window Functions',
    gold: 'GOLD LAYER: Performance-Optimized Analytics',
  },
  config: PERFORMANCE_CONFIG,
  configure: (options) => new PerformancePipelineConfig(options),
  sources: [bronze.sessions, bronze.devices],
  datasets: [silver.enrichedEvents, gold.userAnalytics, gold.sessionAnalytics, gold.temporalPatterns, gold.cohortRetention],
  charts: PERFORMANCE_CHARTS,
});
