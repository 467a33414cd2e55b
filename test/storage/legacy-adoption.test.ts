import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalDatasetStore } from '../../src/storage/formats/parquet-versions/local-dataset-store.js';
import { tempDir } from '../helpers.js';
import { OVERWRITE } from '../../src/storage/write-strategy.js';

test('a dataset directory from before versioning becomes a kept version when the dataset is next published', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'gold', 'totals'), { recursive: true });
  writeFileSync(join(dir, 'gold', 'totals', 'part-00000.parquet'), 'old bytes');
  writeFileSync(join(dir, 'gold', 'totals', '_SUCCESS'), '');

  const store = new LocalDatasetStore(dir);
  const session = await store.beginWrite('20260101T000000Z-aaaaaa', 'run');
  const staged = session.paths.staged('gold.totals');
  mkdirSync(staged, { recursive: true });
  writeFileSync(join(staged, 'part-00000.parquet'), 'new bytes');
  await session.publish('gold.totals', { rows: 3, columns: [{ name: 'total', type: 'BIGINT' }], write: OVERWRITE });
  await session.end();

  assert.ok(lstatSync(join(dir, 'gold', 'totals')).isSymbolicLink());
  assert.equal(readFileSync(join(dir, 'gold', 'totals', 'part-00000.parquet'), 'utf8'), 'new bytes');
  const versions = await store.versions('gold.totals');
  assert.deepEqual(versions.map((v) => [v.current, v.rows, v.legacy ?? false]), [[true, 3, false], [false, null, true]]);
  const legacy = versions[1]!;
  assert.equal(readFileSync(join(store.versionPath('gold.totals', legacy.versionId), 'part-00000.parquet'), 'utf8'), 'old bytes');
});
