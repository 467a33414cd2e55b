import { dataset } from '../../core/dataset.js';
import type { MapReducePipelineConfig } from '../../core/config.js';

type C = MapReducePipelineConfig;

export const cleanedEvents = dataset<C>({
  name: 'silver.cleaned_events',
  description: 'Valid events only, typed, with calendar day and hour.',
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
  keep: [
    { name: 'parses_as_json', condition: "_status <> 'parse_error'" },
    { name: 'matches_event_schema', condition: "_status = 'valid'" },
  ],
  sql: ({ ref, dialect: d }) => `
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status
FROM (
  SELECT ${d.tryParseTimestamp('timestamp')} AS ts,
         CAST(${d.tryCast('user_id', 'BIGINT')} AS INTEGER) AS user_id,
         event, device, location, product_id,
         ${d.tryCast('amount', 'DOUBLE')} AS amount,
         CAST(${d.tryCast('quantity', 'BIGINT')} AS INTEGER) AS quantity,
         page,
         CAST(${d.tryCast('duration_seconds', 'BIGINT')} AS INTEGER) AS duration_seconds,
         query, email, _status
  FROM ${ref('bronze.raw_events')} AS b
) AS typed`,
});
