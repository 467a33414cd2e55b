import { dataset } from '../../model/dataset.js';
import type { MapReducePipelineConfig } from './config.js';
import { expect } from '../../quality/expect.js';
import { EVENT_TYPES } from './vocabulary.js';

type C = MapReducePipelineConfig;

export const cleanedEvents = dataset<C>({
  name: 'silver.cleaned_events',
  rowWise: true,
  description: 'Valid events only, typed, with calendar day and hour.',
  partitionBy: 'event_date',
  columns: {
    timestamp: 'Event time (TIMESTAMP).',
    user_id: 'User key.',
    event: 'Event type.',
    device: 'Device.',
    location: 'Country code.',
    product_id: 'Product of a purchase.',
    amount: 'Amount of a purchase.',
    quantity: 'Units of a purchase.',
    page: 'Page of a view.',
    duration_seconds: 'Duration of a view.',
    query: 'Text of a search.',
    email: 'Address given at signup.',
    event_date: 'Day of the event (DATE).',
    event_hour: 'Hour of the event, 0–23.',
  },
  // Lines that bronze could not parse, or that break the event schema, are set aside with
  // bronze's own error message, never silently lost. A few percent is the normal state of an
  // event API; more than 5% is worth a warning (and an alert).
  expect: [
    expect.custom('parses_as_json', "_status <> 'parse_error'", {
      action: 'quarantine',
      reason: '_error_message',
      columns: ['_raw_data', '_error_message'],
      tolerance: { fraction: 0.05 },
    }),
    expect.custom('matches_event_schema', "_status = 'valid'", {
      action: 'quarantine',
      reason: '_error_message',
      columns: ['_raw_data', '_error_message'],
      tolerance: { fraction: 0.05 },
    }),
    expect.custom('purchase_is_complete', "event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)", {
      action: 'quarantine',
      description: 'a purchase carries product_id, amount and quantity',
      columns: ['event', 'product_id', 'amount', 'quantity'],
    }),
    expect.range('amount', { min: 0, minExclusive: true }, { action: 'drop', name: 'positive_amount' }),
    expect.range('event_hour', { min: 0, max: 23 }, { action: 'fail' }),
    expect.acceptedValues('event', EVENT_TYPES, { action: 'fail' }),
    expect.references('user_id', 'bronze.users'),
    expect.references('product_id', 'bronze.products'),
    expect.freshness('timestamp', 24),
  ],
  sql: ({ ref, dialect: d }) => `
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT ${d.tryParseTimestamp('timestamp')} AS ts,
         ${d.tryInteger('user_id', 'INTEGER')} AS user_id,
         event, device, location, product_id,
         ${d.tryFiniteDouble('amount')} AS amount,
         ${d.tryInteger('quantity', 'INTEGER')} AS quantity,
         page,
         ${d.tryInteger('duration_seconds', 'INTEGER')} AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM ${ref('bronze.raw_events')} AS b
) AS typed`,
});
