import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { MapReducePipelineConfig } from '../../src/index.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { memoryLogger, scalar, schemaOf, sql, tempDir } from '../helpers.js';

const AS_OF = '2026-03-15';
const EVENTS = 20_000;
const config = new MapReducePipelineConfig({ dataDir: tempDir(), events: EVENTS, users: 800, products: 60, seed: 11, asOf: AS_OF });
const dir = config.dataDir;
let manifest: RunManifest;
let log: string[];

before(async () => {
  const { logger, lines } = memoryLogger();
  manifest = await runPipeline(config, { logger });
  log = lines;
});

const result = (name: string) => manifest.datasets.find((d) => d.name === name)!;
const V = 'VARCHAR';

const CONTRACT: Record<string, Array<[string, string]>> = {
  'bronze/raw_events': [['_raw_data', V], ['_status', V], ['_error_message', V], ['_ingestion_timestamp', 'TIMESTAMP'], ['_source', V], ['timestamp', V], ['user_id', V], ['event', V], ['device', V], ['location', V], ['product_id', V], ['amount', V], ['quantity', V], ['page', V], ['duration_seconds', V], ['query', V], ['email', V]],
  'bronze/users': [['user_id', 'INTEGER'], ['signup_date', V], ['country', V], ['tier', V]],
  'bronze/products': [['product_id', V], ['product_name', V], ['category', V], ['price', 'DOUBLE']],
  'silver/cleaned_events': [['timestamp', 'TIMESTAMP'], ['user_id', 'INTEGER'], ['event', V], ['device', V], ['location', V], ['product_id', V], ['amount', 'DOUBLE'], ['quantity', 'INTEGER'], ['page', V], ['duration_seconds', 'INTEGER'], ['query', V], ['email', V], ['event_date', 'DATE'], ['event_hour', 'INTEGER']],
  'gold/user_engagement': [['user_id', 'INTEGER'], ['total_events', 'BIGINT'], ['unique_event_types', 'BIGINT'], ['active_days', 'BIGINT'], ['total_spent', 'DOUBLE'], ['total_items_purchased', 'BIGINT'], ['avg_session_duration', 'DOUBLE'], ['first_seen', 'TIMESTAMP'], ['last_seen', 'TIMESTAMP'], ['days_active_period', 'DOUBLE'], ['engagement_score', 'DOUBLE']],
  'gold/event_funnel': [['event_date', 'DATE'], ['total_events', 'BIGINT'], ['unique_users', 'BIGINT'], ['views', 'BIGINT'], ['add_to_carts', 'BIGINT'], ['purchases', 'BIGINT'], ['daily_revenue', 'DOUBLE'], ['view_to_cart_rate', 'DOUBLE'], ['cart_to_purchase_rate', 'DOUBLE'], ['overall_conversion_rate', 'DOUBLE']],
  'gold/device_location_analytics': [['device', V], ['location', V], ['event_count', 'BIGINT']],
  'gold/revenue_analytics': [['event_date', 'DATE'], ['total_revenue', 'DOUBLE'], ['unique_customers', 'BIGINT'], ['total_purchases', 'BIGINT'], ['avg_order_value', 'DOUBLE']],
  'gold/hourly_patterns': [['event_hour', 'INTEGER'], ['event_count', 'BIGINT'], ['unique_users', 'BIGINT'], ['purchases', 'BIGINT'], ['revenue', 'DOUBLE']],
  'gold/event_type_counts': [['event', V], ['event_count', 'BIGINT']],
  'gold/top_users': [['rank', 'INTEGER'], ['user_id', 'INTEGER'], ['event_count', 'BIGINT']],
  'gold/word_count': [['word', V], ['occurrences', 'BIGINT']],
  'gold/product_revenue': [['product_id', V], ['product_name', V], ['category', V], ['purchases', 'BIGINT'], ['units', 'BIGINT'], ['revenue', 'DOUBLE']],
  'gold/user_segments': [['tier', V], ['country', V], ['users', 'BIGINT'], ['events', 'BIGINT'], ['revenue', 'DOUBLE']],
};

test('the run succeeds with every dataset of the contract', () => {
  assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
  assert.deepEqual(manifest.datasets.map((d) => d.name.replace('.', '/')).sort(), Object.keys(CONTRACT).sort());
});

for (const [path, columns] of Object.entries(CONTRACT)) {
  test(`${path} has exactly the contract's columns`, async () => {
    const [layer, name] = path.split('/') as [string, string];
    assert.deepEqual(await schemaOf(dir, layer, name), columns);
  });
}

test('bronze keeps every line, with about 2.5% malformed and 2.5% schema errors', async () => {
  assert.equal(result('bronze.raw_events').rows, EVENTS);
  const counts = Object.fromEntries(
    (await sql(dir, 'SELECT _status s, count(*) n FROM {bronze.raw_events} GROUP BY s')).map((r) => [r['s'], Number(r['n'])]),
  );
  assert.equal(counts['valid']! + counts['parse_error']! + counts['schema_error']!, EVENTS);
  for (const status of ['parse_error', 'schema_error']) {
    const share = counts[status]! / EVENTS;
    assert.ok(share > 0.018 && share < 0.032, `${status}: ${share}`);
  }
  assert.deepEqual(result('bronze.raw_events').breakdown, counts);
});

test('parse errors are genuinely not JSON, and schema errors are JSON that breaks the schema', async () => {
  const rows = await sql(dir, "SELECT _raw_data, _status, _error_message FROM {bronze.raw_events} WHERE _status <> 'valid' OR user_id = '1'");
  const parses = (line: string) => {
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  };
  for (const row of rows) {
    const line = String(row['_raw_data']);
    if (row['_status'] === 'parse_error') {
      assert.equal(parses(line), false, line);
      assert.match(String(row['_error_message']), /^malformed JSON/);
    } else if (row['_status'] === 'schema_error') {
      const value = JSON.parse(line) as Record<string, unknown>;
      assert.ok(value['user_id'] === 'invalid' || !('event' in value), line);
      assert.match(String(row['_error_message']), /user_id is not an integer: 'invalid'|missing required field event/);
    } else {
      const value = JSON.parse(line) as Record<string, unknown>;
      assert.equal(value['user_id'], 1);
      assert.equal(row['_error_message'], null);
    }
  }
});

test('silver has the valid rows only, typed, and accounts for every dropped line', async () => {
  const silver = result('silver.cleaned_events');
  const bronzeValid = await scalar(dir, "SELECT count(*) FROM {bronze.raw_events} WHERE _status = 'valid'");
  assert.equal(silver.rows, bronzeValid);
  assert.equal(silver.rowsIn, EVENTS);
  assert.equal(silver.quarantined['parses_as_json'], await scalar(dir, "SELECT count(*) FROM {bronze.raw_events} WHERE _status = 'parse_error'"));
  assert.equal(silver.quarantined['matches_event_schema'], await scalar(dir, "SELECT count(*) FROM {bronze.raw_events} WHERE _status = 'schema_error'"));
  const [r] = await sql(dir, `SELECT min(event_hour) h0, max(event_hour) h1, min(event_date) d0, max(event_date) d1,
      count(*) FILTER (user_id IS NULL OR timestamp IS NULL OR event IS NULL) missing,
      count(*) FILTER (event = 'purchase' AND (amount NOT BETWEEN 10 AND 500 OR quantity NOT BETWEEN 1 AND 5)) bad_purchases,
      count(*) FILTER (event = 'view' AND duration_seconds NOT BETWEEN 5 AND 300) bad_views
      FROM {silver.cleaned_events}`);
  assert.deepEqual([r!['h0'], r!['h1'], r!['missing'], r!['bad_purchases'], r!['bad_views']], [0, 23, 0, 0, 0]);
  assert.equal((r!['d0'] as Date).toISOString().slice(0, 10), '2026-03-08');
  assert.equal((r!['d1'] as Date).toISOString().slice(0, 10), '2026-03-14');
});

test('every gold aggregate reconciles with silver', async () => {
  const rows = result('silver.cleaned_events').rows;
  for (const [table, column] of [
    ['event_type_counts', 'event_count'],
    ['device_location_analytics', 'event_count'],
    ['hourly_patterns', 'event_count'],
    ['event_funnel', 'total_events'],
    ['user_engagement', 'total_events'],
    ['user_segments', 'events'],
  ] as const) {
    assert.equal(await scalar(dir, `SELECT sum(${column}) FROM {gold.${table}}`), rows, table);
  }
  const purchases = await scalar(dir, "SELECT count(*) FROM {silver.cleaned_events} WHERE event = 'purchase'");
  const revenue = await scalar(dir, "SELECT sum(amount) FROM {silver.cleaned_events} WHERE event = 'purchase'");
  assert.equal(await scalar(dir, 'SELECT sum(total_purchases) FROM {gold.revenue_analytics}'), purchases);
  assert.equal(await scalar(dir, 'SELECT sum(purchases) FROM {gold.product_revenue}'), purchases);
  assert.equal(await scalar(dir, 'SELECT sum(purchases) FROM {gold.event_funnel}'), purchases);
  for (const [table, column] of [
    ['revenue_analytics', 'total_revenue'],
    ['product_revenue', 'revenue'],
    ['event_funnel', 'daily_revenue'],
    ['user_segments', 'revenue'],
    ['user_engagement', 'total_spent'],
  ] as const) {
    const total = await scalar(dir, `SELECT sum(${column}) FROM {gold.${table}}`);
    assert.ok(Math.abs(total - revenue) < 0.01 * 1000, `${table}: ${total} vs ${revenue}`);
  }
  assert.equal(
    await scalar(dir, 'SELECT sum(users) FROM {gold.user_segments}'),
    await scalar(dir, 'SELECT count(DISTINCT user_id) FROM {silver.cleaned_events}'),
  );
});

test('funnel rates are the rounded percentages, NULL where nothing to divide by', async () => {
  const wrong = await scalar(dir, `SELECT count(*) FROM {gold.event_funnel} WHERE
      view_to_cart_rate IS DISTINCT FROM round(add_to_carts * 100.0 / NULLIF(views, 0), 2)
      OR cart_to_purchase_rate IS DISTINCT FROM round(purchases * 100.0 / NULLIF(add_to_carts, 0), 2)
      OR overall_conversion_rate IS DISTINCT FROM round(purchases * 100.0 / NULLIF(views, 0), 2)`);
  assert.equal(wrong, 0);
  assert.equal(await scalar(dir, 'SELECT count(*) FROM {gold.event_funnel}'), 7);
});

test('top_users is the ten largest counts, ties broken by user id', async () => {
  const top = await sql(dir, 'SELECT rank, user_id, event_count FROM {gold.top_users}');
  const expected = await sql(dir, `SELECT user_id, count(*) AS event_count FROM {silver.cleaned_events}
      GROUP BY user_id ORDER BY event_count DESC, user_id LIMIT 10`);
  assert.deepEqual(top, expected.map((r, i) => ({ rank: i + 1, ...r })));
});

test('word count counts every lower-cased word of every search query', async () => {
  const queries = await sql(dir, "SELECT query FROM {silver.cleaned_events} WHERE event = 'search'");
  const counts = new Map<string, number>();
  for (const { query } of queries) for (const word of String(query).toLowerCase().split(' ')) counts.set(word, (counts.get(word) ?? 0) + 1);
  const gold = await sql(dir, 'SELECT word, occurrences FROM {gold.word_count}');
  assert.equal(gold.length, counts.size);
  for (const row of gold) assert.equal(row['occurrences'], counts.get(String(row['word'])), String(row['word']));
  assert.ok(counts.size >= 45 && counts.size <= 50);
});

test('the log names the map side and the reduce side of each MapReduce step', () => {
  for (const pattern of ['word count', 'map-side join', 'reduce-side join', 'group by key', 'top-N']) {
    assert.ok(log.some((l) => l.includes(`MapReduce pattern (${pattern}): MAP SIDE:`)), pattern);
    assert.ok(log.some((l) => l.includes(`MapReduce pattern (${pattern}): REDUCE SIDE:`)), pattern);
  }
  assert.ok(log.some((l) => /Success rate: \d+\.\d\d%/.test(l)));
});

test('every dataset accounts for its rows: in = out + filtered + dropped + quarantined', () => {
  for (const d of manifest.datasets) {
    const removed = [d.filtered, d.dropped, d.quarantined].flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
    assert.equal(d.rowsIn, d.rows + removed, d.name);
    assert.ok(d.expectations.every((e) => e.status === 'pass' || e.status === 'warn'), d.name);
  }
});
