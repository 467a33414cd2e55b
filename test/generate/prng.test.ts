import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawNumber, Prng, PRNG_MODULUS } from '../../src/generate/prng.js';
import { reader } from '../helpers.js';

async function draws(seed: number, table: string, rows: number, streams: number) {
  const engine = await reader();
  const prng = new Prng(engine.dialect, seed, table);
  const cols = Array.from({ length: streams }, (_, i) => `r${i + 1}`).join(', ');
  return engine.query(`SELECT id, ${cols} FROM ${prng.table(rows, streams)} ORDER BY id`);
}

test('the same seed gives the same draws, and the SQL matches the JS reference', async () => {
  const a = await draws(7, 'customers', 200, 3);
  const b = await draws(7, 'customers', 200, 3);
  assert.deepEqual(a, b);
  for (const row of a.slice(0, 50)) {
    for (const k of [1, 2, 3]) {
      assert.equal(row[`r${k}`], drawNumber(7, 'customers', Number(row['id']), k), `row ${row['id']} stream ${k}`);
    }
  }
});

test('different seeds and different tables give different draws', async () => {
  const base = await draws(7, 'customers', 100, 1);
  const otherSeed = await draws(8, 'customers', 100, 1);
  const otherTable = await draws(7, 'products', 100, 1);
  const same = (x: typeof base, y: typeof base) => x.filter((r, i) => r['r1'] === y[i]!['r1']).length;
  assert.ok(same(base, otherSeed) < 3);
  assert.ok(same(base, otherTable) < 3);
});

test('draws stay in [0, P) and are roughly uniform (chi-square over 20 buckets)', async () => {
  const engine = await reader();
  const prng = new Prng(engine.dialect, 42, 'uniformity');
  const buckets = await engine.query(
    `SELECT r1 * 20 // ${PRNG_MODULUS} AS b, count(*) AS n, min(r1) AS lo, max(r1) AS hi FROM ${prng.table(100_000, 1)} GROUP BY b ORDER BY b`,
  );
  assert.equal(buckets.length, 20);
  const expected = 100_000 / 20;
  const chi = buckets.reduce((sum, r) => sum + (Number(r['n']) - expected) ** 2 / expected, 0);
  // 19 degrees of freedom: the 99.9th percentile is 43.8.
  assert.ok(chi < 43.8, `chi-square ${chi}`);
  assert.ok(buckets.every((r) => Number(r['lo']) >= 0 && Number(r['hi']) < PRNG_MODULUS));
});

test('two streams of one row are independent (chi-square of a 7 × 3 table)', async () => {
  const engine = await reader();
  const prng = new Prng(engine.dialect, 42, 'independence');
  const cells = await engine.query(
    `SELECT r1 % 7 AS a, r2 % 3 AS b, count(*) AS n FROM ${prng.table(63_000, 2)} GROUP BY a, b`,
  );
  assert.equal(cells.length, 21);
  const expected = 63_000 / 21;
  const chi = cells.reduce((sum, r) => sum + (Number(r['n']) - expected) ** 2 / expected, 0);
  // 20 degrees of freedom: the 99.9th percentile is 45.3.
  assert.ok(chi < 45.3, `chi-square ${chi}`);
});

test('helpers map draws into their ranges', async () => {
  const engine = await reader();
  const prng = new Prng(engine.dialect, 1, 'ranges');
  const [row] = await engine.query(`
    SELECT min(${prng.int('r1', 18, 80)}) AS min_age, max(${prng.int('r1', 18, 80)}) AS max_age,
           min(${prng.money('r2', 5, 1000)}) AS min_amount, max(${prng.money('r2', 5, 1000)}) AS max_amount,
           count(DISTINCT ${prng.choice('r3', ['a', 'b', 'c'])}) AS choices
    FROM ${prng.table(20_000, 3)}`);
  assert.deepEqual([row!['min_age'], row!['max_age'], row!['choices']], [18, 80, 3]);
  assert.ok(Number(row!['min_amount']) >= 5 && Number(row!['min_amount']) < 6);
  assert.ok(Number(row!['max_amount']) <= 1000 && Number(row!['max_amount']) > 999);
});
