import assert from 'node:assert/strict';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { tableFromArrays } from 'apache-arrow';
import { UserError } from '../../../src/model/errors.js';
import { parseConnectionString } from '../../../src/engines/spark/connection-string.js';
import type { RetryEvent } from '../../../src/engines/spark/retry-policy.js';
import { SparkConnectClient } from '../../../src/engines/spark/spark-connect-client.js';
import { SparkError } from '../../../src/engines/spark/spark-error.js';
import { arrowResponse, closedPort, COMPLETE, Failure, startFakeSparkServer } from './fake-spark-server.js';

const TOKEN = 'sekrit-token-4242';
const FAST = { initialDelayMs: 5, multiplier: 2, maxDelayMs: 1000, jitter: 0 };

function clientFor(remote: string, options: ConstructorParameters<typeof SparkConnectClient>[1] = {}): SparkConnectClient {
  return new SparkConnectClient(parseConnectionString(remote), options);
}

/** Everything a failure could show a person: message, stack, and any own properties. */
function everythingShown(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack}\n${JSON.stringify(error)}` : String(error);
}

test('query collects the Arrow batches of several responses into rows', async (t) => {
  const server = await startFakeSparkServer({
    ExecutePlan: () => [
      arrowResponse(tableFromArrays({ id: Int32Array.from([1, 2]), name: ['a', 'b'] }), 'r1'),
      arrowResponse(tableFromArrays({ id: Int32Array.from([3]), name: ['c'] }), 'r2'),
      COMPLETE,
    ],
  });
  t.after(() => server.stop());
  const client = clientFor(server.remote);
  t.after(() => client.close());

  const rows = await client.query('SELECT id, name FROM t');
  assert.deepEqual(rows, [
    { id: 1, name: 'a' },
    { id: 2, name: 'b' },
    { id: 3, name: 'c' },
  ]);
  const [execute] = server.callsOf('ExecutePlan');
  assert.deepEqual(execute?.request['plan'], { root: { sql: { query: 'SELECT id, name FROM t' }, rel_type: 'sql' }, op_type: 'root' });
});

test('every request carries the session id, user context and client type; the token travels only as a bearer header', async (t) => {
  const server = await startFakeSparkServer({ ExecutePlan: () => [COMPLETE] });
  t.after(() => server.stop());
  const client = clientFor(`${server.remote}/;token=${TOKEN};use_ssl=false;user_id=alice;x-team=data`);
  t.after(() => client.close());

  await client.query('SELECT 1');
  await client.sparkVersion();
  for (const call of server.calls) {
    assert.equal(call.metadata['authorization'], `Bearer ${TOKEN}`, call.rpc);
    assert.equal(call.metadata['x-team'], 'data');
    assert.equal(call.request['session_id'], client.sessionId);
    assert.deepEqual(call.request['user_context'], { user_id: 'alice', user_name: 'alice' });
    assert.match(String(call.request['client_type']), /^medallion\//);
    assert.ok(!call.raw.toString('latin1').includes(TOKEN), `${call.rpc} must not carry the token in its body`);
  }
  assert.match(client.sessionId, /^[0-9a-f-]{36}$/);
  // Once the server has named its session, later requests echo it back.
  assert.equal(server.calls.at(-1)?.request['client_observed_server_side_session_id'], 'server-session-1');
});

test('each client has its own session id', () => {
  const remote = parseConnectionString('sc://localhost');
  assert.notEqual(new SparkConnectClient(remote).sessionId, new SparkConnectClient(remote).sessionId);
  const joined = parseConnectionString('sc://localhost/;session_id=0f8fad5b-d9cb-469f-a165-70867728950e');
  assert.equal(new SparkConnectClient(joined).sessionId, '0f8fad5b-d9cb-469f-a165-70867728950e');
});

test('a Spark error status shows Spark\'s message, not a gRPC dump, and never the token', async (t) => {
  const message =
    '[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found. Verify the spelling. SQLSTATE: 42P01; line 1 pos 14';
  const server = await startFakeSparkServer({
    ExecutePlan: (_req, call) => [new Failure(status.INTERNAL, `${message} (auth was ${call.metadata['authorization']})`)],
  });
  t.after(() => server.stop());
  const client = clientFor(`${server.remote}/;token=${TOKEN};use_ssl=false`);
  t.after(() => client.close());

  const error = await client.query('SELECT * FROM nope').then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SparkError);
  assert.equal(error.message, `${message} (auth was Bearer ***)`);
  assert.equal(error.errorClass, 'TABLE_OR_VIEW_NOT_FOUND');
  assert.equal(error.sqlState, '42P01');
  assert.doesNotMatch(error.message, /INTERNAL|grpc|13 /i);
  assert.ok(!everythingShown(error).includes(TOKEN));
  assert.equal(server.callsOf('ExecutePlan').length, 1, 'Spark errors are final: no retry');
});

test('a JVM stack trace after Spark\'s message is cut off', async (t) => {
  const server = await startFakeSparkServer({
    ExecutePlan: () => [new Failure(status.UNKNOWN, '[DIVIDE_BY_ZERO] Division by zero.\n\tat org.apache.spark.sql.errors.X(X.scala:1)\n\tat y.Z(Z.java:2)')],
  });
  t.after(() => server.stop());
  const client = clientFor(server.remote);
  t.after(() => client.close());
  await assert.rejects(client.query('SELECT 1/0'), (e: unknown) => e instanceof SparkError && e.message === '[DIVIDE_BY_ZERO] Division by zero.');
});

test('UNAVAILABLE is retried with exponential backoff until the server answers', async (t) => {
  let failuresLeft = 3;
  const server = await startFakeSparkServer({
    ExecutePlan: () =>
      failuresLeft-- > 0
        ? [new Failure(status.UNAVAILABLE, 'server warming up')]
        : [arrowResponse(tableFromArrays({ n: Int32Array.from([7]) }), 'r1'), COMPLETE],
  });
  t.after(() => server.stop());
  const retries: RetryEvent[] = [];
  const client = clientFor(`${server.remote}/;token=${TOKEN};use_ssl=false`, {
    retry: { ...FAST, maxAttempts: 5 },
    onRetry: (e) => retries.push(e),
  });
  t.after(() => client.close());

  assert.deepEqual(await client.query('SELECT 7 AS n'), [{ n: 7 }]);
  assert.equal(server.callsOf('ExecutePlan').length, 4);
  assert.deepEqual(
    retries.map((r) => [r.rpc, r.attempt, r.delayMs, r.code]),
    [
      ['ExecutePlan', 1, 5, status.UNAVAILABLE],
      ['ExecutePlan', 2, 10, status.UNAVAILABLE],
      ['ExecutePlan', 3, 20, status.UNAVAILABLE],
    ],
  );
  // Retries of one operation keep its id, so the server can tell a repeat from a new query.
  const ids = new Set(server.callsOf('ExecutePlan').map((c) => c.request['operation_id']));
  assert.equal(ids.size, 1);
  assert.ok(retries.every((r) => !r.reason.includes(TOKEN)));
});

test('unary calls are retried too, and give up after maxAttempts with a message naming the server', async (t) => {
  const server = await startFakeSparkServer({ AnalyzePlan: () => new Failure(status.UNAVAILABLE, 'overloaded') });
  t.after(() => server.stop());
  const client = clientFor(`${server.remote}/;token=${TOKEN};use_ssl=false`, { retry: { ...FAST, maxAttempts: 3 } });
  t.after(() => client.close());

  const error = await client.sparkVersion().then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof UserError);
  assert.match(error.message, new RegExp(`Cannot reach the Spark Connect server at sc://localhost:${server.port} after 3 attempts \\(overloaded\\)`));
  assert.match(error.message, /scripts\/spark-server\.sh start/);
  assert.ok(!everythingShown(error).includes(TOKEN));
  assert.equal(server.callsOf('AnalyzePlan').length, 3);
});

test('an unreachable server is a UserError saying the connection was refused, and the token is not printed', async () => {
  const port = await closedPort();
  const retries: RetryEvent[] = [];
  const client = clientFor(`sc://localhost:${port}/;token=${TOKEN};use_ssl=false`, {
    retry: { ...FAST, maxAttempts: 2 },
    onRetry: (e) => retries.push(e),
  });
  try {
    const error = await client.query('SELECT 1').then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof UserError);
    assert.equal(
      error.message,
      `Cannot reach the Spark Connect server at sc://localhost:${port} after 2 attempts (connection refused). ` +
        'Start the server (scripts/spark-server.sh start in a clone of medallion, or see docs/guides/spark.md) or fix --remote / SPARK_REMOTE.',
    );
    assert.equal(retries.length, 1);
    assert.ok(!everythingShown(error).includes(TOKEN));
  } finally {
    await client.close();
  }
});

test('a refused token is a UserError pointing at the connection string', async (t) => {
  const server = await startFakeSparkServer({
    Config: (_req, call) =>
      call.metadata['authorization'] === 'Bearer right' ? {} : new Failure(status.UNAUTHENTICATED, 'invalid bearer token'),
  });
  t.after(() => server.stop());
  const client = clientFor(`${server.remote}/;token=${TOKEN};use_ssl=false`);
  t.after(() => client.close());
  await assert.rejects(
    client.setConfig({ 'spark.sql.shuffle.partitions': '20' }),
    (e: unknown) =>
      e instanceof UserError &&
      /refused the request \(UNAUTHENTICATED\): invalid bearer token\. Check the token=/.test(e.message) &&
      !e.message.includes(TOKEN),
  );
  assert.equal(server.callsOf('Config').length, 1, 'authentication failures are not retried');
});

test('a stream that ends before ResultComplete is resumed with ReattachExecute, then the operation is released', async (t) => {
  const server = await startFakeSparkServer({
    ExecutePlan: () => [arrowResponse(tableFromArrays({ n: Int32Array.from([1, 2]) }), 'r1')],
    ReattachExecute: (request) => {
      assert.equal(request['last_response_id'], 'r1');
      return [arrowResponse(tableFromArrays({ n: Int32Array.from([3]) }), 'r2'), COMPLETE];
    },
  });
  t.after(() => server.stop());
  const client = clientFor(server.remote);
  t.after(() => client.close());

  assert.deepEqual(await client.query('SELECT n FROM t'), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  const [execute] = server.callsOf('ExecutePlan');
  const [reattach] = server.callsOf('ReattachExecute');
  const [release] = server.callsOf('ReleaseExecute');
  assert.deepEqual(execute?.request['request_options'], [{ reattach_options: { reattachable: true }, request_option: 'reattach_options' }]);
  assert.equal(reattach?.request['operation_id'], execute?.request['operation_id']);
  assert.equal(release?.request['operation_id'], execute?.request['operation_id']);
  assert.deepEqual(release?.request['release_all'], {});
});

test('a broken stream is resumed after the last response received, not re-executed', async (t) => {
  const server = await startFakeSparkServer({
    ExecutePlan: () => [arrowResponse(tableFromArrays({ n: Int32Array.from([1]) }), 'r1'), new Failure(status.UNAVAILABLE, 'connection reset')],
    ReattachExecute: () => [arrowResponse(tableFromArrays({ n: Int32Array.from([2]) }), 'r2'), COMPLETE],
  });
  t.after(() => server.stop());
  const client = clientFor(server.remote, { retry: FAST });
  t.after(() => client.close());
  assert.deepEqual(await client.query('SELECT n FROM t'), [{ n: 1 }, { n: 2 }]);
  assert.equal(server.callsOf('ExecutePlan').length, 1);
  assert.equal(server.callsOf('ReattachExecute')[0]?.request['last_response_id'], 'r1');
});

test('a SQL command runs as a SqlCommand and its operation is released', async (t) => {
  const server = await startFakeSparkServer({
    ExecutePlan: () => [{ response_id: 'c1', sql_command_result: { relation: { sql: { query: 'x' } } } }, COMPLETE],
  });
  t.after(() => server.stop());
  const client = clientFor(server.remote);
  t.after(() => client.close());
  await client.command("INSERT OVERWRITE DIRECTORY '/tmp/x' USING parquet SELECT 1");
  const [execute] = server.callsOf('ExecutePlan');
  assert.deepEqual(execute?.request['plan'], {
    command: { sql_command: { sql: "INSERT OVERWRITE DIRECTORY '/tmp/x' USING parquet SELECT 1" }, command_type: 'sql_command' },
    op_type: 'command',
  });
  assert.equal(server.callsOf('ReleaseExecute').length, 1);
});

test('AnalyzePlan gives the version, a schema and an explain string; Config sets and gets settings', async (t) => {
  const server = await startFakeSparkServer({
    AnalyzePlan: (request) => {
      if (request['schema']) {
        return {
          schema: {
            schema: {
              struct: {
                fields: [
                  { name: 'id', data_type: { long: {} }, nullable: false },
                  { name: 'amount', data_type: { decimal: { precision: 12, scale: 2 } }, nullable: true },
                ],
              },
            },
          },
        };
      }
      if (request['explain']) return { explain: { explain_string: `== Physical Plan ==\n${String((request['explain'] as { explain_mode: string }).explain_mode)}` } };
      return { spark_version: { version: '3.5.3' } };
    },
    Config: (request) => {
      const op = request['operation'] as { get?: { keys: string[] } };
      return op.get ? { pairs: op.get.keys.map((key) => ({ key, value: 'UTC' })) } : { warnings: ['ignored'] };
    },
  });
  t.after(() => server.stop());
  const client = clientFor(server.remote);
  t.after(() => client.close());

  assert.equal(await client.sparkVersion(), '3.5.3');
  const schema = await client.schema('SELECT id, amount FROM t');
  assert.deepEqual(
    schema?.struct?.fields?.map((f) => [f.name, f.data_type?.kind]),
    [
      ['id', 'long'],
      ['amount', 'decimal'],
    ],
  );
  assert.equal(await client.explain('SELECT 1', 'EXPLAIN_MODE_FORMATTED'), '== Physical Plan ==\nEXPLAIN_MODE_FORMATTED');
  assert.deepEqual(await client.setConfig({ 'spark.sql.session.timeZone': 'UTC' }), ['ignored']);
  assert.deepEqual(await client.getConfig(['spark.sql.session.timeZone']), { 'spark.sql.session.timeZone': 'UTC' });
  const [set] = server.callsOf('Config');
  const pairs = (set?.request['operation'] as { set: { pairs: Array<{ key: string; value: string }> } }).set.pairs;
  assert.deepEqual(pairs.map((p) => [p.key, p.value]), [['spark.sql.session.timeZone', 'UTC']]);
});

test('close releases the session on the server', async (t) => {
  const server = await startFakeSparkServer();
  t.after(() => server.stop());
  const client = clientFor(server.remote);
  await client.close();
  assert.equal(server.callsOf('ReleaseSession')[0]?.request['session_id'], client.sessionId);
});
