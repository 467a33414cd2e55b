import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataset } from '../../src/index.js';

const columns = { day: 'Day.', page: 'Page.', clicks: 'Clicks.' };
const sql = () => 'SELECT 1';

test('incremental declarations that cannot work are refused with the dataset named', () => {
  assert.throws(() => dataset({ name: 'gold.a', description: '', columns, sql, incremental: 'daily' }), /dataset gold\.a is rebuilt daily: declare the date column it is partitioned by \(partitionBy\)/);
  assert.throws(() => dataset({ name: 'gold.b', description: '', columns, sql, partitionBy: 'event_date' }), /dataset gold\.b is partitioned by event_date, which is not one of its columns/);
  assert.throws(
    () => dataset({ name: 'gold.c', description: '', columns, sql, incremental: { merge: { keys: ['page'], sums: ['views'] } } }),
    /dataset gold\.c: merge names views, not among its columns/,
  );
  assert.throws(() => dataset({ name: 'gold.d', description: '', columns, sql, incremental: { merge: { keys: ['page'], sums: [] } } }), /a merge needs at least one key and one sum/);
  assert.throws(
    () => dataset({ name: 'gold.e', description: '', columns, sql, partitionBy: 'day', incremental: { merge: { keys: ['page'], sums: ['clicks'] } } }),
    /it cannot also be a merge/,
  );
  // A bronze source may lack the column: it is tagged with the day ingested.
  assert.equal(dataset({ name: 'bronze.f', description: '', columns, sql, partitionBy: 'ingest_date' }).partitionBy, 'ingest_date');
});
