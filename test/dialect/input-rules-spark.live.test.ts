import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { sparkDialect } from '../../src/dialect/spark.js';
import { SparkEngine } from '../../src/engines/spark/spark-engine.js';
import { projectPython, runPython } from '../report/python-env.js';
import { EXPECTED, rulesQuery, TIMESTAMPS, timestampsQuery } from './input-rules-cases.js';

/** The input rules and the timestamp texts give DuckDB's answers on a real Spark. */

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
