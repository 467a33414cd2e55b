import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { UserError } from '../../../src/model/errors.js';
import { parseConnectionString } from '../../../src/engines/spark/connection-string.js';
import { SparkConnectClient } from '../../../src/engines/spark/spark-connect-client.js';
import { SparkEngine } from '../../../src/engines/spark/spark-engine.js';
import { DuckDBEngine } from '../../../src/engines/duckdb/duckdb-engine.js';
import { DataPipelineConfig, runPipeline } from '../../../src/index.js';
import { accounting } from '../../contract/compare-runs.js';
import { memoryLogger, tempDir } from '../../helpers.js';
import { ownServerSkip, startSparkServer, stopSparkServer } from './local-spark-server.js';

/**
 * The client against real servers started for these tests: one that ends result streams after
 * 200 ms and whose default file system is HDFS, one with Spark 4's token authentication; and
 * session sharing on the main server.
 */
const skip = ownServerSkip();
const SHORT_STREAMS = 'test-short-streams';
const WITH_TOKEN = 'test-token';
const TOKEN = 'medallion-test-token-4f1c';
let shortStreams = '';
let withToken = '';

before(() => {
  if (skip) return;
  // Without progress reports (Spark 4 sends one every 2 s), as on Spark 3.5: the streams end empty.
  // Its default file system is HDFS (at an address where nothing listens), as on many clusters:
  // a bare local path would be looked for there.
  shortStreams = startSparkServer(SHORT_STREAMS, [
    '--conf',
    'spark.connect.execute.reattachable.senderMaxStreamDuration=200ms',
    '--conf',
    'spark.connect.progress.reportInterval=-1s',
    '--conf',
    'spark.hadoop.fs.defaultFS=hdfs://127.0.0.1:1/',
  ]);
  withToken = startSparkServer(WITH_TOKEN, ['--token', TOKEN]);
});
after(() => {
  if (skip) return;
  stopSparkServer(SHORT_STREAMS);
  stopSparkServer(WITH_TOKEN);
});

/** A statement that runs about `seconds` on the server and returns one row. */
const sleeping = (seconds: number) => `SELECT reflect('java.lang.Thread', 'sleep', CAST(${seconds * 1000} AS BIGINT)) AS slept, 7 AS n`;

test('live Spark: a statement outlasting many 200 ms result streams is reattached until it completes', { skip }, async () => {
  const client = new SparkConnectClient(parseConnectionString(shortStreams));
  try {
    // About 6 s of work: the server ends streams of 200 ms without a response many times in a row.
    assert.deepEqual(await client.query(sleeping(6)), [{ slept: 'null', n: 7 }]);
    // The session is still good afterwards.
    assert.deepEqual(await client.query('SELECT 1 AS one'), [{ one: 1 }]);
  } finally {
    await client.close();
  }
});

test('live Spark: a whole pipeline runs on a cluster whose default file system is HDFS: local data dirs travel as file:// URIs', { skip }, async () => {
  const engine = await SparkEngine.create({ remote: shortStreams });
  const duck = await DuckDBEngine.create();
  try {
    const sizes = { customers: 60, transactions: 300, products: 12, seed: 5, asOf: '2026-03-01' };
    const onSpark = await runPipeline(new DataPipelineConfig({ dataDir: tempDir(), ...sizes }), { engine, logger: memoryLogger().logger });
    assert.equal(onSpark.outcome, 'succeeded', onSpark.error?.message);
    const onDuck = await runPipeline(new DataPipelineConfig({ dataDir: tempDir(), ...sizes }), { engine: duck, logger: memoryLogger().logger });
    assert.deepEqual(accounting(onSpark), accounting(onDuck));
    assert.equal(onSpark.datasets.find((d) => d.name === 'bronze.transactions')!.rows, 300);
  } finally {
    await engine.close();
    await duck.close();
  }
});

test('live Spark: the statement timeout interrupts a statement that runs too long, with a one-line message', { skip }, async () => {
  const client = new SparkConnectClient(parseConnectionString(shortStreams), { statementTimeoutMs: 2500 });
  try {
    const started = performance.now();
    await assert.rejects(client.query(sleeping(30)), /^EngineError: a Spark statement ran longer than the statement timeout of 2\.5 s and was interrupted \(server sc:\/\/127\.0\.0\.1:\d+\)$/);
    assert.ok(performance.now() - started < 20_000, 'it did not wait for the statement');
    assert.deepEqual(await client.query('SELECT 2 AS two'), [{ two: 2 }]);
  } finally {
    await client.close();
  }
});

test('live Spark: closing a client that joined a session with session_id= leaves the session to its owner', { skip }, async () => {
  const owner = new SparkConnectClient(parseConnectionString(process.env['SPARK_REMOTE']!));
  try {
    await owner.setConfig({ 'spark.sql.shuffle.partitions': '7' });
    const joined = new SparkConnectClient(parseConnectionString(`${process.env['SPARK_REMOTE']!.split('/;')[0]}/;session_id=${owner.sessionId}`));
    assert.deepEqual(await joined.getConfig(['spark.sql.shuffle.partitions']), { 'spark.sql.shuffle.partitions': '7' }, 'the same session');
    await joined.close();
    // Had the joiner released it, Spark would refuse this session id for good.
    assert.deepEqual(await owner.query('SELECT 3 AS three'), [{ three: 3 }]);
  } finally {
    await owner.close();
  }
});

test("live Spark: Spark 4's token authentication is reached without TLS, with the token from the string or from SPARK_CONNECT_AUTHENTICATE_TOKEN", { skip }, async () => {
  assert.match(withToken, /^sc:\/\/localhost:\d+\/;token=/);
  const engine = await SparkEngine.create({ remote: withToken, env: {} });
  try {
    assert.match(await engine.version(), /^Spark 4\./);
  } finally {
    await engine.close();
  }
  const bare = withToken.split('/;')[0]!;
  const fromEnv = await SparkEngine.create({ remote: bare, env: { SPARK_CONNECT_AUTHENTICATE_TOKEN: TOKEN } });
  try {
    assert.deepEqual(await fromEnv.query('SELECT 4 AS four'), [{ four: 4 }]);
  } finally {
    await fromEnv.close();
  }
  for (const [remote, env] of [
    [bare, {}],
    [`${bare}/;token=wrong-token-value`, {}],
  ] as const) {
    const refused = await SparkEngine.create({ remote, env, retry: { maxAttempts: 1 } }).then(
      async (e) => {
        await e.close();
        return assert.fail(`${remote} was accepted`);
      },
      (error: unknown) => error,
    );
    assert.ok(refused instanceof UserError, String(refused));
    assert.match(refused.message, /refused the request \((UNAUTHENTICATED|PERMISSION_DENIED)\).*Check the token/);
    assert.doesNotMatch(refused.message, /wrong-token-value|medallion-test-token/);
  }
});
