import { pipeline } from '../../define/pipeline.js';
import * as bronze from './bronze.js';
import { DATA_CHARTS } from './charts.js';
import { DATA_CONFIG, DataPipelineConfig } from './config.js';
import * as gold from './gold.js';
import * as history from './history.js';
import * as silver from './silver.js';

/** The retail pipeline: customers, transactions and products to five gold aggregations. */
export const dataPipeline = pipeline<DataPipelineConfig>({
  name: 'data',
  title: 'DATA PIPELINE',
  description: 'Retail: customers, transactions and products to segment, category, payment, device and product analytics.',
  layerTitles: {
    bronze: 'BRONZE LAYER: Raw Data Ingestion',
    silver: 'SILVER LAYER: Data Cleansing and Enrichment',
    gold: 'GOLD LAYER: Business Aggregations',
  },
  config: DATA_CONFIG,
  configure: (options) => new DataPipelineConfig(options),
  sources: [bronze.customers, bronze.transactions, bronze.products],
  datasets: [
    history.customers.changes,
    history.customers.history,
    history.products.changes,
    history.products.history,
    silver.customersEnriched,
    silver.transactionsClean,
    silver.productsActive,
    gold.customerAnalytics,
    gold.categoryAnalytics,
    gold.paymentAnalytics,
    gold.deviceAnalytics,
    gold.productAnalytics,
  ],
  charts: DATA_CHARTS,
});
