import { dataset } from '../../model/dataset.js';
import type { DataPipelineConfig } from './config.js';
import { expect } from '../../quality/expect.js';
import { CATEGORIES, DEVICES, PAYMENT_METHODS } from './vocabulary.js';
import { reconciles } from '../../define/reconcile.js';
import { CATEGORY_ANALYTICS_TESTS } from './tests.js';

type C = DataPipelineConfig;

export const customerAnalytics = dataset<C>({
  name: 'gold.customer_analytics',
  description: 'Customers per segment and city, with their spend; largest segment revenue first.',
  columns: {
    customer_segment: 'Spend segment.',
    city: 'Home city.',
    customer_count: 'Customers in the group.',
    avg_age: 'Average age, 1 decimal.',
    avg_total_spent: 'Average lifetime spend, 2 decimals.',
    avg_order_value: 'Average of the customers’ average order values, 2 decimals.',
    segment_revenue: 'Sum of lifetime spend, 2 decimals.',
  },
  expect: [
    expect.acceptedValues('customer_segment', ['Premium', 'Gold', 'Silver', 'Bronze'], { action: 'fail' }),
    expect.range('customer_count', { min: 1 }, { action: 'fail' }),
    reconciles('customer_count', 'silver.customers_enriched', 'count(*)'),
    reconciles('segment_revenue', 'silver.customers_enriched', 'sum(total_spent)', { within: 1 }),
  ],
  sql: ({ ref }) => `
SELECT customer_segment, city, count(*) AS customer_count,
       round(avg(age), 1) AS avg_age,
       round(avg(total_spent), 2) AS avg_total_spent,
       round(avg(avg_order_value), 2) AS avg_order_value,
       round(sum(total_spent), 2) AS segment_revenue
FROM ${ref('silver.customers_enriched')} AS c
GROUP BY customer_segment, city
ORDER BY segment_revenue DESC, customer_segment, city`,
});

export const categoryAnalytics = dataset<C>({
  name: 'gold.category_analytics',
  tests: CATEGORY_ANALYTICS_TESTS,
  description: 'Completed-transaction revenue per product category; highest revenue first.',
  columns: {
    product_category: 'Category.',
    transaction_count: 'Completed transactions.',
    total_revenue: 'Sum of amounts, 2 decimals.',
    avg_transaction_value: 'Average amount, 2 decimals.',
    min_transaction: 'Smallest amount.',
    max_transaction: 'Largest amount.',
  },
  expect: [
    expect.rowCount({ min: 1 }, { action: 'fail' }),
    expect.acceptedValues('product_category', CATEGORIES),
    reconciles('transaction_count', 'silver.transactions_clean', 'count(*)'),
    reconciles('total_revenue', 'silver.transactions_clean', 'sum(amount)', { within: 1 }),
    expect.custom('min_le_avg_le_max', 'min_transaction <= avg_transaction_value + 0.005 AND avg_transaction_value <= max_transaction + 0.005', { action: 'fail', columns: ['min_transaction', 'avg_transaction_value', 'max_transaction'] }),
  ],
  sql: ({ ref }) => `
SELECT product_category, count(*) AS transaction_count,
       round(sum(amount), 2) AS total_revenue,
       round(avg(amount), 2) AS avg_transaction_value,
       min(amount) AS min_transaction,
       max(amount) AS max_transaction
FROM ${ref('silver.transactions_clean')} AS t
GROUP BY product_category
ORDER BY total_revenue DESC, product_category`,
});

export const paymentAnalytics = dataset<C>({
  name: 'gold.payment_analytics',
  description: 'Use of each payment method in completed transactions; most used first.',
  columns: {
    payment_method: 'Payment method.',
    usage_count: 'Completed transactions paid this way.',
    total_amount: 'Sum of amounts, 2 decimals.',
    avg_amount: 'Average amount, 2 decimals.',
  },
  expect: [
    expect.acceptedValues('payment_method', PAYMENT_METHODS, { action: 'fail' }),
    reconciles('usage_count', 'silver.transactions_clean', 'count(*)'),
    reconciles('total_amount', 'silver.transactions_clean', 'sum(amount)', { within: 1 }),
  ],
  sql: ({ ref }) => `
SELECT payment_method, count(*) AS usage_count,
       round(sum(amount), 2) AS total_amount,
       round(avg(amount), 2) AS avg_amount
FROM ${ref('silver.transactions_clean')} AS t
GROUP BY payment_method
ORDER BY usage_count DESC, payment_method`,
});

export const deviceAnalytics = dataset<C>({
  name: 'gold.device_analytics',
  description: 'Completed transactions per device and browser; most used first.',
  columns: {
    device: 'Device.',
    browser: 'Browser.',
    transaction_count: 'Completed transactions.',
    total_revenue: 'Sum of amounts, 2 decimals.',
  },
  expect: [
    expect.acceptedValues('device', DEVICES),
    reconciles('transaction_count', 'silver.transactions_clean', 'count(*)'),
    reconciles('total_revenue', 'silver.transactions_clean', 'sum(amount)', { within: 1 }),
  ],
  sql: ({ ref }) => `
SELECT device, browser, count(*) AS transaction_count, round(sum(amount), 2) AS total_revenue
FROM ${ref('silver.transactions_clean')} AS t
GROUP BY device, browser
ORDER BY transaction_count DESC, device, browser`,
});

export const productAnalytics = dataset<C>({
  name: 'gold.product_analytics',
  description: 'Active, in-stock products per category and supplier.',
  columns: {
    category: 'Category.',
    supplier: 'Supplier.',
    product_count: 'Products.',
    avg_price: 'Average list price, 2 decimals.',
    total_stock: 'Units in stock.',
  },
  expect: [
    expect.range('avg_price', { min: 0, minExclusive: true }),
    reconciles('product_count', 'silver.products_active', 'count(*)'),
    reconciles('total_stock', 'silver.products_active', 'sum(stock_quantity)'),
  ],
  sql: ({ ref }) => `
SELECT category, supplier, count(*) AS product_count,
       round(avg(price), 2) AS avg_price,
       CAST(sum(stock_quantity) AS BIGINT) AS total_stock
FROM ${ref('silver.products_active')} AS p
GROUP BY category, supplier
ORDER BY category, product_count DESC, supplier`,
});
