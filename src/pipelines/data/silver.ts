import { dataset } from '../../model/dataset.js';
import type { DataPipelineConfig } from './config.js';
import { expect } from '../../quality/expect.js';
import { PAYMENT_METHODS } from './vocabulary.js';
import { currentRows } from '../../define/scd2.js';
import { CUSTOMER_COLUMNS } from './daily-customers.js';
import { PRODUCT_COLUMNS } from './daily-products.js';
import { CUSTOMERS_HISTORY, PRODUCTS_HISTORY } from './names.js';
import { CUSTOMERS_ENRICHED_TESTS, TRANSACTIONS_CLEAN_TESTS } from './tests.js';

type C = DataPipelineConfig;

/** Spend thresholds of the customer segments, highest first. */
export const SEGMENT_THRESHOLDS = [
  ['Premium', 3000],
  ['Gold', 1500],
  ['Silver', 500],
] as const;

export const customersEnriched = dataset<C>({
  name: 'silver.customers_enriched',
  tests: CUSTOMERS_ENRICHED_TESTS,
  description: 'Current customers with typed dates, full name, average order value and spend segment.',
  columns: {
    customer_id: 'Customer key.',
    first_name: 'Given name.',
    last_name: 'Family name.',
    email: 'Contact address.',
    age: 'Age in years.',
    city: 'Home city.',
    signup_date: 'Signup day (DATE).',
    total_orders: 'Orders placed to date.',
    total_spent: 'Lifetime spend.',
    full_name: '"first last".',
    avg_order_value: 'total_spent / total_orders, 2 decimals; 0 without orders.',
    customer_segment: 'Premium (> 3000 spent), Gold (> 1500), Silver (> 500) or Bronze.',
  },
  keys: ['customer_id'],
  expect: [
    expect.notNull('customer_id', { action: 'fail' }),
    expect.unique(['customer_id'], { action: 'fail' }),
    expect.acceptedValues('customer_segment', ['Premium', 'Gold', 'Silver', 'Bronze'], { action: 'fail' }),
    expect.range('age', { min: 0, max: 120 }, { action: 'quarantine' }),
    expect.range('total_spent', { min: 0 }, { action: 'quarantine' }),
    expect.pattern('email', '[^@ ]+@[^@ ]+\\.[a-z]+'),
    expect.notNull('signup_date'),
  ],
  sql: (ctx) => `
SELECT customer_id, first_name, last_name, email, age, city,
       ${ctx.dialect.tryParseDate('signup_date')} AS signup_date,
       total_orders, total_spent,
       ${ctx.dialect.concat(['first_name', "' '", 'last_name'])} AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE ${SEGMENT_THRESHOLDS.map(([name, min]) => `WHEN total_spent > ${min} THEN '${name}'`).join(' ')}
            ELSE 'Bronze' END AS customer_segment
FROM ${currentRows(ctx, CUSTOMERS_HISTORY, CUSTOMER_COLUMNS)} AS c`,
});

export const transactionsClean = dataset<C>({
  name: 'silver.transactions_clean',
  tests: TRANSACTIONS_CLEAN_TESTS,
  rowWise: true,
  description: 'Completed transactions with a positive amount, typed timestamp and transaction date.',
  partitionBy: 'transaction_date',
  columns: {
    transaction_id: 'Transaction key.',
    customer_id: 'Buying customer.',
    product_id: 'Product bought.',
    product_category: 'Category of the product.',
    amount: 'Amount charged (> 0).',
    timestamp: 'When it happened (TIMESTAMP).',
    payment_method: 'How it was paid.',
    status: 'Always completed.',
    device: 'Device used.',
    browser: 'Browser used.',
    location: 'Country code.',
    transaction_date: 'Day of the transaction (DATE).',
  },
  keys: ['transaction_id'],
  keep: [{ name: 'completed_only', condition: "status = 'completed'" }],
  expect: [
    expect.range('amount', { min: 0, minExclusive: true }, { action: 'drop', name: 'positive_amount' }),
    expect.notNull('timestamp', { action: 'quarantine', name: 'timestamp_parses' }),
    expect.references('customer_id', 'silver.customers_enriched', 'customer_id', { action: 'quarantine' }),
    expect.unique(['transaction_id'], { action: 'fail' }),
    expect.acceptedValues('payment_method', PAYMENT_METHODS),
    expect.pattern('product_id', 'PROD_[0-9]{4,}'),
    expect.freshness('timestamp', 48),
  ],
  sql: ({ ref, dialect }) => `
SELECT transaction_id, customer_id, product_id, product_category, amount,
       ${dialect.tryParseTimestamp('timestamp')} AS timestamp,
       payment_method, status, device, browser, location,
       CAST(${dialect.tryParseTimestamp('timestamp')} AS DATE) AS transaction_date
FROM ${ref('bronze.transactions')} AS t`,
});

export const productsActive = dataset<C>({
  name: 'silver.products_active',
  description: 'Current products that are active and in stock, with a typed creation date.',
  columns: {
    product_id: 'Product key.',
    product_name: 'Display name.',
    category: 'Category.',
    price: 'List price.',
    stock_quantity: 'Units in stock (> 0).',
    supplier: 'Supplier name.',
    weight_kg: 'Shipping weight in kg.',
    created_date: 'Day the product was listed (DATE).',
    is_active: 'Always true.',
  },
  keys: ['product_id'],
  keep: [
    { name: 'active_only', condition: 'is_active' },
    { name: 'in_stock', condition: 'stock_quantity > 0' },
  ],
  expect: [
    expect.unique(['product_id'], { action: 'fail' }),
    expect.range('price', { min: 0, minExclusive: true }, { action: 'drop', name: 'positive_price' }),
    expect.notNull('created_date'),
  ],
  sql: (ctx) => `
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       ${ctx.dialect.tryParseDate('created_date')} AS created_date, is_active
FROM ${currentRows(ctx, PRODUCTS_HISTORY, PRODUCT_COLUMNS)} AS p`,
});
