import type { DatasetTest, TestRow } from '../../model/dataset-test.js';

/** A current customer of the history, with the columns the segments read. */
const customer = (customer_id: number, total_spent: number, total_orders: number, extra: TestRow = {}): TestRow => ({
  customer_id, first_name: 'Ann', last_name: `N${customer_id}`, email: `c${customer_id}@shop.no`, age: 40, city: 'Oslo',
  signup_date: '2024-01-15', total_orders, total_spent, is_current: true, ...extra,
});

export const CUSTOMERS_ENRICHED_TESTS: readonly DatasetTest[] = [
  {
    name: 'segments at their thresholds: a segment starts just above its spend',
    given: {
      'silver.customers_history': [
        customer(1, 3000.01, 10), customer(2, 3000, 10), customer(3, 1500.01, 3), customer(4, 1500, 3),
        customer(5, 500.01, 1), customer(6, 500, 1), customer(7, 0, 0),
        // A closed version of a customer is history, not a current customer.
        customer(1, 10, 1, { is_current: false }),
      ],
    },
    expect: [
      { customer_id: 1, customer_segment: 'Premium', avg_order_value: 300 },
      { customer_id: 2, customer_segment: 'Gold', avg_order_value: 300 },
      { customer_id: 3, customer_segment: 'Gold', avg_order_value: 500 },
      { customer_id: 4, customer_segment: 'Silver', avg_order_value: 500 },
      { customer_id: 5, customer_segment: 'Silver', avg_order_value: 500.01 },
      { customer_id: 6, customer_segment: 'Bronze', avg_order_value: 500 },
      { customer_id: 7, customer_segment: 'Bronze', avg_order_value: 0 },
    ],
  },
  {
    name: 'an impossible age is quarantined',
    given: { 'silver.customers_history': [customer(1, 10, 1), customer(2, 10, 1, { age: 130 })] },
    expect: [{ customer_id: 1 }],
    quarantined: { 'range(age)': [{ customer_id: 2, age: 130 }] },
  },
  {
    name: 'a customer without an id trips not_null(customer_id)',
    given: { 'silver.customers_history': [customer(1, 10, 1), customer(2, 10, 1, { customer_id: null })] },
    fails: 'not_null(customer_id)',
  },
];

const transaction = (transaction_id: string, status: string, amount: number, extra: TestRow = {}): TestRow => ({
  transaction_id, customer_id: 1, product_id: 'PROD_0001', product_category: 'Books', amount,
  timestamp: '2026-03-01 10:00:00', payment_method: 'credit_card', status, device: 'mobile', browser: 'Firefox', location: 'NO', ...extra,
});

export const TRANSACTIONS_CLEAN_TESTS: readonly DatasetTest[] = [
  {
    name: 'completed transactions only; a non-positive amount is dropped, an unknown customer or a bad timestamp quarantined',
    given: {
      'bronze.transactions': [
        transaction('T1', 'completed', 25.5),
        transaction('T2', 'pending', 10),
        transaction('T3', 'failed', 10),
        transaction('T4', 'completed', 0),
        transaction('T5', 'completed', 12, { timestamp: 'yesterday' }),
        transaction('T6', 'completed', 12, { customer_id: 99 }),
      ],
      'silver.customers_enriched': [{ customer_id: 1 }],
    },
    expect: [{ transaction_id: 'T1', amount: 25.5, status: 'completed', transaction_date: '2026-03-01', timestamp: '2026-03-01 10:00:00' }],
    filtered: { completed_only: [{ transaction_id: 'T2' }, { transaction_id: 'T3' }] },
    dropped: { positive_amount: [{ transaction_id: 'T4' }] },
    quarantined: { timestamp_parses: [{ transaction_id: 'T5' }], 'references(customer_id -> silver.customers_enriched.customer_id)': [{ transaction_id: 'T6' }] },
  },
];

export const CATEGORY_ANALYTICS_TESTS: readonly DatasetTest[] = [
  {
    name: 'count, revenue, average, smallest and largest amount per category',
    given: {
      'silver.transactions_clean': [
        { transaction_id: 'T1', product_category: 'Books', amount: 10.25 },
        { transaction_id: 'T2', product_category: 'Books', amount: 4.75 },
        { transaction_id: 'T3', product_category: 'Toys', amount: 30 },
      ],
    },
    expect: [
      { product_category: 'Books', transaction_count: 2, total_revenue: 15, avg_transaction_value: 7.5, min_transaction: 4.75, max_transaction: 10.25 },
      { product_category: 'Toys', transaction_count: 1, total_revenue: 30, avg_transaction_value: 30, min_transaction: 30, max_transaction: 30 },
    ],
  },
  { name: 'no transactions trip the row count', fails: 'row_count' },
];
