import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { reader, tempDir } from '../helpers.js';
import { medallion } from '../project/scaffolded-project.js';
import { openDatasetStore } from '../../src/storage/open-dataset-store.js';

const SMALL = ['--scale', '0.02', '--as-of', '2026-03-01', '--quiet'];
type Row = Record<string, unknown>;

/** Every row of a kept version, read with DuckDB straight from its files, dates as text. */
async function versionRows(dataDir: string, dataset: string, versionId: string): Promise<Row[]> {
  const dir = openDatasetStore(dataDir).versionPath(dataset, versionId);
  const engine = await reader();
  const rows = await engine.query(`SELECT * FROM read_parquet('${dir}/*.parquet')`);
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v])));
}

/** The same comparison by key, computed here in plain JavaScript. */
function expectedDiff(before: Row[], after: Row[], key: string) {
  const old = new Map(before.map((r) => [r[key], r]));
  const now = new Map(after.map((r) => [r[key], r]));
  const byColumn: Record<string, number> = {};
  let changed = 0;
  for (const [k, row] of now) {
    const was = old.get(k);
    if (!was) continue;
    const differing = Object.keys(row).filter((c) => c !== key && row[c] !== was[c]);
    if (differing.length) changed++;
    for (const c of differing) byColumn[c] = (byColumn[c] ?? 0) + 1;
  }
  return {
    added: [...now.keys()].filter((k) => !old.has(k)).length,
    removed: [...old.keys()].filter((k) => !now.has(k)).length,
    changed,
    byColumn,
  };
}

const runIds = (dataDir: string, dataset: string) => openDatasetStore(dataDir).versions(dataset).then((v) => v.map((x) => x.versionId));

test('diff of two runs with different seeds counts added, removed and changed rows per column as an independent computation does; a rollback reverses it', async () => {
  const dir = tempDir();
  assert.equal(medallion(dir, 'run', 'data', '--data-dir', dir, ...SMALL, '--seed', '1', '--customers', '150').code, 0);
  assert.equal(medallion(dir, 'run', 'data', '--data-dir', dir, ...SMALL, '--seed', '2', '--customers', '170').code, 0);
  const [second, first] = await runIds(dir, 'silver.customers_enriched');
  const expected = expectedDiff(await versionRows(dir, 'silver.customers_enriched', first!), await versionRows(dir, 'silver.customers_enriched', second!), 'customer_id');
  assert.equal(expected.added, 20);
  assert.ok(expected.changed > 100);

  const out = medallion(dir, 'diff', 'data', 'silver/customers_enriched', '--data-dir', dir, '--format', 'json');
  assert.equal(out.code, 0, out.stderr);
  const diff = JSON.parse(out.stdout);
  assert.deepEqual([diff.from.rows, diff.to.rows, diff.keys], [150, 170, ['customer_id']]);
  assert.deepEqual({ added: diff.added, removed: diff.removed, changed: diff.changed, byColumn: diff.changedByColumn }, expected);
  assert.equal(diff.unchanged, 170 - expected.added - expected.changed);
  assert.equal(diff.examples.added.length, 5);
  assert.deepEqual(diff.examples.added.map((r: Row) => r['customer_id']), [151, 152, 153, 154, 155]);

  const text = medallion(dir, 'diff', 'data', 'silver/customers_enriched', '--data-dir', dir, '--exit-code');
  assert.equal(text.code, 1, 'the versions differ');
  assert.match(text.stdout, new RegExp(`^silver\\.customers_enriched: previous \\(run ${first}\\), 150 rows → current \\(run ${second}\\), 170 rows; by customer_id\\n  added     20 rows\\n  removed   0 rows\\n  changed   ${expected.changed} rows: `));

  // After rolling back to the first run, the second run's version against the current is the same diff reversed.
  assert.equal(medallion(dir, 'rollback', 'data', first!, '--data-dir', dir).code, 0);
  const back = JSON.parse(medallion(dir, 'diff', 'data', 'silver/customers_enriched', '--data-dir', dir, '--from', second!, '--format', 'json').stdout);
  assert.deepEqual([back.added, back.removed, back.changed, back.changedByColumn], [0, 20, expected.changed, expected.byColumn]);
});

test('diff --against: a Delta data dir and a Parquet one built with the same seed hold the same gold; another seed differs', () => {
  const parquet = tempDir();
  const delta = tempDir();
  const other = tempDir();
  assert.equal(medallion(parquet, 'run', 'data', '--data-dir', parquet, ...SMALL, '--seed', '5').code, 0);
  assert.equal(medallion(delta, 'run', 'data', '--data-dir', delta, ...SMALL, '--seed', '5', '--table-format', 'delta').code, 0);
  assert.equal(medallion(other, 'run', 'data', '--data-dir', other, ...SMALL, '--seed', '6').code, 0);
  for (const dataset of ['gold/customer_analytics', 'gold/category_analytics', 'silver/transactions_clean']) {
    const same = medallion(parquet, 'diff', 'data', dataset, '--data-dir', delta, '--against', parquet, '--exit-code', '--format', 'json');
    assert.equal(same.code, 0, same.stdout + same.stderr);
    const diff = JSON.parse(same.stdout);
    assert.deepEqual([diff.added, diff.removed, diff.changed], [0, 0, 0], dataset);
    assert.equal(diff.unchanged, diff.to.rows);
  }
  const differs = medallion(parquet, 'diff', 'data', 'gold/category_analytics', '--data-dir', other, '--against', parquet, '--key', 'product_category', '--exit-code', '--format', 'json');
  assert.equal(differs.code, 1);
  const diff = JSON.parse(differs.stdout);
  assert.equal(diff.changed, diff.to.rows, 'every category has other sums');
  assert.ok(diff.changedByColumn.total_revenue > 0);
});

test('diff refuses what it cannot compare, exit 2, one line each', () => {
  const dir = tempDir();
  assert.equal(medallion(dir, 'run', 'data', '--data-dir', dir, ...SMALL).code, 0);
  const cases: Array<[string[], RegExp]> = [
    [[], /^medallion: silver\.customers_enriched has one version in .*: nothing to compare it with \(run again, or give --against <data-dir>\)\n$/],
    [['--from', 'nope'], /^medallion: --from: silver\.customers_enriched has no kept version 'nope'/],
    [['--against', dir, '--key', 'custid'], /^medallion: --key: no column 'custid' on both sides to pair rows by\n$/],
    [['--against', join(dir, 'nowhere')], /^medallion: silver\.customers_enriched has never been built in .*nowhere/],
    [['--against', dir, '--from', 'x'], /^medallion: --against and --from both name the older side: give one\n$/],
  ];
  for (const [args, message] of cases) {
    const out = medallion(dir, 'diff', 'data', 'silver/customers_enriched', '--data-dir', dir, ...args);
    assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
    assert.match(out.stderr, message);
  }
});
