import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';
import { medallion } from '../project/scaffolded-project.js';

const LIVE = process.env['SPARK_REMOTE'] ? {} : { skip: 'live Spark diff test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start)' };
const SMALL = ['--scale', '0.02', '--as-of', '2026-03-01', '--quiet'];

test('live Spark: diff on Spark counts exactly what it counts on DuckDB, by key and by whole rows', LIVE, () => {
  const dir = tempDir();
  assert.equal(medallion(dir, 'run', 'data', '--data-dir', dir, ...SMALL, '--seed', '1', '--customers', '150').code, 0);
  assert.equal(medallion(dir, 'run', 'data', '--data-dir', dir, ...SMALL, '--seed', '2', '--customers', '170').code, 0);
  for (const dataset of ['silver/customers_enriched', 'gold/customer_analytics']) {
    const duck = medallion(dir, 'diff', 'data', dataset, '--data-dir', dir, '--format', 'json');
    const spark = medallion(dir, 'diff', 'data', dataset, '--data-dir', dir, '--format', 'json', '--engine', 'spark');
    assert.equal(spark.code, 0, spark.stderr);
    const counts = (out: string) => {
      const d = JSON.parse(out);
      return [d.from.rows, d.to.rows, d.added, d.removed, d.changed, d.unchanged, d.changedByColumn];
    };
    assert.deepEqual(counts(spark.stdout), counts(duck.stdout), dataset);
  }
});
