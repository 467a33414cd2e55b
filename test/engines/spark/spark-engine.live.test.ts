import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sparkDialect as d } from '../../../src/dialect/spark.js';
import { SparkEngine } from '../../../src/engines/spark/spark-engine.js';
import { EDGE_CASES } from '../../dialect/edge-values.js';
import { tempDir } from '../../helpers.js';
import { LocalDatasetStore } from '../../../src/storage/formats/parquet-versions/local-dataset-store.js';
import { publishIds } from '../../storage/fixtures.js';

/**
 * Against a real Spark Connect server, only when SPARK_REMOTE names one. The dialect checks
 * mirror the DuckDB dialect test, so each member is proven on both engines.
 * SPARK_TEST_DIR (default /tmp) must be a directory the cluster can write.
 */
const remote = process.env['SPARK_REMOTE'];
const skip = remote ? false : 'Spark tests skipped: SPARK_REMOTE is not set';
if (!remote) console.log(skip);

let engine: SparkEngine | undefined;
before(async () => {
  if (remote) engine = await SparkEngine.create({ remote, remoteSource: 'SPARK_REMOTE' });
});
after(async () => {
  await engine?.close();
});

async function value(expr: string): Promise<unknown> {
  const [row] = await engine!.query(`SELECT ${expr} AS v`);
  return row?.['v'];
}

test('live Spark: version and a query round trip', { skip }, async () => {
  assert.match(await engine!.version(), /^Spark [34]\.\d+/);
  assert.deepEqual(await engine!.query("SELECT 1 AS one, 'x' AS s, CAST(NULL AS INT) AS n"), [{ one: 1, s: 'x', n: null }]);
  // Identifiers go through the dialect (backticks), so no session setting is needed to read a column by its quoted name.
  assert.deepEqual(await engine!.query(`SELECT ${d.identifier('one')} FROM (SELECT 1 AS one) AS t`), [{ one: 1 }]);
  // Without spark.sql.ansi.doubleQuotedIdentifiers, "one" is a string: the reason no SQL of ours may double-quote a name.
  assert.deepEqual(await engine!.query('SELECT "one" AS v FROM (SELECT 1 AS one) AS t'), [{ v: 'one' }]);
  assert.equal((await engine!.query("SELECT 1 AS one"))[0]?.['one'], 1);
});

test('live Spark: the dialect members evaluate as on DuckDB', { skip }, async () => {
  const rows = await engine!.query(`SELECT id FROM ${d.range(4)} AS r ORDER BY id`);
  assert.deepEqual(rows.map((r) => r['id']), [0, 1, 2, 3]);
  assert.equal(await value(d.xor('12', '10')), 6);
  assert.equal(await value(d.shiftRight('1024', 3)), 128);
  assert.equal(await value(d.pick(['a', 'b', "c'd"], 'CAST(2 AS BIGINT)')), "c'd");
  const ts = d.timestampFromEpoch('1767225600');
  assert.equal(await value(d.isoTimestampText(ts)), '2026-01-01T00:00:00');
  assert.equal(await value(d.isoDateText(ts)), '2026-01-01');
  assert.equal(await value(d.epochSeconds(ts)), 1767225600);
  assert.equal(await value(`${d.tryParseTimestamp("'2026-01-01T10:20:30'")} IS NOT NULL`), true);
  assert.equal(await value(`${d.tryParseTimestamp("'yesterday'")} IS NULL`), true);
  assert.equal(await value(`${d.tryParseTimestamp("'2026'")} IS NULL`), true);
  assert.equal(await value(`${d.tryParseDate("'2026-02-30'")} IS NULL`), true);
  assert.equal(await value(d.tryCast("'12.5'", 'DOUBLE')), 12.5);
  assert.equal(await value(d.tryCast("'abc'", 'INTEGER')), null);
  assert.equal(await value(d.fullMatch("'123'", '-?[0-9]+')), true);
  assert.equal(await value(d.fullMatch("'12a'", '-?[0-9]+')), false);
  assert.equal(await value(d.isJson(`'{"a": 1}'`)), true);
  assert.equal(await value(d.isJson(`'{"a": 1'`)), false);
  assert.equal(await value(d.isJson(`'event=login'`)), false);
  // The keys of any text, NULL unless an object; validity read from them answers as the text's own check.
  for (const text of ['{"a": 1, "a": 2}', '{"a": 1', '[1, 2]', '42', '"s"', 'event=login', '', '{}']) {
    const keys = await value(d.objectKeysOrNull!(d.quote(text)));
    assert.deepEqual(keys, text === '{"a": 1, "a": 2}' ? ['a', 'a'] : text === '{}' ? [] : null, text);
    const [shared] = await engine!.query(`SELECT ${d.isJson('t', 'k')} AS v FROM (SELECT ${d.quote(text)} AS t, ${d.objectKeysOrNull!(d.quote(text))} AS k) AS keyed`);
    assert.equal(shared?.['v'], await value(d.isJson(d.quote(text))), text);
  }
  assert.deepEqual(await value(d.jsonFields(`'{"user_id": 12, "event": "view", "amount": 3.5}'`, ['user_id', 'event', 'amount', 'page'])), {
    user_id: '12',
    event: 'view',
    amount: '3.5',
    page: null,
  });
  const words = await engine!.query(`SELECT ${d.explodeSplit("'red bike helmet'", ' ')} AS w`);
  assert.deepEqual(words.map((r) => r['w']), ['red', 'bike', 'helmet']);
  assert.equal(await value(d.quote("it's \\ fine")), "it's \\ fine");
  assert.match(typeof (await value(d.hash64("'x'"))), /^(number|bigint)$/);
});

test('live Spark: edge values of parsing and concat give the answers DuckDB gives', { skip }, async () => {
  for (const edge of EDGE_CASES) {
    assert.equal(await value(edge.expr(d)), edge.expected, edge.name);
  }
});

test('live Spark: writeParquet writes a directory that readParquet reads back', { skip }, async () => {
  const dir = `${(process.env['SPARK_TEST_DIR'] ?? '/tmp').replace(/\/+$/, '')}/medallion-spark-test-${randomUUID()}`;
  const rows = await engine!.writeParquet(`SELECT id, CAST(id * 2 AS INT) AS twice FROM ${d.range(10)} AS r`, dir);
  assert.equal(rows, 10);
  assert.deepEqual(await engine!.describe(`SELECT * FROM ${d.readParquet(dir)} AS t`), [
    { name: 'id', type: 'bigint' },
    { name: 'twice', type: 'int' },
  ]);
  const [sum] = await engine!.query(`SELECT sum(twice) AS s FROM ${d.readParquet(dir)} AS t`);
  assert.equal(sum?.['s'], 90);
  assert.match(await engine!.explain(`SELECT * FROM ${d.readParquet(dir)} AS t`), /Physical Plan|FileScan|Scan parquet/i);
});

test('live Spark: a read the store gives is pinned to the version current then, so a publish before Spark opens the files cannot mix versions', { skip }, async () => {
  const store = new LocalDatasetStore(tempDir());
  await publishIds(store, engine!, 'gold.numbers', '20260101T000000Z-000001', 5);
  const statement = `SELECT count(*) AS n FROM ${await store.relation('gold.numbers', engine!.dialect)} AS t`;
  // A publish between the planning of a read and its execution.
  await publishIds(store, engine!, 'gold.numbers', '20260101T000000Z-000002', 7);
  assert.deepEqual(await engine!.query(statement), [{ n: 5 }]);
  assert.deepEqual(await engine!.query(`SELECT count(*) AS n FROM ${await store.relation('gold.numbers', engine!.dialect)} AS t`), [{ n: 7 }]);
});
