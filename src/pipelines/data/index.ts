import type { DataPipelineConfig } from '../../core/config.js';
import type { PipelineDefinition } from '../../core/pipeline.js';
import * as bronze from './bronze.js';
import * as gold from './gold.js';
import * as silver from './silver.js';

/** The retail pipeline: customers, transactions and products to five gold aggregations. */
export const dataPipeline: PipelineDefinition<DataPipelineConfig> = {
  name: 'data',
  title: 'DATA PIPELINE',
  layerTitles: {
    bronze: 'BRONZE LAYER: Raw Data Ingestion',
    silver: 'SILVER LAYER: Data Cleansing and Enrichment',
    gold: 'GOLD LAYER: Business Aggregations',
  },
  datasets: [
    bronze.customers,
    bronze.transactions,
    bronze.products,
    silver.customersEnriched,
    silver.transactionsClean,
    silver.productsActive,
    gold.customerAnalytics,
    gold.categoryAnalytics,
    gold.paymentAnalytics,
    gold.deviceAnalytics,
    gold.productAnalytics,
  ],
};
