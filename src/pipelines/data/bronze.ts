import { source } from '../../define/source.js';
import type { DataPipelineConfig } from './config.js';
import { customersOfDay } from './daily-customers.js';
import { productsOfDay } from './daily-products.js';
import { generateTransactions } from './generate-transactions.js';

type C = DataPipelineConfig;

/** Transactions generated per day in a run over a window of days: `--transactions` stays the size of a year. */
export function transactionsPerDay(transactions: number): number {
  return Math.ceil(transactions / 365);
}

export const customers = source<C>({
  name: 'bronze.customers',
  description: 'Customer master records, exactly as received from the source: a full snapshot of the day.',
  columns: {
    customer_id: { type: 'INTEGER', doc: 'Customer key, 1…customers.' },
    first_name: { type: 'TEXT', doc: 'Given name.' },
    last_name: { type: 'TEXT', doc: 'Family name.' },
    email: { type: 'TEXT', doc: 'Contact address.' },
    age: { type: 'INTEGER', doc: 'Age in years, 18–80.' },
    city: { type: 'TEXT', doc: 'Home city.' },
    signup_date: { type: 'TEXT', doc: 'Signup day as received (text, YYYY-MM-DD).' },
    total_orders: { type: 'INTEGER', doc: 'Orders placed to date, 0–100.' },
    total_spent: { type: 'DOUBLE', doc: 'Lifetime spend, 0–10000.' },
  },
  keys: ['customer_id'],
  input: 'customers',
  generate: customersOfDay,
});

export const transactions = source<C>({
  rowWise: true,
  name: 'bronze.transactions',
  description: 'Transaction log as received: every status, amounts and timestamps as text.',
  columns: {
    transaction_id: { type: 'TEXT', doc: 'Transaction key, TXN_0000001….' },
    customer_id: { type: 'INTEGER', doc: 'Buying customer, 1…customers.' },
    product_id: { type: 'TEXT', doc: 'Product bought, PROD_0001….' },
    product_category: { type: 'TEXT', doc: 'Category of the product.' },
    amount: { type: 'DOUBLE', doc: 'Amount charged, 5–1000.' },
    timestamp: { type: 'TEXT', doc: 'When it happened, ISO-8601 text, within the year before as-of.' },
    payment_method: { type: 'TEXT', doc: 'How it was paid.' },
    status: { type: 'TEXT', doc: 'completed, pending, cancelled or refunded.' },
    device: { type: 'TEXT', doc: 'Device used.' },
    browser: { type: 'TEXT', doc: 'Browser used.' },
    location: { type: 'TEXT', doc: 'Country code.' },
  },
  keys: ['transaction_id'],
  input: 'transactions',
  partitionBy: 'transaction_date',
  generate: ({ dialect, config }) =>
    generateTransactions(dialect, {
      // Over a window of days, --transactions is still a year's worth: each day makes 1/365 of it.
      count: config.window ? transactionsPerDay(config.transactions) : config.transactions,
      ...(config.window ? { day: config.window.days[0]! } : {}),
      customers: config.customers,
      products: config.products,
      seed: config.seed,
      asOf: config.asOf,
    }),
});

export const products = source<C>({
  name: 'bronze.products',
  description: 'Product catalog as received, active and inactive: a full snapshot of the day.',
  columns: {
    product_id: { type: 'TEXT', doc: 'Product key, PROD_0001….' },
    product_name: { type: 'TEXT', doc: 'Display name.' },
    category: { type: 'TEXT', doc: 'Category.' },
    price: { type: 'DOUBLE', doc: 'List price.' },
    stock_quantity: { type: 'INTEGER', doc: 'Units in stock.' },
    supplier: { type: 'TEXT', doc: 'Supplier name.' },
    weight_kg: { type: 'DOUBLE', doc: 'Shipping weight in kg.' },
    created_date: { type: 'TEXT', doc: 'Day the product was listed (text, YYYY-MM-DD).' },
    is_active: { type: 'BOOLEAN', doc: 'Whether the product is sold.' },
  },
  keys: ['product_id'],
  input: 'products',
  generate: productsOfDay,
});
