import type { DatasetTest, TestRow } from '../../model/dataset-test.js';

/** A cleaned event of a user on a day, with the columns the gold datasets read. */
const event = (user_id: number, kind: string, extra: TestRow = {}): TestRow => ({
  user_id, event: kind, event_date: '2026-11-20', timestamp: '2026-11-20 10:00:00', event_hour: 10, device: 'mobile', location: 'NO', ...extra,
});

export const EVENT_FUNNEL_TESTS: readonly DatasetTest[] = [
  {
    name: 'conversion rates per day, NULL where nobody viewed or added to a cart',
    given: {
      'silver.cleaned_events': [
        event(1, 'view'), event(2, 'view'), event(1, 'add_to_cart'), event(1, 'purchase', { amount: 19.99, quantity: 1 }),
        // A day of purchases only: no views and no carts to divide by.
        event(3, 'purchase', { event_date: '2026-11-21', amount: 5, quantity: 1 }),
      ],
    },
    expect: [
      { event_date: '2026-11-20', total_events: 4, unique_users: 2, views: 2, add_to_carts: 1, purchases: 1, daily_revenue: 19.99, view_to_cart_rate: 50, cart_to_purchase_rate: 100, overall_conversion_rate: 50 },
      { event_date: '2026-11-21', total_events: 1, unique_users: 1, views: 0, add_to_carts: 0, purchases: 1, daily_revenue: 5, view_to_cart_rate: null, cart_to_purchase_rate: null, overall_conversion_rate: null },
    ],
  },
];

export const WORD_COUNT_TESTS: readonly DatasetTest[] = [
  {
    name: 'words of search queries, lower-cased, counted; other events and empty words left out',
    given: {
      'silver.cleaned_events': [
        event(1, 'search', { query: 'Red Shoes' }),
        event(2, 'search', { query: 'red  hat' }),
        event(3, 'search', { query: null }),
        event(4, 'view', { query: 'red' }),
      ],
    },
    expect: [{ word: 'red', occurrences: 2 }, { word: 'shoes', occurrences: 1 }, { word: 'hat', occurrences: 1 }],
  },
];

export const PRODUCT_REVENUE_TESTS: readonly DatasetTest[] = [
  {
    name: 'map-side join: purchases of catalog products, named from the catalog; others left out',
    given: {
      'silver.cleaned_events': [
        event(1, 'purchase', { product_id: 'P1', amount: 10, quantity: 2 }),
        event(2, 'purchase', { product_id: 'P1', amount: 5.5, quantity: 1 }),
        event(3, 'purchase', { product_id: 'P9', amount: 99, quantity: 1 }),
        event(4, 'view', { product_id: 'P2' }),
      ],
      'bronze.products': [
        { product_id: 'P1', product_name: 'Lamp', category: 'Home', price: 5 },
        { product_id: 'P2', product_name: 'Mug', category: 'Home', price: 3 },
      ],
    },
    expect: [{ product_id: 'P1', product_name: 'Lamp', category: 'Home', purchases: 2, units: 3, revenue: 15.5 }],
  },
];

export const USER_SEGMENTS_TESTS: readonly DatasetTest[] = [
  {
    name: 'reduce-side join: users and their events and revenue per tier and country; events of unknown users left out',
    given: {
      'silver.cleaned_events': [
        event(1, 'view'), event(1, 'purchase', { amount: 20 }), event(2, 'view'), event(3, 'purchase', { amount: 7 }), event(9, 'view'),
      ],
      'bronze.users': [
        { user_id: 1, tier: 'premium', country: 'NO' },
        { user_id: 2, tier: 'premium', country: 'NO' },
        { user_id: 3, tier: 'free', country: 'SE' },
      ],
    },
    expect: [
      { tier: 'premium', country: 'NO', users: 2, events: 3, revenue: 20 },
      { tier: 'free', country: 'SE', users: 1, events: 1, revenue: 7 },
    ],
  },
];
