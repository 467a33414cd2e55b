import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duckdbDialect } from '../../src/dialect/duckdb.js';
import { DuckDBEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { reader } from '../helpers.js';
import { EXPECTED, rulesQuery, TIMESTAMPS, timestampsQuery } from './input-rules-cases.js';

/** The input rules and the timestamp texts on DuckDB; on Spark, input-rules-spark.live.test.ts. */

test('the input rules on DuckDB', async () => {
  const rows = await (await reader()).query(rulesQuery(duckdbDialect));
  assert.deepEqual(rows.map((r) => [r['rule'], r['input'], r['result']]), EXPECTED);
});

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
