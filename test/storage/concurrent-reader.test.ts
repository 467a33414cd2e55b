import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publishedVersions } from '../../src/storage/formats/parquet-versions/version-dirs.js';
import { reader, tempDir } from '../helpers.js';
import { medallion, sizes, startMedallion } from './fixtures.js';

test('a reader looping over datasets while runs publish never fails and only ever sees published versions', async (t) => {
  const dir = tempDir();
  const transactions = [700, 1500, 900, 2500, 1200, 3000];
  assert.equal(medallion(['run', 'data', '--data-dir', dir, ...sizes(100, 400), '--quiet']).code, 0);
  const engine = await reader();
  const queries = {
    'bronze.transactions': `SELECT count(*) AS n FROM read_parquet('${dir}/bronze/transactions/*.parquet')`,
    'silver.transactions_clean': `SELECT count(*) AS n FROM read_parquet('${dir}/silver/transactions_clean/**/*.parquet')`,
  };
  const seen = new Map<string, Set<number>>(Object.keys(queries).map((k) => [k, new Set<number>()]));
  const errors: string[] = [];
  let reads = 0;
  let writing = true;
  const loop = (async () => {
    while (writing) {
      for (const [dataset, sql] of Object.entries(queries)) {
        try {
          const [row] = await engine.query(sql);
          seen.get(dataset)!.add(Number(row?.['n']));
          reads++;
        } catch (error) {
          errors.push(`${dataset}: ${(error as Error).message}`);
        }
      }
    }
  })();
  for (const [i, n] of transactions.entries()) {
    const end = await startMedallion(['run', 'data', '--data-dir', dir, ...sizes(101 + i, n), '--keep', '10', '--quiet']).done;
    assert.equal(end.code, 0, end.stderr);
  }
  writing = false;
  await loop;

  assert.deepEqual(errors, []);
  for (const [dataset, counts] of seen) {
    const versions = new Set(publishedVersions(dir, dataset).map((v) => v.rows));
    for (const n of counts) assert.ok(versions.has(n), `${dataset}: read ${n} rows, which no version has (${[...versions].join(', ')})`);
    assert.ok(counts.size >= 3, `${dataset}: the reader saw only ${[...counts].join(', ')}`);
  }
  t.diagnostic(`${reads} reads during ${transactions.length} publishing runs, ${errors.length} errors; row counts seen: ${[...seen].map(([d, c]) => `${d} ${[...c].join('/')}`).join('; ')}`);
});
