import { pipeline } from '../../define/pipeline.js';
import * as bronze from './bronze.js';
import { MAPREDUCE_CHARTS } from './charts.js';
import { MAPREDUCE_CONFIG, MapReducePipelineConfig } from './config.js';
import * as gold from './gold.js';
import * as silver from './silver.js';

/** The event-stream pipeline: raw JSON lines to engagement analytics and the MapReduce patterns. */
export const mapReducePipeline = pipeline<MapReducePipelineConfig>({
  name: 'mapreduce',
  title: 'MAPREDUCE PIPELINE',
  description: 'Event stream: raw JSON lines to engagement, funnel and revenue analytics, and the classic MapReduce patterns.',
  layerTitles: {
    bronze: 'BRONZE LAYER: Raw Event Stream Ingestion',
    silver: 'SILVER LAYER: Data Cleaning and Enrichment',
    gold: 'GOLD LAYER: Business Analytics and MapReduce Patterns',
  },
  config: MAPREDUCE_CONFIG,
  configure: (options) => new MapReducePipelineConfig(options),
  sources: [bronze.rawEvents, bronze.users, bronze.products],
  datasets: [
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
  charts: MAPREDUCE_CHARTS,
});
