import { scd2 } from '../../define/scd2.js';
import * as bronze from './bronze.js';
import type { DataPipelineConfig } from './config.js';
import { CUSTOMERS_CHANGES, CUSTOMERS_HISTORY, PRODUCTS_CHANGES, PRODUCTS_HISTORY } from './names.js';

/** What changed in the customers from one day's snapshot to the next, and every version of each customer. */
export const customers = scd2<DataPipelineConfig>({ snapshot: bronze.customers, key: 'customer_id', changes: CUSTOMERS_CHANGES, history: CUSTOMERS_HISTORY });

/** What changed in the catalog from one day's snapshot to the next, and every version of each product. */
export const products = scd2<DataPipelineConfig>({ snapshot: bronze.products, key: 'product_id', changes: PRODUCTS_CHANGES, history: PRODUCTS_HISTORY });
