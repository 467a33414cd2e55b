import { dataset } from '../../core/dataset.js';
import type { DataPipelineConfig } from '../../core/config.js';
import { generateCustomers } from '../../generate/customers.js';
import { generateProducts } from '../../generate/products.js';
import { generateTransactions } from '../../generate/transactions.js';

type C = DataPipelineConfig;

export const customers = dataset<C>({
  name: 'bronze.customers',
  description: 'Customer master records, exactly as received from the source.',
  columns: {
    customer_id: 'Customer key, 1…customers.',
    first_name: 'Given name.',
    last_name: 'Family name.',
    email: 'Contact address.',
    age: 'Age in years, 18–80.',
    city: 'Home city.',
    signup_date: 'Signup day as received (text, YYYY-MM-DD).',
    total_orders: 'Orders placed to date, 0–100.',
    total_spent: 'Lifetime spend, 0–10000.',
  },
  keys: ['customer_id'],
  sql: ({ dialect, config }) =>
    generateCustomers(dialect, { count: config.customers, seed: config.seed, asOf: config.asOf }),
});

export const transactions = dataset<C>({
  name: 'bronze.transactions',
  description: 'Transaction log as received: every status, amounts and timestamps as text.',
  columns: {
    transaction_id: 'Transaction key, TXN_0000001….',
    customer_id: 'Buying customer, 1…customers.',
    product_id: 'Product bought, PROD_0001….',
    product_category: 'Category of the product.',
    amount: 'Amount charged, 5–1000.',
    timestamp: 'When it happened, ISO-8601 text, within the year before as-of.',
    payment_method: 'How it was paid.',
    status: 'completed, pending, cancelled or refunded.',
    device: 'Device used.',
    browser: 'Browser used.',
    location: 'Country code.',
  },
  keys: ['transaction_id'],
  sql: ({ dialect, config }) =>
    generateTransactions(dialect, {
      count: config.transactions,
      customers: config.customers,
      products: config.products,
      seed: config.seed,
      asOf: config.asOf,
    }),
});

export const products = dataset<C>({
  name: 'bronze.products',
  description: 'Product catalog as received, active and inactive.',
  columns: {
    product_id: 'Product key, PROD_0001….',
    product_name: 'Display name.',
    category: 'Category.',
    price: 'List price.',
    stock_quantity: 'Units in stock.',
    supplier: 'Supplier name.',
    weight_kg: 'Shipping weight in kg.',
    created_date: 'Day the product was listed (text, YYYY-MM-DD).',
    is_active: 'Whether the product is sold.',
  },
  keys: ['product_id'],
  sql: ({ dialect, config }) =>
    generateProducts(dialect, { count: config.products, seed: config.seed, asOf: config.asOf }),
});
