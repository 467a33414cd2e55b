import type { MapReducePipelineConfig } from '../../core/config.js';
import type { PipelineDefinition } from '../../core/pipeline.js';
import * as bronze from './bronze.js';
import * as gold from './gold.js';
import * as silver from './silver.js';

/** The event-stream pipeline: raw JSON lines to engagement analytics and the MapReduce patterns. */
export const mapReducePipeline: PipelineDefinition<MapReducePipelineConfig> = {
  name: 'mapreduce',
  title: 'MAPREDUCE PIPELINE',
  layerTitles: {
    bronze: 'BRONZE LAYER: Raw Event Stream Ingestion',
    silver: 'SILVER LAYER: Data Cleaning and Enrichment',
    gold: 'GOLD LAYER: Business Analytics and MapReduce Patterns',
  },
  datasets: [
    bronze.rawEvents,
    bronze.users,
    bronze.products,
    silver.cleanedEvents,
    gold.userEngagement,
    gold.eventFunnel,
    gold.deviceLocationAnalytics,
    gold.revenueAnalytics,
    gold.hourlyPatterns,
    gold.eventTypeCounts,
    gold.topUsers,
    gold.wordCount,
    gold.productRevenue,
    gold.userSegments,
  ],
};
