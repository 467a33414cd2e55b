import { dataset } from '../../core/dataset.js';
import type { DataPipelineConfig } from '../../core/config.js';
import { generateCustomers } from '../../generate/customers.js';
import { generateProducts } from '../../generate/products.js';
import { generateTransactions } from '../../generate/transactions.js';
import { keyIsPresent, typedInput, valuesHaveTypes, type ColumnTypes } from '../typed-input.js';

type C = DataPipelineConfig;

const CUSTOMER_TYPES: ColumnTypes = {
  customer_id: 'INTEGER', first_name: 'TEXT', last_name: 'TEXT', email: 'TEXT', age: 'INTEGER',
  city: 'TEXT', signup_date: 'TEXT', total_orders: 'INTEGER', total_spent: 'DOUBLE',
};
const TRANSACTION_TYPES: ColumnTypes = {
  transaction_id: 'TEXT', customer_id: 'INTEGER', product_id: 'TEXT', product_category: 'TEXT', amount: 'DOUBLE',
  timestamp: 'TEXT', payment_method: 'TEXT', status: 'TEXT', device: 'TEXT', browser: 'TEXT', location: 'TEXT',
};
const PRODUCT_TYPES: ColumnTypes = {
  product_id: 'TEXT', product_name: 'TEXT', category: 'TEXT', price: 'DOUBLE', stock_quantity: 'INTEGER',
  supplier: 'TEXT', weight_kg: 'DOUBLE', created_date: 'TEXT', is_active: 'BOOLEAN',
};

/** The columns a user's file must have for each source: the bronze contract. */
export const REQUIRED_INPUT_COLUMNS = {
  customers: Object.keys(CUSTOMER_TYPES),
  transactions: Object.keys(TRANSACTION_TYPES),
  products: Object.keys(PRODUCT_TYPES),
} as const;

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
  expect: [
    valuesHaveTypes(CUSTOMER_TYPES, (c: C) => c.inputs.customers !== undefined),
    keyIsPresent('customer_id', (c: C) => c.inputs.customers !== undefined),
  ],
  sql: (ctx) =>
    ctx.config.inputs.customers
      ? typedInput(ctx, ctx.config.inputs.customers, CUSTOMER_TYPES)
      : generateCustomers(ctx.dialect, { count: ctx.config.customers, seed: ctx.config.seed, asOf: ctx.config.asOf }),
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
  expect: [
    valuesHaveTypes(TRANSACTION_TYPES, (c: C) => c.inputs.transactions !== undefined),
    keyIsPresent('transaction_id', (c: C) => c.inputs.transactions !== undefined),
  ],
  sql: (ctx) =>
    ctx.config.inputs.transactions
      ? typedInput(ctx, ctx.config.inputs.transactions, TRANSACTION_TYPES)
      : generateTransactions(ctx.dialect, {
          count: ctx.config.transactions,
          customers: ctx.config.customers,
          products: ctx.config.products,
          seed: ctx.config.seed,
          asOf: ctx.config.asOf,
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
  expect: [
    valuesHaveTypes(PRODUCT_TYPES, (c: C) => c.inputs.products !== undefined),
    keyIsPresent('product_id', (c: C) => c.inputs.products !== undefined),
  ],
  sql: (ctx) =>
    ctx.config.inputs.products
      ? typedInput(ctx, ctx.config.inputs.products, PRODUCT_TYPES)
      : generateProducts(ctx.dialect, { count: ctx.config.products, seed: ctx.config.seed, asOf: ctx.config.asOf }),
});
