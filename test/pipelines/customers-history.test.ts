import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { currentVersionId } from '../../src/storage/current-version.js';
import { sql, tempDir } from '../helpers.js';
import { pausedOrExited } from '../pause-points.js';
import { startMedallion } from '../storage/fixtures.js';
import {
  changesQuery,
  CSV_HEADER,
  csvRow,
  customersFile,
  EXPECTED_CHANGES,
  EXPECTED_HISTORY,
  historyQuery,
  medallion,
  runDay,
  SMALL,
  snapshotFile,
  threeDays,
  tuples,
} from './cdc-fixtures.js';

const HISTORY = '{silver.customers_history}';
const CHANGES = '{silver.customers_changes}';

test('three daily snapshots give exactly the expected history: updates close a version, a deleted customer who comes back gets a new one', async () => {
  const { dataDir } = threeDays();
  assert.deepEqual(tuples(await sql(dataDir, historyQuery(HISTORY))), EXPECTED_HISTORY);
  assert.deepEqual(tuples(await sql(dataDir, changesQuery(CHANGES))), EXPECTED_CHANGES);
  // Each day's changes carry the run that computed them: three runs, one id per day.
  const runs = await sql(dataDir, `SELECT change_date, count(DISTINCT run_id) AS runs FROM ${CHANGES} GROUP BY change_date ORDER BY change_date`);
  assert.deepEqual(runs.map((r) => Number(r['runs'])), [1, 1, 1]);
  // Silver and gold read the current versions only: Eve, who left on day 3, is in neither.
  const enriched = await sql(dataDir, `SELECT customer_id, city, age, total_spent FROM {silver.customers_enriched} ORDER BY customer_id`);
  assert.deepEqual(tuples(enriched), [[1, 'Austin', 31, 120.5], [2, 'Chicago', 41, 900], [3, 'Boston', 25, 40], [4, 'Denver', 52, 2500.25]]);
  const [gold] = await sql(dataDir, `SELECT CAST(sum(customer_count) AS INTEGER) AS customers, round(sum(segment_revenue), 2) AS revenue FROM {gold.customer_analytics}`);
  assert.deepEqual([gold!['customers'], gold!['revenue']], [4, 3560.75]);
  // The history's schema is the snapshot's plus the three SCD2 columns, with stable types.
  const schema = await sql(dataDir, `DESCRIBE SELECT * FROM ${HISTORY}`);
  assert.deepEqual(schema.slice(-3).map((c) => [c['column_name'], c['column_type']]), [['valid_from', 'DATE'], ['valid_to', 'DATE'], ['is_current', 'BOOLEAN']]);
});

test('re-running a day changes nothing: the same history, and that day’s changes replaced rather than added', async () => {
  const { dataDir, inputDir } = threeDays();
  const history = await sql(dataDir, `SELECT * FROM ${HISTORY} ORDER BY customer_id, valid_from`);
  const before = await sql(dataDir, `SELECT run_id FROM ${CHANGES} WHERE change_date = DATE '2026-03-03'`);
  runDay(dataDir, inputDir, '2026-03-03');
  assert.deepEqual(await sql(dataDir, `SELECT * FROM ${HISTORY} ORDER BY customer_id, valid_from`), history);
  assert.deepEqual(tuples(await sql(dataDir, changesQuery(CHANGES))), EXPECTED_CHANGES);
  const after = await sql(dataDir, `SELECT DISTINCT run_id FROM ${CHANGES} WHERE change_date = DATE '2026-03-03'`);
  assert.equal(after.length, 1);
  assert.notEqual(after[0]!['run_id'], before[0]!['run_id'], 'the re-run recorded itself as the run of that day');
});

test('a day earlier than the last one built is refused with one line (exit 2), and the history stays as it was', async () => {
  const { dataDir, inputDir } = threeDays();
  const version = currentVersionId(dataDir, 'silver.customers_history');
  const out = medallion(['run', 'data', '--data-dir', dataDir, '--as-of', '2026-03-02', '--input-customers', snapshotFile(inputDir, '2026-03-02'), ...SMALL]);
  assert.equal(out.code, 2);
  assert.equal(
    out.stderr,
    "medallion: silver.customers_history was last built for 2026-03-03; a snapshot of 2026-03-02, an earlier day, cannot be applied after it without losing 2026-03-03: run 2026-03-03 or a later day, or roll the data dir back to a run of 2026-03-02 or before ('medallion history' lists them)\n",
  );
  assert.equal(currentVersionId(dataDir, 'silver.customers_history'), version);
  assert.deepEqual(tuples(await sql(dataDir, historyQuery(HISTORY))), EXPECTED_HISTORY);
});

test('a snapshot giving a customer twice stops the run with one line naming the key, and publishes nothing', async () => {
  const { dataDir, inputDir } = threeDays();
  const version = currentVersionId(dataDir, 'silver.customers_history');
  const twice = customersFile(inputDir, 'twice.csv', [CSV_HEADER, csvRow([1, 'Ann', 'Lee', 31, 'Austin', 3, 120.5]), csvRow([2, 'Bob', 'Ray', 41, 'Chicago', 5, 900]), csvRow([2, 'Bob', 'Ray', 42, 'Chicago', 5, 900])]);
  const out = medallion(['run', 'data', '--data-dir', dataDir, '--as-of', '2026-03-04', '--input-customers', twice, ...SMALL]);
  assert.equal(out.code, 1);
  const lines = out.stderr.trim().split('\n');
  assert.equal(lines.length, 1, out.stderr);
  assert.match(lines[0]!, /expectation unique\(customer_id\) in customers failed on silver\.customers_changes: 2 of 3 rows .*break "each customer_id is given once in the snapshot bronze\.customers".*customer_id=2, occurrences=2/);
  assert.equal(currentVersionId(dataDir, 'silver.customers_history'), version);
  assert.deepEqual(tuples(await sql(dataDir, historyQuery(HISTORY))), EXPECTED_HISTORY);
});

test('the run names the cause even when a dataset reading the unchecked rows fails first', async () => {
  // silver.customers_history reads silver.customers_changes once its rows are written, while
  // their checks still run. Here the history fails first, for certain: the changes wait after
  // their write, and go on to fail their own check only after the history has failed.
  const { dataDir, inputDir } = threeDays();
  const twice = customersFile(inputDir, 'twice.csv', [CSV_HEADER, csvRow([1, 'Ann', 'Lee', 31, 'Austin', 3, 120.5]), csvRow([2, 'Bob', 'Ray', 41, 'Chicago', 5, 900]), csvRow([2, 'Bob', 'Ray', 42, 'Chicago', 5, 900])]);
  const pauses = tempDir('medallion-pause-');
  const env = { MEDALLION_FAULTS: 'build.written@silver.customers_changes=pause,build.failed@silver.customers_history=pause', MEDALLION_PAUSE_DIR: pauses };
  const run = startMedallion(['run', 'data', '--data-dir', dataDir, '--as-of', '2026-03-04', '--input-customers', twice, ...SMALL], env);
  const paused = (point: string) => existsSync(join(pauses, `${point}.paused`));
  assert.equal(await pausedOrExited(() => paused('build.written'), run.done), 'paused');
  assert.equal(await pausedOrExited(() => paused('build.failed'), run.done), 'paused', 'the history failed while the changes were still unchecked');
  writeFileSync(join(pauses, 'build.failed.resume'), '');
  writeFileSync(join(pauses, 'build.written.resume'), '');
  const out = await run.done;
  assert.equal(out.code, 1, out.stderr);
  assert.match(out.stderr.trim(), /^[^\n]*expectation unique\(customer_id\) in customers failed on silver\.customers_changes: 2 of 3 rows [^\n]*$/);
  const manifest = JSON.parse(readFileSync(/Run manifest: (\S+)/.exec(out.stdout + out.stderr)?.[1] ?? join(dataDir, '_runs', readdirSync(join(dataDir, '_runs')).sort().at(-1)!), 'utf8'));
  assert.equal(manifest.datasets.find((d: { name: string }) => d.name === 'silver.customers_history'), undefined, 'the history counts as not built, downstream of the failure');
  assert.deepEqual(tuples(await sql(dataDir, historyQuery(HISTORY))), EXPECTED_HISTORY);
});

test('a snapshot without the key column is refused before the run (exit 2), and the history stays as it was', async () => {
  const { dataDir, inputDir } = threeDays();
  const version = currentVersionId(dataDir, 'silver.customers_history');
  const keyless = customersFile(inputDir, 'keyless.csv', [CSV_HEADER.replace('customer_id,', ''), csvRow([1, 'Ann', 'Lee', 31, 'Austin', 3, 120.5]).replace(/^1,/, '')]);
  const out = medallion(['run', 'data', '--data-dir', dataDir, '--as-of', '2026-03-04', '--input-customers', keyless, ...SMALL]);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /^medallion: --input-customers: '.*keyless\.csv' lacks column customer_id \(its header: first_name, .*\)\n$/);
  assert.equal(currentVersionId(dataDir, 'silver.customers_history'), version);
  assert.deepEqual(tuples(await sql(dataDir, historyQuery(HISTORY))), EXPECTED_HISTORY);
});
