import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { deltaPython, runReader } from '../storage/delta/python-readers.js';
import { EXPECTED_CHANGES, EXPECTED_HISTORY, runDay, threeDays } from './cdc-fixtures.js';

/** The customers' history as Delta tables, read back by delta-rs (the project's Python). */

test('as Delta tables, delta-rs reads exactly the same history and changes', async (t) => {
  const py = deltaPython();
  if ('skip' in py) return t.skip(py.skip);
  const { dataDir, inputDir } = threeDays(['--table-format', 'delta']);
  runDay(dataDir, inputDir, '2026-03-03', ['--table-format', 'delta']);
  type Read = { version: number; rows: Array<Record<string, unknown>> };
  const historyDir = join(dataDir, 'silver', 'customers_history');
  const changesDir = join(dataDir, 'silver', 'customers_changes');
  const read = runReader<Record<string, Read>>(py.python, 'delta_rs_rows.py', [historyDir, changesDir]);
  const history = read[historyDir]!;
  const changes = read[changesDir]!;
  // Four runs, four commits (versions 0…3); the re-run of day 3 changed no row.
  assert.equal(history.version, 3);
  const shaped = history.rows
    .map((r) => [r['customer_id'], r['city'], r['age'], r['total_spent'], r['valid_from'], r['valid_to'], r['is_current']])
    .sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[4]).localeCompare(String(b[4])));
  assert.deepEqual(shaped, EXPECTED_HISTORY);
  const changed = changes.rows
    .map((r) => [r['customer_id'], r['change_type'], r['changed_columns'], r['change_date']])
    .sort((a, b) => String(a[3]).localeCompare(String(b[3])) || Number(a[0]) - Number(b[0]));
  assert.deepEqual(changed, EXPECTED_CHANGES);
});
