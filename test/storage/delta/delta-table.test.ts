import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { UserError } from '../../../src/model/errors.js';
import { SchemaDriftError } from '../../../src/storage/schema-drift.js';
import { commitExclusively } from '../../../src/storage/formats/delta/exclusive-commit.js';
import {
  commitWrite,
  DeltaConflictError,
  moveIntoTable,
  ENGINE_INFO,
  readHistory,
  readSnapshot,
  restoreVersion,
  vacuum,
} from '../../../src/storage/formats/delta/index.js';
import { commitPath, lastCheckpointPath, checkpointPath } from '../../../src/storage/formats/delta/log-paths.js';
import { replayLog } from '../../../src/storage/formats/delta/replay.js';
import { sparkSchemaOf } from '../../../src/storage/formats/delta/spark-schema.js';
import { MEDALLION_VERSION } from '../../../src/version.js';
import { reader, tempDir } from '../../helpers.js';
import { commitBatch, rowsOf } from './delta-fixtures.js';
import { pauseAt, pausedOrExited } from '../../pause-points.js';

const CHILD = fileURLToPath(new URL('./commit-batch-child.js', import.meta.url));

function logLines(tableDir: string, version: number): Array<Record<string, Record<string, unknown>>> {
  return readFileSync(commitPath(tableDir, version), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
}

test('column types become Spark StructType JSON, from DuckDB names and Spark names alike', () => {
  const schema = sparkSchemaOf([
    { name: 'a', type: 'BIGINT' },
    { name: 'b', type: 'INTEGER' },
    { name: 'c', type: 'DOUBLE' },
    { name: 'd', type: 'VARCHAR' },
    { name: 'e', type: 'DATE' },
    { name: 'f', type: 'TIMESTAMP' },
    { name: 'g', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'h', type: 'BOOLEAN' },
    { name: 'i', type: 'DECIMAL(12,2)' },
    { name: 'j', type: 'string' },
    { name: 'k', type: 'long' },
    { name: 'l', type: 'decimal(38, 0)' },
    { name: 'm', type: 'VARCHAR[]' },
    { name: 'n', type: 'HUGEINT' },
  ]);
  assert.deepEqual(
    schema.fields.map((f) => [f.name, f.type]),
    [
      ['a', 'long'], ['b', 'integer'], ['c', 'double'], ['d', 'string'], ['e', 'date'], ['f', 'timestamp'], ['g', 'timestamp'],
      ['h', 'boolean'], ['i', 'decimal(12,2)'], ['j', 'string'], ['k', 'long'], ['l', 'decimal(38,0)'],
      ['m', { type: 'array', elementType: 'string', containsNull: true }], ['n', 'decimal(38,0)'],
    ],
  );
  assert.equal(JSON.stringify(sparkSchemaOf([{ name: 'x', type: 'BIGINT' }])), '{"type":"struct","fields":[{"name":"x","type":"long","nullable":true,"metadata":{}}]}');
  assert.throws(() => sparkSchemaOf([{ name: 'u', type: 'UBIGINT' }]), (e: Error) => e instanceof UserError && e.message === 'column u has type UBIGINT, which a Delta table cannot hold; cast it in the dataset\'s SQL');
  assert.throws(() => sparkSchemaOf([{ name: 'p', type: 'DECIMAL(40,2)' }]), /column p has type DECIMAL\(40,2\): a Delta decimal holds at most 38 digits/);
});

test('the first commit holds commitInfo, protocol 1/2, metaData and adds with exact footer statistics', async () => {
  const table = tempDir();
  const result = await commitBatch(table, 0, 10);
  assert.equal(result.version, 0);
  const lines = logLines(table, 0);
  assert.deepEqual(lines.map((l) => Object.keys(l)[0]), ['commitInfo', 'protocol', 'metaData', 'add']);
  const [info, protocol, meta, add] = lines.map((l) => Object.values(l)[0]!);
  assert.equal(info!['engineInfo'], `medallion/${MEDALLION_VERSION}`);
  assert.equal(info!['operation'], 'CREATE TABLE AS SELECT');
  assert.equal(typeof info!['timestamp'], 'number');
  assert.deepEqual(protocol, { minReaderVersion: 1, minWriterVersion: 2 });
  assert.match(String(meta!['id']), /^[0-9a-f-]{36}$/);
  assert.deepEqual(meta!['format'], { provider: 'parquet', options: {} });
  assert.deepEqual(meta!['partitionColumns'], []);
  assert.match(String(add!['path']), /^part-00000-[0-9a-f-]{36}\.snappy\.parquet$/);
  assert.equal(add!['dataChange'], true);
  assert.ok(existsSync(join(table, String(add!['path']))));
  assert.deepEqual(JSON.parse(String(add!['stats'])), {
    numRecords: 10,
    minValues: { id: 0, name: 'name 0', amount: 0, at: '2024-03-01T08:00:00.000Z', day: '2024-03-01', score: 0 },
    maxValues: { id: 9, name: 'name 9', amount: 2.25, at: '2024-03-01T08:09:00.000Z', day: '2024-03-07', score: 13.5 },
    nullCount: { id: 0, name: 0, amount: 0, at: 0, day: 0, flag: 0, score: 2 },
  });
});

test('appends add files, an overwrite removes the previous files in the same commit', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 10);
  await commitBatch(table, 10, 5);
  const appended = await readSnapshot(table);
  assert.equal(appended.version, 1);
  assert.equal(appended.rows, 15);
  assert.equal((await rowsOf(appended.files)).length, 15);

  const overwrite = await commitBatch(table, 100, 3, 'overwrite');
  assert.equal(overwrite.removed, 2);
  const kinds = logLines(table, 2).map((l) => Object.keys(l)[0]);
  assert.deepEqual(kinds, ['commitInfo', 'remove', 'remove', 'add']);
  const now = await readSnapshot(table);
  assert.deepEqual((await rowsOf(now.files)).map((r) => Number(r['id'])), [100, 101, 102]);
  assert.equal(now.state.tombstones.length, 2);
});

test('a commit is exclusive: the second writer of a version gets a conflict and the first commit stays', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 2);
  const before = readFileSync(commitPath(table, 0), 'utf8');
  assert.throws(
    () => commitExclusively(table, 0, [{ commitInfo: { timestamp: 1, operation: 'WRITE', operationParameters: {} } }]),
    (e: Error) => e instanceof DeltaConflictError && e.message === `${table}: version 0 was committed by another writer first; this commit was not made (re-read the table and retry)`,
  );
  assert.equal(readFileSync(commitPath(table, 0), 'utf8'), before);
  assert.deepEqual(readdirSync(join(table, '_delta_log')), ['00000000000000000000.json']);
});

test('two writers racing for the same version: one commits, the other gets a conflict and leaves the table as the winner made it', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 2);
  // The first writer, in a process of its own, has read version 0 and waits there to commit version 1.
  const pause = pauseAt(`delta.commit.read@${basename(table)}`);
  const first = spawn(process.execPath, [CHILD, table, '10', '3'], { env: { ...process.env, ...pause.env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  first.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => first.on('close', () => resolve()));
  assert.equal(await pausedOrExited(pause.paused, exited), 'paused', printed);
  // Meanwhile the second commits version 1.
  const second = await commitBatch(table, 20, 4);
  assert.equal(second.version, 1);
  pause.resume();
  await exited;
  const lost = JSON.parse(printed.trim()) as { error?: string; message?: string };
  assert.equal(lost.error, 'DeltaConflictError', printed);
  assert.equal(lost.message, `${table}: version 1 was committed by another writer first; this commit was not made (re-read the table and retry)`);
  const snapshot = await readSnapshot(table);
  assert.equal(snapshot.version, 1);
  assert.equal(snapshot.rows, 6);
  assert.deepEqual((await rowsOf(snapshot.files)).map((r) => Number(r['id'])), [0, 1, 20, 21, 22, 23]);
  assert.deepEqual(readdirSync(join(table, '_delta_log')).filter((f) => f.endsWith('.json')), ['00000000000000000000.json', '00000000000000000001.json']);
});

test('every tenth commit writes a Parquet checkpoint and _last_checkpoint, and replay from it equals replay from the start', async () => {
  const table = tempDir();
  for (let i = 0; i < 12; i++) await commitBatch(table, i * 10, 10, i === 6 ? 'overwrite' : 'append');
  assert.ok(existsSync(checkpointPath(table, 10)));
  assert.ok(!existsSync(checkpointPath(table, 11)));
  const pointer = JSON.parse(readFileSync(lastCheckpointPath(table), 'utf8')) as Record<string, number>;
  assert.equal(pointer['version'], 10);
  assert.equal(pointer['numOfAddFiles'], 5); // versions 6..10
  assert.equal(pointer['size'], 2 + 5 + 6); // protocol, metaData, 5 adds, 6 tombstones

  const fromCheckpoint = await readSnapshot(table);
  assert.equal(fromCheckpoint.version, 11);
  assert.equal(fromCheckpoint.rows, 60);
  assert.deepEqual((await rowsOf(fromCheckpoint.files)).map((r) => Number(r['id'])), Array.from({ length: 60 }, (_, i) => 60 + i));
  // The checkpoint round-trips every action as it was committed (stats included).
  const replayed = await replayLog(table, 10);
  rmSync(checkpointPath(table, 10));
  rmSync(lastCheckpointPath(table));
  const full = await replayLog(table, 10);
  assert.deepEqual(replayed.files.map((f) => [f.path, f.size, f.stats]), full.files.map((f) => [f.path, f.size, f.stats]));
  const essentials = (m: typeof full.metadata): unknown[] => [m.id, m.schemaString, m.partitionColumns, m.format, m.configuration, m.createdTime];
  assert.deepEqual(essentials(replayed.metadata), essentials(full.metadata));
  assert.deepEqual(replayed.tombstones.map((t) => t.path), full.tombstones.map((t) => t.path));
});

test('time travel reads a version by number or by timestamp; instants before the table are refused', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 4);
  await new Promise((r) => setTimeout(r, 20));
  const between = new Date();
  await new Promise((r) => setTimeout(r, 20));
  await commitBatch(table, 4, 4);
  assert.equal((await readSnapshot(table, { version: 0 })).rows, 4);
  assert.equal((await readSnapshot(table, { timestamp: between })).version, 0);
  assert.equal((await readSnapshot(table, { timestamp: new Date() })).version, 1);
  await assert.rejects(readSnapshot(table, { timestamp: new Date('2000-01-01T00:00:00Z') }), /did not exist yet at 2000-01-01T00:00:00.000Z/);
  await assert.rejects(readSnapshot(table, { version: 7 }), new UserError(`${table} has no version 7: its versions run up to 1`));
});

test('history lists every commit newest first with operation, parameters and engine', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 2);
  await commitBatch(table, 2, 2, 'overwrite');
  await restoreVersion(table, 0, 'rollback-1');
  const history = readHistory(table);
  assert.deepEqual(history.map((h) => [h.version, h.operation, h.operationParameters['mode'] ?? h.operationParameters['version']]), [
    [2, 'RESTORE', '0'],
    [1, 'WRITE', 'Overwrite'],
    [0, 'CREATE TABLE AS SELECT', 'Append'],
  ]);
  assert.ok(history.every((h) => h.engineInfo === ENGINE_INFO));
  assert.deepEqual(history.map((h) => h.runId), ['rollback-1', 'run-2', 'run-0']);
});

test('restore is a commit that re-adds the old files and removes the current ones', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 3);
  const v0 = await readSnapshot(table);
  await commitBatch(table, 10, 2, 'overwrite');
  await commitBatch(table, 20, 2);
  const result = await restoreVersion(table, 0);
  assert.deepEqual(result, { version: 3, restoredVersion: 0, previousVersion: 2 });
  const kinds = logLines(table, 3).map((l) => Object.keys(l)[0]).sort();
  assert.deepEqual(kinds, ['add', 'commitInfo', 'remove', 'remove']);
  const now = await readSnapshot(table);
  assert.deepEqual(now.files, v0.files);
  assert.deepEqual((await rowsOf(now.files)).map((r) => Number(r['id'])), [0, 1, 2]);
  assert.equal((await restoreVersion(table, 3)).version, undefined);
});

test('vacuum removes files outside the last N versions and orphans, never the current files', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 3);
  await commitBatch(table, 10, 3, 'overwrite');
  await commitBatch(table, 20, 3, 'overwrite');
  const v0 = (await readSnapshot(table, { version: 0 })).files;
  const v1 = (await readSnapshot(table, { version: 1 })).files;
  const current = (await readSnapshot(table)).files;
  writeFileSync(join(table, 'part-00000-killed-writer.snappy.parquet'), 'half a file');

  const result = await vacuum(table, 2);
  assert.equal(result.oldestReadable, 1);
  assert.deepEqual([...result.removed].sort(), [...v0.map((f) => f.slice(table.length + 1)), 'part-00000-killed-writer.snappy.parquet'].sort());
  assert.ok([...v1, ...current].every((f) => existsSync(f)));
  assert.equal((await rowsOf((await readSnapshot(table, { version: 1 })).files)).length, 3);
  await assert.rejects(restoreVersion(table, 0), /version 0 cannot be restored, 1 of its files were removed by vacuum/);

  await vacuum(table, 1);
  assert.ok(current.every((f) => existsSync(f)));
  assert.ok(v1.every((f) => !existsSync(f)));
});

test('a different schema is refused unless allowed, and an allowed change commits a new metaData', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 3);
  const changed = [{ name: 'id', type: 'BIGINT' }, { name: 'label', type: 'VARCHAR' }];
  const select = `SELECT range::BIGINT AS id, 'x' AS label FROM range(2)`;
  await assert.rejects(commitBatch(table, 50, 2, 'overwrite', changed, select), (e: Error) => {
    assert.ok(e instanceof SchemaDriftError);
    assert.match(e.message, /columns differ from the current version v0/);
    assert.match(e.message, /\+ label string/);
    assert.match(e.message, /- amount decimal\(12,2\)/);
    return true;
  });
  assert.equal((await readSnapshot(table)).version, 0);

  const meta = (await replayLog(table)).metadata;
  const staging = join(table, '_staging', 'x');
  mkdirSync(staging, { recursive: true });
  await (await reader()).execute(`COPY (${select}) TO '${join(staging, 'd.parquet')}' (FORMAT parquet)`);
  const files = await moveIntoTable(staging, table);
  const result = await commitWrite(table, { files, columns: changed, mode: 'overwrite', allowSchemaChange: true });
  const lines = logLines(table, result.version).map((l) => Object.keys(l)[0]);
  assert.ok(lines.includes('metaData'));
  const after = await readSnapshot(table);
  assert.deepEqual(after.columns, [{ name: 'id', type: 'BIGINT' }, { name: 'label', type: 'VARCHAR' }]);
  assert.equal(after.state.metadata.id, meta.id);
});

test('a table asking for a newer reader or writer protocol is refused, not misread or corrupted', async () => {
  const table = tempDir();
  await commitBatch(table, 0, 2);
  commitExclusively(table, 1, [{ protocol: { minReaderVersion: 1, minWriterVersion: 7, writerFeatures: ['appendOnly', 'invariants'] } }]);
  await assert.rejects(commitBatch(table, 10, 2), new UserError(`${table} needs Delta writer version 7 (features: appendOnly, invariants); medallion writes version 2 tables only`));
  await assert.rejects(restoreVersion(table, 0), /needs Delta writer version 7/);
  assert.equal((await readSnapshot(table)).rows, 2);
  commitExclusively(table, 2, [{ protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['deletionVectors'], writerFeatures: ['deletionVectors'] } }]);
  await assert.rejects(readSnapshot(table), new UserError(`${table} needs Delta reader version 3 (features: deletionVectors); medallion reads version 1 tables`));
});
