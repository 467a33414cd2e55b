import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';
import { medallion } from '../project/scaffolded-project.js';

const LIVE = process.env['SPARK_REMOTE'] ? {} : { skip: 'live Spark unit-test run skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start)' };

test('live Spark: the built-in pipelines pass their unit tests on Spark, the same ones as on DuckDB', LIVE, () => {
  const duck = medallion(tempDir(), 'test');
  const spark = medallion(tempDir(), 'test', '--engine', 'spark');
  assert.equal(spark.code, 0, spark.stdout + spark.stderr);
  const body = (out: string) => out.trim().split('\n').slice(0, -1);
  assert.equal(body(spark.stdout).length, 13);
  assert.deepEqual(body(spark.stdout), body(duck.stdout));
  assert.match(spark.stdout, /\n13 tests of 9 datasets on spark in \d+ ms: 13 passed, 0 failed\n$/);
});
