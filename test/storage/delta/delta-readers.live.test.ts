import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { commitWrite, moveIntoTable, readHistory, readSnapshot, restoreVersion } from '../../../src/storage/formats/delta/index.js';
import { reader, tempDir } from '../../helpers.js';
import { commitBatch, rowsOf } from './delta-fixtures.js';
import { deltaPython, deltaSparkJars, runReader } from './python-readers.js';

const env = deltaPython();
const skip = 'skip' in env ? env.skip : false;
if (skip) console.log(skip);
const spark = 'skip' in env ? env : deltaSparkJars();
const sparkSkip = 'skip' in spark ? spark.skip : false;
if (sparkSkip && !skip) console.log(sparkSkip);

interface DeltaRsView {
  latest: number;
  version: number;
  history: Array<{ version: number; operation: string; engineInfo: string | null }>;
  schema: Array<[string, string]>;
  rows: Array<Record<string, unknown>>;
}

/** Rows as both sides print them, for an exact comparison of ids, names and amounts. */
function keyed(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const day = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);
  return rows.map((r) => `${String(r['id'])}|${String(r['name'])}|${Number(r['amount']).toFixed(2)}|${day(r['day'])}`).sort();
}

/** A table of 13 versions: appends, two overwrites, a restore, and a checkpoint at version 10. */
async function tableWithHistory(): Promise<string> {
  const table = join(tempDir(), 'transactions');
  for (let i = 0; i < 12; i++) await commitBatch(table, i * 100, 5 + i, i === 4 || i === 9 ? 'overwrite' : 'append');
  await restoreVersion(table, 7, 'rollback-7');
  return table;
}

test('delta-rs reads tables we wrote: the same rows as our reader, every version, time travel before and after the checkpoint', { skip, timeout: 300_000 }, async () => {
  if ('skip' in env) return;
  const table = await tableWithHistory();
  const ours = await readSnapshot(table);
  assert.equal(ours.version, 12);
  const rs = runReader<DeltaRsView>(env.python, 'delta_rs_read.py', [table]);
  assert.equal(rs.latest, 12);
  assert.equal(rs.history.length, 13);
  assert.deepEqual(rs.history.map((h) => h.version), readHistory(table).map((h) => h.version));
  assert.deepEqual(rs.history.slice(0, 2).map((h) => h.operation), ['RESTORE', 'WRITE']);
  assert.ok(rs.history.every((h) => h.engineInfo?.startsWith('medallion/')));
  assert.deepEqual(rs.schema, [
    ['id', 'int64'], ['name', 'string'], ['amount', 'decimal128(12, 2)'], ['at', 'timestamp[us, tz=UTC]'], ['day', 'date32[day]'], ['flag', 'bool'], ['score', 'double'],
  ]);
  const ourRows = await rowsOf(ours.files);
  assert.equal(rs.rows.length, ours.rows);
  assert.deepEqual(keyed(rs.rows), keyed(ourRows));

  for (const version of [3, 7, 11]) {
    const old: DeltaRsView = runReader<DeltaRsView>(env.python, 'delta_rs_read.py', [table, String(version)]);
    const mine = await readSnapshot(table, { version });
    assert.equal(old.version, version);
    assert.deepEqual(keyed(old.rows), keyed(await rowsOf(mine.files)), `version ${version}`);
  }
  // Version 3 is four appends: 5 + 6 + 7 + 8 rows.
  assert.equal(runReader<DeltaRsView>(env.python, 'delta_rs_read.py', [table, '3']).rows.length, 26);
});

test('Spark with delta-spark reads a table we wrote: format("delta"), VERSION AS OF and DESCRIBE HISTORY', { skip: skip || sparkSkip, timeout: 600_000 }, async () => {
  if ('skip' in env || 'skip' in spark) return;
  const table = await tableWithHistory();
  const ours = await rowsOf((await readSnapshot(table)).files);
  const v3 = await rowsOf((await readSnapshot(table, { version: 3 })).files);
  const seen = runReader<{
    schema: string;
    count: number;
    sumId: number;
    oldCount: number;
    oldSumId: number;
    history: Array<{ version: number; operation: string; engineInfo: string }>;
  }>(env.python, 'spark_read.py', [table, spark.jars, '3'], 540_000);
  assert.equal(seen.schema, 'struct<id:bigint,name:string,amount:decimal(12,2),at:timestamp,day:date,flag:boolean,score:double>');
  assert.equal(seen.count, ours.length);
  assert.equal(seen.sumId, ours.reduce((s, r) => s + Number(r['id']), 0));
  assert.equal(seen.oldCount, 26);
  assert.equal(seen.oldSumId, v3.reduce((s, r) => s + Number(r['id']), 0));
  assert.equal(seen.history.length, 13);
  assert.deepEqual(seen.history[0], { version: 12, operation: 'RESTORE', engineInfo: seen.history[0]!.engineInfo });
  assert.match(seen.history[0]!.engineInfo, /^medallion\//);
});

test('a table written by delta-rs is read by our snapshot reader, appended by our writer, and still read by delta-rs', { skip, timeout: 300_000 }, async () => {
  if ('skip' in env) return;
  const table = join(tempDir(), 'from_delta_rs');
  const made = runReader<{ version: number }>(env.python, 'delta_rs_write.py', [table]);
  assert.equal(made.version, 1);

  const snapshot = await readSnapshot(table);
  assert.equal(snapshot.version, 1);
  assert.deepEqual(snapshot.columns, [
    { name: 'id', type: 'BIGINT' }, { name: 'name', type: 'VARCHAR' }, { name: 'amount', type: 'DECIMAL(12,2)' }, { name: 'day', type: 'DATE' },
  ]);
  const theirs = await rowsOf(snapshot.files);
  assert.deepEqual(theirs.map((r) => Number(r['id'])), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(snapshot.rows, 8);

  const staging = join(table, '_staging', 'ours');
  mkdirSync(staging, { recursive: true });
  await (await reader()).execute(
    `COPY (SELECT (100 + range)::BIGINT AS id, 'ours ' || range AS name, (range * 1.25)::DECIMAL(12,2) AS amount, DATE '2024-05-01' AS day FROM range(3)) TO '${join(staging, 'x.parquet')}' (FORMAT parquet)`,
  );
  const files = await moveIntoTable(staging, table);
  const appended = await commitWrite(table, { files, columns: snapshot.columns, mode: 'append', runId: 'append-to-delta-rs' });
  assert.equal(appended.version, 2);

  const after = runReader<DeltaRsView>(env.python, 'delta_rs_read.py', [table]);
  assert.equal(after.latest, 2);
  assert.equal(after.history.length, 3);
  assert.deepEqual(after.rows.map((r) => Number(r['id'])).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 100, 101, 102]);
  assert.equal(after.history[0]!.engineInfo?.startsWith('medallion/'), true);
  assert.deepEqual(keyed(after.rows), keyed(await rowsOf((await readSnapshot(table)).files)));
});
