import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { test } from 'node:test';
import { sparkDialect } from '../../src/dialect/spark.js';
import { LocalDatasetStore } from '../../src/storage/formats/parquet-versions/local-dataset-store.js';
import { versionDir } from '../../src/storage/version-layout.js';
import { reader, tempDir } from '../helpers.js';
import { publishIds } from './fixtures.js';

const V1 = '20260101T000000Z-000001';
const V2 = '20260101T000000Z-000002';

test('what the store hands out reads the version current then: a later publish or rollback changes neither a relation nor a planned read', async () => {
  const engine = await reader();
  const store = new LocalDatasetStore(tempDir());
  await publishIds(store, engine, 'gold.numbers', V1, 5);
  const count = async (relation: string) => Number((await engine.query(`SELECT count(*) AS n FROM ${relation} AS t`))[0]?.['n']);

  const given = await store.relation('gold.numbers', engine.dialect);
  const planned = (await store.paths('20260101T000000Z-000009')).currentRelation('gold.numbers', engine.dialect);
  await publishIds(store, engine, 'gold.numbers', V2, 7);
  assert.equal(await count(given), 5);
  assert.equal(await count(planned), 5);
  assert.equal(await count(await store.relation('gold.numbers', engine.dialect)), 7, 'a relation given now reads the new version');

  // Every engine's statements name the version directory, not the link: Spark lists files when it
  // plans and opens them on its executors, later.
  const sparkRead = await store.relation('gold.numbers', sparkDialect);
  assert.equal(sparkRead, `parquet.\`file://${realpathSync(versionDir(store.dataDir, 'gold.numbers', V2))}\``);

  const session = await store.beginWrite('20260101T000000Z-000003', 'rollback');
  try {
    await session.restore('gold.numbers', V1);
  } finally {
    await session.end();
  }
  assert.equal(await count(sparkRead.replace(/^parquet\.`file:\/\/(.*)`$/, "read_parquet('$1/**/*.parquet')")), 7, 'a read given before the rollback still reads the version it was given');
  assert.equal(await count(await store.relation('gold.numbers', engine.dialect)), 5);
});
