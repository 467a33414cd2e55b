import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalDatasetStore } from '../../src/storage/formats/parquet-versions/local-dataset-store.js';
import { readLedger } from '../../src/run/incremental/ledger.js';
import { tempDir } from '../helpers.js';
import { allRows, assertSameRows } from '../run/incremental/dataset-rows.js';
import { medallion, sizes, startMedallion, verifyDataDir } from './fixtures.js';

/** The instants of a day's run where a kill leaves the most half-done: the partitioned dataset's own steps and the run's commit. */
const FAULTS = [
  'publish.start@silver.transactions_clean=kill',
  'publish.staged@silver.transactions_clean=kill',
  'commit.recorded=kill',
  'publish.versioned@bronze.transactions=kill',
  'publish.switched@silver.transactions_clean=kill',
  'commit.done=kill',
];

test("SIGKILL during a day's run leaves every dataset a published version with its kept days intact, and the day re-runs to the same data", async () => {
  const dir = tempDir('medallion-crash-days-');
  const reference = tempDir('medallion-crash-days-ref-');
  const day = (into: string, date: string) => ['run', 'data', '--data-dir', into, '--date', date, ...sizes(5, 36_500), '--keep', '2', '--quiet'];
  for (const date of ['2026-01-01', '2026-01-02']) {
    assert.equal(medallion(day(dir, date)).code, 0);
    assert.equal(medallion(day(reference, date)).code, 0);
  }
  const failures: string[] = [];
  for (const fault of FAULTS) {
    const end = await startMedallion(day(dir, '2026-01-02'), { MEDALLION_FAULTS: fault }).done;
    if (end.signal !== 'SIGKILL') failures.push(`${fault}: not killed (exit ${end.code}): ${end.stderr.trim()}`);
    failures.push(...(await verifyDataDir(dir)).problems.map((p) => `${fault}: ${p}`));
    // The next writer recovers first: a run killed after its commit record is finished, others leave nothing.
    const recovery = await new LocalDatasetStore(dir).beginWrite(`recovery-${FAULTS.indexOf(fault)}`, 'rollback');
    await recovery.end();
    failures.push(...(await verifyDataDir(dir)).problems.map((p) => `${fault}, after recovery: ${p}`));
    assertSameRows(await allRows(dir, 'silver.transactions_clean'), await allRows(reference, 'silver.transactions_clean'), `${fault}: silver`);
  }
  assert.deepEqual(failures, []);
  assert.equal(medallion(day(dir, '2026-01-02')).code, 0);
  for (const dataset of ['bronze.transactions', 'silver.transactions_clean', 'gold.category_analytics']) {
    assertSameRows(await allRows(dir, dataset), await allRows(reference, dataset), dataset);
  }
  assert.deepEqual(readLedger(dir, 'data').processed, [{ from: '2026-01-01', to: '2026-01-02' }]);
});
