import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { duckdbDialect } from '../../src/dialect/duckdb.js';
import { sparkDialect } from '../../src/dialect/spark.js';
import type { Dialect } from '../../src/dialect/dialect.js';
import { DuckDBEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { SparkEngine } from '../../src/engines/spark/spark-engine.js';
import { reader } from '../helpers.js';
import { projectPython, runPython } from '../report/python-env.js';

/**
 * The rules a user's values are checked by (integers, finite numbers, repeated JSON keys, line
 * lengths) give the same answers on DuckDB and on a real Spark (PySpark's local mode, ANSI on).
 */

const INTEGER_TEXTS = ['42', '42.0', '3.00', ' 7 ', '+3', '-7', '70.5', '3.7', '1e3', 'abc', '', '99999999999'];
const DOUBLE_TEXTS = ['1e400', 'inf', 'Infinity', 'NaN', '25.5', '-0.0', 'lots'];
const OBJECTS = ['{"a":1,"b":2,"a":3}', '{"a":1,"b":{"a":2}}', '{"user_id":2,"event":"view","user_id":3}', '{"x":1}'];
const TEXTS = ['é', 'abc', ''];

/** One query of every rule over every value, in a fixed order, through `d`. */
function rulesQuery(d: Dialect): string {
  const rows = [
    ...INTEGER_TEXTS.map((t) => `SELECT 'integer' AS rule, ${d.quote(t)} AS input, CAST(${d.tryInteger(d.quote(t), 'INTEGER')} AS ${d.textType}) AS result`),
    ...INTEGER_TEXTS.map((t) => `SELECT 'bigint', ${d.quote(t)}, CAST(${d.tryInteger(d.quote(t), 'BIGINT')} AS ${d.textType})`),
    ...DOUBLE_TEXTS.map((t) => `SELECT 'finite', ${d.quote(t)}, CAST(${d.tryFiniteDouble(d.quote(t))} IS NOT NULL AS ${d.textType})`),
    ...OBJECTS.map((t) => `SELECT 'repeated', ${d.quote(t)}, ${d.firstRepeated(d.jsonKeys(d.quote(t)))}`),
    ...TEXTS.map((t) => `SELECT 'bytes', ${d.quote(t)}, CAST(${d.byteLength(d.quote(t))} AS ${d.textType})`),
  ];
  return rows.join('\nUNION ALL\n');
}

const EXPECTED = [
  ...['42', '42', '3', '7', '3', '-7', null, null, null, null, null, null].map((r, i) => ['integer', INTEGER_TEXTS[i], r]),
  ...['42', '42', '3', '7', '3', '-7', null, null, null, null, null, '99999999999'].map((r, i) => ['bigint', INTEGER_TEXTS[i], r]),
  ...['false', 'false', 'false', 'false', 'true', 'true', 'false'].map((r, i) => ['finite', DOUBLE_TEXTS[i], r]),
  ...['a', null, 'user_id', null].map((r, i) => ['repeated', OBJECTS[i], r]),
  ...['2', '3', '0'].map((r, i) => ['bytes', TEXTS[i], r]),
];

test('the input rules on DuckDB', async () => {
  const rows = await (await reader()).query(rulesQuery(duckdbDialect));
  assert.deepEqual(rows.map((r) => [r['rule'], r['input'], r['result']]), EXPECTED);
});

const SPARK_SCRIPT = `
import json, sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").config("spark.sql.ansi.enabled", "true").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
rows = spark.sql(sys.argv[1]).collect()
spark.stop()
print(json.dumps([[r[0], r[1], r[2]] for r in rows]))
`;

function sparkUnavailable(): string | undefined {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.status !== 0) return 'java is not installed, so PySpark cannot start a local Spark';
  const { python, reason } = projectPython();
  if (!python) return reason;
  const pyspark = spawnSync(python, ['-c', 'import pyspark'], { encoding: 'utf8' });
  return pyspark.status === 0 ? undefined : 'pyspark is not installed in the project Python';
}

test('the input rules on a real Spark give the same answers (PySpark local mode, ANSI)', (t) => {
  const why = sparkUnavailable();
  if (why) return t.skip(`skipped: ${why}`);
  const rows = runPython<unknown[][]>(projectPython().python!, SPARK_SCRIPT, [rulesQuery(sparkDialect)]);
  assert.deepEqual(rows, EXPECTED);
});

/**
 * Timestamps as texts give the same instants on DuckDB and on a live Spark (Spark Connect, the
 * session in UTC as the engine sets it): ISO-8601 with `Z` or an offset is the instant in UTC;
 * what is not an ISO-8601 timestamp is NULL on both.
 */
const TIMESTAMPS: ReadonlyArray<readonly [string, string | null]> = [
  ['2026-10-30T10:00:00', '2026-10-30 10:00:00'],
  ['2026-10-30 10:00', '2026-10-30 10:00:00'],
  ['2026-10-30', '2026-10-30 00:00:00'],
  ['2026-10-30T10:00:00Z', '2026-10-30 10:00:00'],
  ['2026-10-30T10:00:00.123456Z', '2026-10-30 10:00:00.123456'],
  ['2026-10-30T10:00:00+02:00', '2026-10-30 08:00:00'],
  ['2026-10-30T10:00:00+0200', '2026-10-30 08:00:00'],
  ['2026-10-30T10:00:00+02', '2026-10-30 08:00:00'],
  ['2026-10-30 10:00:00.5-05:30', '2026-10-30 15:30:00.5'],
  ['2026-12-31T23:30:00-01:00', '2027-01-01 00:30:00'],
  ['2026-10-30T10:00:00-00:00', '2026-10-30 10:00:00'],
  ['2026-10-30T10:00:00+14:00', '2026-10-29 20:00:00'],
  ['2026-10-30T10:00Z', null],
  ['2026-10-30T10:00:00z', null],
  ['2026-10-30T10:00:00 +02:00', null],
  ['2026-10-30T10:00:00+2:00', null],
  ['2026-10-30T10:00:00+02:60', null],
  ['2026-10-30T10:00:00+15:00', null],
  ['2026-10-30T10:00:00+02:00:00', null],
  ['2026-10-30T10:00:00UTC', null],
  ['2026-10-30T10:00:00 Europe/Paris', null],
  ['2026-10-30Z', null],
  ['2026-02-30T10:00:00+01:00', null],
  ['2026-10-30T25:00:00Z', null],
  ['2026', null],
  ['yesterday', null],
];

function timestampsQuery(d: Dialect): string {
  return TIMESTAMPS.map(([t]) => `SELECT ${d.quote(t)} AS input, CAST(${d.tryParseTimestamp(d.quote(t))} AS ${d.textType}) AS result`).join('\nUNION ALL\n');
}

test('timestamps with Z or an offset are their instant in UTC on DuckDB, whatever its session time zone', async () => {
  const engine = await DuckDBEngine.create({ threads: 1 });
  try {
    // A session far from UTC: what is stored must not depend on it.
    await engine.execute("SET TimeZone = 'Asia/Tokyo'");
    const rows = await engine.query(timestampsQuery(duckdbDialect));
    assert.deepEqual(rows.map((r) => [r['input'], r['result']]), TIMESTAMPS);
  } finally {
    await engine.close();
  }
});

const remote = process.env['SPARK_REMOTE'];
test('timestamps with Z or an offset give the same instants on a live Spark', { skip: remote ? false : 'live Spark test skipped: SPARK_REMOTE is not set' }, async () => {
  const spark = await SparkEngine.create({ remote: remote!, remoteSource: 'SPARK_REMOTE' });
  try {
    const rows = await spark.query(timestampsQuery(sparkDialect));
    assert.deepEqual(rows.map((r) => [r['input'], r['result']]), TIMESTAMPS);
  } finally {
    await spark.close();
  }
});
