import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RunManifest } from '../../src/model/manifest.js';
import { currentVersionId } from '../../src/storage/current-version.js';
import { tempDir } from '../helpers.js';
import { DATA_DATASETS, medallion, sizes, verifyDataDir } from './fixtures.js';

function manifestOf(dir: string, out: string): RunManifest {
  const path = /Run manifest: (\S+)/.exec(out)?.[1];
  assert.ok(path, out);
  return JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
}

function currentVersions(dir: string): Record<string, string | undefined> {
  return Object.fromEntries(DATA_DATASETS.map((d) => [d, currentVersionId(dir, d)]));
}

/** A 1 MiB tmpfs when this machine lets us mount one (root), so the disk really fills up. */
function smallDisk(): string | undefined {
  const dir = join(tempDir(), 'tmpfs');
  mkdirSync(dir);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) return undefined;
  after(() => void spawnSync('umount', ['-l', dir]));
  return dir;
}

test('a full disk fails the run and leaves the old version of every dataset current', async (t) => {
  const disk = smallDisk();
  const dir = disk ?? tempDir();
  assert.equal(medallion(['run', 'data', '--data-dir', dir, ...sizes(1)]).code, 0);
  const before = currentVersions(dir);
  // On the tmpfs the big bronze table does not fit; elsewhere the store reports ENOSPC at its boundary.
  const out = disk
    ? medallion(['run', 'data', '--data-dir', dir, ...sizes(2, 200_000)])
    : medallion(['run', 'data', '--data-dir', dir, ...sizes(2)], { MEDALLION_FAULTS: 'publish.after-fsync@bronze.transactions=enospc' });
  t.diagnostic(disk ? 'disk: a real 1 MiB tmpfs' : 'disk: mount not permitted, ENOSPC injected at the store boundary');
  assert.equal(out.code, 1, out.stderr);
  assert.match(out.stdout + out.stderr, /No space left|ENOSPC|not enough space/i);
  const after = currentVersions(dir);
  for (const d of ['bronze.transactions', 'silver.transactions_clean', 'gold.category_analytics', 'gold.payment_analytics', 'gold.device_analytics']) {
    assert.equal(after[d], before[d], `${d} changed`);
  }
  const { problems } = await verifyDataDir(dir);
  assert.deepEqual(problems, []);
  const manifest = manifestOf(dir, out.stdout);
  assert.equal(manifest.outcome, 'failed');
  assert.ok(manifest.unpublished?.includes('bronze.transactions'));
  assert.ok(manifest.unpublished?.includes('gold.category_analytics'));
  if (disk) assert.ok(statSync(dir).isDirectory());
  // Once there is room again, the next run publishes.
  assert.equal(medallion(['run', 'data', '--data-dir', dir, ...sizes(3), '--quiet']).code, 0);
});

test('DuckDB out of memory fails the run with what to do about it, and leaves the old version of every dataset current', async () => {
  const dir = tempDir();
  assert.equal(medallion(['run', 'data', '--data-dir', dir, ...sizes(1), '--quiet']).code, 0);
  const before = currentVersions(dir);
  const out = medallion(['run', 'data', '--data-dir', dir, ...sizes(2, 200_000)], { MEDALLION_DUCKDB_MEMORY: '16MB' });
  assert.equal(out.code, 1, out.stderr);
  // Which dataset meets the limit first, and DuckDB's own words for it, depend on what runs beside it.
  assert.match(out.stderr, /: DuckDB ran out of its memory limit of 16MB \((failed to|could not) allocate .+\): run again with a higher limit, e\.g\. MEDALLION_DUCKDB_MEMORY=4GB/);
  assert.doesNotMatch(out.stderr, /SET threads|SET memory_limit/, "DuckDB's advice names settings a user of medallion cannot reach");
  assert.deepEqual(currentVersions(dir), before);
  assert.deepEqual((await verifyDataDir(dir)).problems, []);
  assert.equal(manifestOf(dir, out.stdout).outcome, 'failed');
});

test('a truncated Parquet file in bronze fails the next stage with the file named, and nothing downstream is published', async () => {
  const dir = tempDir();
  assert.equal(medallion(['run', 'data', '--data-dir', dir, ...sizes(4), '--quiet']).code, 0);
  const before = currentVersions(dir);
  const file = join(dir, 'bronze', 'customers', 'part-00000.parquet');
  truncateSync(file, Math.floor(statSync(file).size / 2));

  const out = medallion(['run', 'data', '--data-dir', dir, ...sizes(5), '--select', 'silver.customers_changes+']);
  assert.equal(out.code, 1);
  // A run reads the version the dataset's link pointed to when it was planned: the file named is that version's own.
  const damaged = realpathSync(file);
  assert.ok(damaged.includes('/_versions/bronze/customers/'), damaged);
  assert.ok((out.stdout + out.stderr).includes(damaged), `the error names ${damaged}:\n${out.stdout}`);
  const manifest = manifestOf(dir, out.stdout);
  assert.equal(manifest.outcome, 'failed');
  // The change set is the first to read bronze customers; the history, silver and gold come after it.
  for (const d of ['silver.customers_changes', 'silver.customers_history', 'silver.customers_enriched', 'gold.customer_analytics']) assert.ok(manifest.unpublished?.includes(d), d);
  const after = currentVersions(dir);
  for (const d of DATA_DATASETS.filter((d) => !d.startsWith('silver.') || d === 'silver.customers_enriched')) {
    assert.equal(after[d], before[d], `${d} was published`);
  }
});
