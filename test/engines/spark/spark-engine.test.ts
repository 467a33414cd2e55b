import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromArrays } from 'apache-arrow';
import { UserError } from '../../../src/model/errors.js';
import { sparkSessionSettings, settingsAsSql } from '../../../src/engines/spark/session-settings.js';
import { SparkEngine } from '../../../src/engines/spark/spark-engine.js';
import { sparkWriteStatements } from '../../../src/engines/spark/write-statements.js';
import { arrowResponse, COMPLETE, startFakeSparkServer } from './fake-spark-server.js';

function sqlOf(request: Record<string, unknown>): string {
  const plan = request['plan'] as { root?: { sql: { query: string } }; command?: { sql_command: { sql: string } } };
  return plan.root?.sql.query ?? plan.command?.sql_command.sql ?? '';
}

test('writing a dataset renders, without a server, the INSERT OVERWRITE DIRECTORY and the count', () => {
  const statements = SparkEngine.writeStatements("SELECT `a` FROM (SELECT 1 AS a) AS candidate\n", "/data/it's/silver/x/");
  assert.deepEqual(statements, {
    write: "INSERT OVERWRITE DIRECTORY 'file:///data/it\\'s/silver/x' USING parquet OPTIONS ('compression' = 'snappy')\nSELECT `a` FROM (SELECT 1 AS a) AS candidate",
    count: "SELECT count(*) AS n FROM parquet.`file:///data/it's/silver/x`",
  });
  assert.deepEqual(sparkWriteStatements('SELECT 1', 's3a://b/d'), SparkEngine.writeStatements('SELECT 1', 's3a://b/d'));
});

test('session settings: AQE on, coalescing, 20 shuffle partitions, UTC, ANSI, no identifier setting; overridable', () => {
  assert.deepEqual(sparkSessionSettings(), {
    'spark.sql.adaptive.enabled': 'true',
    'spark.sql.adaptive.coalescePartitions.enabled': 'true',
    'spark.sql.shuffle.partitions': '20',
    'spark.sql.session.timeZone': 'UTC',
    'spark.sql.ansi.enabled': 'true',
    'spark.sql.parquet.outputTimestampType': 'TIMESTAMP_MICROS',
  });
  const custom = sparkSessionSettings({ shufflePartitions: 200, settings: { 'spark.sql.ansi.enabled': 'true' } });
  assert.equal(custom['spark.sql.shuffle.partitions'], '200');
  assert.equal(custom['spark.sql.ansi.enabled'], 'true');
  assert.deepEqual(settingsAsSql({ a: '1' }), ['SET a=1']);
  assert.throws(() => sparkSessionSettings({ shufflePartitions: 0 }), UserError);
});

test('create applies the session settings through Config; the engine writes, counts, describes, explains and queries', async (t) => {
  const server = await startFakeSparkServer({
    ExecutePlan: (request) =>
      sqlOf(request).startsWith('SELECT count(*)')
        ? [arrowResponse(tableFromArrays({ n: BigInt64Array.from([1234n]) }), 'r1'), COMPLETE]
        : sqlOf(request).startsWith('SELECT')
          ? [arrowResponse(tableFromArrays({ city: ['Austin'], n: BigInt64Array.from([3n]) }), 'r1'), COMPLETE]
          : [COMPLETE],
    AnalyzePlan: (request) => {
      if (request['schema']) {
        return {
          schema: {
            schema: {
              struct: {
                fields: [
                  { name: 'customer_id', data_type: { integer: {} } },
                  { name: 'amount', data_type: { decimal: { precision: 12, scale: 2 } } },
                  { name: 'signup_date', data_type: { date: {} } },
                  { name: 'tags', data_type: { array: { element_type: { string: {} } } } },
                ],
              },
            },
          },
        };
      }
      if (request['explain']) return { explain: { explain_string: '== Physical Plan ==\n*(2) BroadcastHashJoin' } };
      return { spark_version: { version: '4.0.1' } };
    },
  });
  t.after(() => server.stop());

  const engine = await SparkEngine.create({ remote: server.remote, shufflePartitions: 8 });
  t.after(() => engine.close());
  const [config] = server.callsOf('Config');
  const pairs = (config?.request['operation'] as { set: { pairs: Array<{ key: string; value: string }> } }).set.pairs;
  assert.deepEqual(Object.fromEntries(pairs.map((p) => [p.key, p.value])), sparkSessionSettings({ shufflePartitions: 8 }));

  assert.equal(engine.name, 'spark');
  assert.equal(engine.dialect.name, 'spark');
  assert.equal(engine.concurrency, 4);
  assert.equal(await engine.version(), 'Spark 4.0.1');
  assert.equal(await engine.writeParquet('SELECT 1 AS a', '/data/gold/x'), 1234);
  const sent = server.callsOf('ExecutePlan').map((c) => sqlOf(c.request));
  assert.deepEqual(sent, [SparkEngine.writeStatements('SELECT 1 AS a', '/data/gold/x').write, SparkEngine.writeStatements('SELECT 1 AS a', '/data/gold/x').count]);
  const [insert] = server.callsOf('ExecutePlan');
  assert.ok((insert?.request['plan'] as { command?: unknown }).command, 'the write runs as a command');

  assert.deepEqual(await engine.describe('SELECT * FROM t'), [
    { name: 'customer_id', type: 'int' },
    { name: 'amount', type: 'decimal(12,2)' },
    { name: 'signup_date', type: 'date' },
    { name: 'tags', type: 'array<string>' },
  ]);
  assert.match(await engine.explain('SELECT 1'), /BroadcastHashJoin/);
  assert.deepEqual(await engine.query('SELECT city, n FROM t'), [{ city: 'Austin', n: 3 }]);
  await engine.execute('CREATE TEMPORARY VIEW v AS SELECT 1');
  assert.equal(sqlOf(server.callsOf('ExecutePlan').at(-1)!.request), 'CREATE TEMPORARY VIEW v AS SELECT 1');
});

test('the remote comes from SPARK_REMOTE when not given, and its absence is a UserError saying what to do', async (t) => {
  await assert.rejects(SparkEngine.create({ env: {} }), (e: unknown) => e instanceof UserError && /pass --remote sc:\/\/host:15002 or set SPARK_REMOTE/.test(e.message));
  await assert.rejects(SparkEngine.create({ env: { SPARK_REMOTE: 'spark:15002' } }), (e: unknown) => e instanceof UserError && e.message.startsWith("SPARK_REMOTE 'spark:15002'"));
  await assert.rejects(SparkEngine.create({ remote: 'sc://h:x' }), (e: unknown) => e instanceof UserError && e.message.startsWith("--remote 'sc://h:x'"));

  const server = await startFakeSparkServer();
  t.after(() => server.stop());
  const engine = await SparkEngine.create({ env: { SPARK_REMOTE: server.remote } });
  await engine.close();
  assert.equal(server.callsOf('Config').length, 1);
});

test('create fails with the reason when the server cannot be reached, and leaves nothing open', async () => {
  await assert.rejects(
    SparkEngine.create({ remote: 'sc://127.0.0.1:1', retry: { maxAttempts: 1 } }),
    (e: unknown) => e instanceof UserError && /Cannot reach the Spark Connect server at sc:\/\/127\.0\.0\.1:1 \(connection refused\)/.test(e.message),
  );
});
