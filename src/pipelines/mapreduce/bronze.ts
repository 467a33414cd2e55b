import { lineSource, source } from '../../define/source.js';
import type { Dialect } from '../../dialect/dialect.js';
import type { DatasetContext } from '../../model/dataset.js';
import { expect } from '../../quality/expect.js';
import type { MapReducePipelineConfig } from './config.js';
import { generateEventLines } from './generate-lines.js';
import { generateEventProducts } from './generate-products.js';
import { generateEventUsers } from './generate-users.js';
import { EVENT_TYPES } from './vocabulary.js';

type C = MapReducePipelineConfig;

/** Events generated per day in a run over a window of days: `--events` stays the size of a week. */
export function eventsPerDay(events: number): number {
  return Math.ceil(events / 7);
}

/** The fields an event may carry, in bronze column order. */
export const EVENT_FIELDS = [
  'timestamp', 'user_id', 'event', 'device', 'location', 'product_id',
  'amount', 'quantity', 'page', 'duration_seconds', 'query', 'email',
] as const;

/**
 * The first rule a line breaks, as an error message, or NULL for a valid event.
 * Checked in order, so each line reports one precise reason.
 */
function schemaViolation(ctx: DatasetContext<C>): string {
  const d = ctx.dialect;
  const quoted = (col: string) => `concat(${d.quote("'")}, ${col}, ${d.quote("'")})`;
  const whole = (col: string) => `coalesce(${d.tryInteger(col, 'INTEGER')} >= 0, false)`;
  const rules: Array<[string, string]> = [
    // With a key given twice, parsers disagree on which value counts: the line is not trusted.
    ['repeated_key IS NOT NULL', `concat('duplicate key in JSON object: ', ${quoted('repeated_key')})`],
    ['user_id IS NULL', `'missing required field user_id'`],
    [`${d.tryInteger('user_id', 'INTEGER')} IS NULL`, `concat('user_id is not an integer: ', ${quoted('user_id')})`],
    ['event IS NULL', `'missing required field event'`],
    [`event NOT IN (${EVENT_TYPES.map(d.quote).join(', ')})`, `concat('unknown event type: ', ${quoted('event')})`],
    ['timestamp IS NULL', `'missing required field timestamp'`],
    [`${d.tryParseTimestamp('timestamp')} IS NULL`, `concat('timestamp is not ISO-8601: ', ${quoted('timestamp')})`],
    [`amount IS NOT NULL AND ${d.tryCast('amount', 'DOUBLE')} IS NULL`, `concat('amount is not a number: ', ${quoted('amount')})`],
    [`amount IS NOT NULL AND ${d.tryFiniteDouble('amount')} IS NULL`, `concat('amount is not a finite number: ', ${quoted('amount')})`],
    [`quantity IS NOT NULL AND NOT ${whole('quantity')}`, `concat('quantity is not a whole number: ', ${quoted('quantity')})`],
    [`duration_seconds IS NOT NULL AND NOT ${whole('duration_seconds')}`, `concat('duration_seconds is not a whole number: ', ${quoted('duration_seconds')})`],
  ];
  return `CASE ${rules.map(([when, message]) => `WHEN ${when} THEN ${message}`).join('\n              ')} END`;
}

/**
 * The first key an object gives twice. Searching the keys for a repeat is the costliest part of
 * the parse, so it is skipped when there can be none: every key is a known field with a value.
 */
function repeatedKey(d: Dialect): string {
  const present = EVENT_FIELDS.map((f) => `CASE WHEN j.${f} IS NULL THEN 0 ELSE 1 END`).join(' + ');
  return `CASE WHEN ${d.arrayLength('object_keys')} = ${present} THEN NULL ELSE ${d.firstRepeated('object_keys')} END`;
}

export const rawEvents = lineSource<C>({
  rowWise: true,
  name: 'bronze.raw_events',
  description: 'Every raw event line exactly as received, with its parse status and the fields it carried.',
  columns: {
    _raw_data: 'The line exactly as received.',
    _status: 'valid, parse_error (not JSON) or schema_error (JSON that breaks the event schema).',
    _error_message: 'Why the line is not valid; NULL when valid.',
    _ingestion_timestamp: 'When the line was ingested.',
    _source: 'Where the line came from.',
    timestamp: 'Event time as received.',
    user_id: 'User id as received (text).',
    event: 'Event type as received.',
    device: 'Device as received.',
    location: 'Country code as received.',
    product_id: 'Product of a purchase.',
    amount: 'Amount of a purchase, as received.',
    quantity: 'Units of a purchase, as received.',
    page: 'Page of a view.',
    duration_seconds: 'Duration of a view, as received.',
    query: 'Text of a search.',
    email: 'Address given at signup.',
  },
  keys: ['_raw_data'],
  breakdown: '_status',
  input: 'events',
  generatedSource: 'event_api',
  partitionBy: 'event_date',
  generate: ({ dialect, config }) =>
    generateEventLines(dialect, {
      // Over a window of days, --events is still a week's worth: each day makes a seventh of it.
      count: config.window ? eventsPerDay(config.events) : config.events,
      users: config.users,
      products: config.products,
      seed: config.seed,
      asOf: config.asOf,
      ...(config.window ? { day: config.window.days[0]! } : {}),
    }),
  expect: [
    expect.rowCount({ min: 1 }, { action: 'fail', name: 'has_input' }),
    // Checked on the written files: re-running the parse to check it would double its cost.
    expect.rowsSatisfy('known_status', "_status IN ('valid', 'parse_error', 'schema_error')", { action: 'fail', columns: ['_status'] }),
    expect.rowsSatisfy('every_rejection_explained', "_status = 'valid' OR _error_message IS NOT NULL", {
      action: 'fail',
      columns: ['_status', '_error_message'],
    }),
  ],
  mapReduce: {
    pattern: 'map: parse',
    map: 'each raw line is parsed on its own into a typed record with a status (a map-only step, no shuffle)',
    reduce: 'none',
  },
  parse: (ctx, lines) => {
    const d = ctx.dialect;
    const fields = EVENT_FIELDS.map((f) => `j.${f} AS ${f}`).join(', ');
    // Where the engine reads an object's keys from any text, the keys that tell a line is an
    // object are the keys kept: one parse fewer a line.
    const checked = d.objectKeysOrNull
      ? `SELECT line, source, line_error, coalesce(${d.isJson('line', 'any_keys')}, false) AS is_json, (ltrim(line) LIKE '{%') AS is_object, any_keys
        FROM (SELECT line, source, line_error, ${d.objectKeysOrNull('line')} AS any_keys FROM ${lines} AS r) AS keyed`
      : `SELECT line, source, line_error, coalesce(${d.isJson('line')}, false) AS is_json, (ltrim(line) LIKE '{%') AS is_object
        FROM ${lines} AS r`;
    const keys = d.objectKeysOrNull ? 'any_keys' : d.jsonKeys('line');
    return `
SELECT _raw_data,
       CASE WHEN line_error IS NOT NULL OR NOT is_json THEN 'parse_error' WHEN violation IS NOT NULL THEN 'schema_error' ELSE 'valid' END AS _status,
       CASE WHEN line_error IS NOT NULL THEN line_error
            WHEN NOT is_json THEN
              CASE WHEN trim(_raw_data) = '' THEN 'empty line'
                   WHEN is_object THEN 'malformed JSON: object is truncated or invalid'
                   ELSE 'malformed JSON: line is not JSON' END
            ELSE violation END AS _error_message,
       ${ctx.ingestedAt} AS _ingestion_timestamp,
       _source,
       ${EVENT_FIELDS.join(', ')}
FROM (
  SELECT *, CASE WHEN is_json AND NOT is_object THEN 'JSON value is not an object' ELSE ${schemaViolation(ctx)} END AS violation
  FROM (
    SELECT _raw_data, _source, line_error, is_json, is_object, ${repeatedKey(d)} AS repeated_key, ${fields}
    FROM (
      SELECT line AS _raw_data, source AS _source, line_error, is_json, is_object,
             CASE WHEN is_json AND is_object THEN ${d.jsonFields('line', EVENT_FIELDS)} END AS j,
             CASE WHEN is_json AND is_object THEN ${keys} END AS object_keys
      FROM (
        ${checked}
      ) AS checked
    ) AS parsed
  ) AS flat
) AS classified`;
  },
});

export const users = source<C>({
  rowWise: true,
  name: 'bronze.users',
  description: 'The users dimension: one row per user with signup date, country and tier.',
  columns: {
    user_id: { type: 'INTEGER', doc: 'User key, 1…users.' },
    signup_date: { type: 'TEXT', doc: 'Signup day (text, YYYY-MM-DD).' },
    country: { type: 'TEXT', doc: 'Country code.' },
    tier: { type: 'TEXT', doc: 'Subscription tier.' },
  },
  keys: ['user_id'],
  generate: ({ dialect, config }) => generateEventUsers(dialect, { count: config.users, seed: config.seed, asOf: config.asOf }),
});

export const products = source<C>({
  rowWise: true,
  name: 'bronze.products',
  description: 'The product catalog of the event stream.',
  columns: {
    product_id: { type: 'TEXT', doc: 'Product key, PROD_0001….' },
    product_name: { type: 'TEXT', doc: 'Display name.' },
    category: { type: 'TEXT', doc: 'Category.' },
    price: { type: 'DOUBLE', doc: 'List price.' },
  },
  keys: ['product_id'],
  generate: ({ dialect, config }) => generateEventProducts(dialect, { count: config.products, seed: config.seed }),
});
