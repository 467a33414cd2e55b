import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MethodDefinition } from '@grpc/grpc-js';
import { tableFromArrays } from 'apache-arrow';
import { parseConnectionString } from '../../../src/engines/spark/connection-string.js';
import type { ExecutePlanResponse } from '../../../src/engines/spark/messages.js';
import { protoPath, sparkConnectPackage, sparkConnectService } from '../../../src/engines/spark/protocol.js';
import { SparkConnectClient } from '../../../src/engines/spark/spark-connect-client.js';
import { arrowResponse, COMPLETE, HOLD, startFakeSparkServer, type RecordedCall } from './fake-spark-server.js';
import { loadFacts, resolveType, type FactField } from './spark-facts.js';
import { decodeWithFacts } from './wire-decoder.js';

const loaded = loadFacts();

interface FieldDescriptor {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName: string;
}

const SCALARS: Readonly<Record<string, string>> = {
  TYPE_STRING: 'string',
  TYPE_BOOL: 'bool',
  TYPE_INT64: 'int64',
  TYPE_INT32: 'int32',
  TYPE_UINT32: 'uint32',
  TYPE_BYTES: 'bytes',
};

test('the .proto is found from the compiled module', () => {
  assert.match(protoPath(), /src[/\\]engines[/\\]spark[/\\]proto[/\\]spark-connect\.proto$/);
});

test('every message, field, enum value and RPC of our .proto has upstream\'s name and number', () => {
  const facts = loaded.facts;
  const pkg = sparkConnectPackage();
  let checked = 0;
  for (const [name, definition] of Object.entries(pkg)) {
    const fact = facts[name];
    assert.ok(fact, `${name} is not an upstream message`);
    if ('format' in definition && definition.format === 'Protocol Buffer 3 DescriptorProto') {
      const fields = (definition.type as { field: FieldDescriptor[] }).field;
      for (const field of fields) {
        const upstream: FactField | undefined = fact.fields.find((f) => f.name === field.name);
        assert.ok(upstream, `${name}.${field.name} is not an upstream field`);
        assert.equal(field.number, upstream.number, `${name}.${field.name} number`);
        const upstreamType: string = upstream.type ?? '';
        assert.equal(field.label === 'LABEL_REPEATED', upstreamType.startsWith('repeated '), `${name}.${field.name} repeated`);
        const bare = upstreamType.replace(/^(optional|repeated) /, '');
        if (field.type === 'TYPE_MESSAGE' || field.type === 'TYPE_ENUM') {
          assert.equal(resolveType(facts, name, field.typeName), resolveType(facts, name, bare), `${name}.${field.name} type`);
        } else {
          assert.equal(SCALARS[field.type], bare, `${name}.${field.name} type`);
        }
        checked++;
      }
      // Nested enums (ExplainMode) are checked value by value.
      for (const nested of (definition.type as { enumType?: Array<{ name: string; value: Array<{ name: string; number: number }> }> }).enumType ?? []) {
        const enumFact = facts[`${name}.${nested.name}`];
        assert.ok(enumFact, `${name}.${nested.name} is not an upstream enum`);
        for (const value of nested.value) {
          assert.equal(enumFact.fields.find((f) => f.name === value.name)?.number, value.number, `${name}.${nested.name}.${value.name}`);
          checked++;
        }
      }
    } else {
      // The service: each RPC exists upstream with the same request, response and streaming.
      for (const [rpcName, method] of Object.entries(definition as Record<string, MethodDefinition<object, object> & { requestType: { type: { name: string } }; responseType: { type: { name: string } } }>)) {
        const upstream: { name: string; request: string; response: string } | undefined = fact.rpcs?.find((r) => r.name === rpcName);
        assert.ok(upstream, `${rpcName} is not an upstream RPC`);
        assert.equal(method.requestType.type.name, upstream.request.replace(/^stream /, ''));
        assert.equal(method.responseType.type.name, upstream.response.replace(/^stream /, ''));
        assert.equal(method.responseStream, upstream.response.startsWith('stream '));
        checked++;
      }
    }
  }
  assert.ok(checked > 90, `checked ${checked} fields`);
});

/** Runs each kind of request our client sends against the fake server and returns what went on the wire. */
async function recordEveryRequest(): Promise<{ calls: RecordedCall[]; sessionId: string }> {
  let executes = 0;
  const server = await startFakeSparkServer({
    ExecutePlan: () => (executes++ === 0 ? [arrowResponse(tableFromArrays({ n: Int32Array.from([1]) }), 'r1')] : [COMPLETE]),
    ReattachExecute: () => [COMPLETE],
  });
  const client = new SparkConnectClient(parseConnectionString(`${server.remote}/;user_id=alice`));
  try {
    await client.query('SELECT 1 AS n'); // ExecutePlan, then ReattachExecute (no ResultComplete), ReleaseExecute
    await client.command('SET x=1');
    await client.sparkVersion();
    await client.schema('SELECT 2');
    await client.explain('SELECT 3', 'EXPLAIN_MODE_FORMATTED');
    await client.setConfig({ 'spark.sql.shuffle.partitions': '20' });
    await client.getConfig(['spark.sql.session.timeZone']);
  } finally {
    await client.close();
    await server.stop();
  }
  return { calls: server.calls, sessionId: client.sessionId };
}

test('each request we build decodes, by upstream field numbers alone, to the intended message', async () => {
  const facts = loaded.facts;
  const { calls, sessionId } = await recordEveryRequest();
  const decode = (call: RecordedCall | undefined, type: string) => {
    assert.ok(call, `no ${type} was sent`);
    return decodeWithFacts(call.raw, `spark.connect.${type}`, facts);
  };
  const session = { session_id: sessionId, user_context: { user_id: 'alice', user_name: 'alice' } };
  const clientType = (decode(calls[0], 'ExecutePlanRequest')['client_type'] as string) ?? '';
  assert.match(clientType, /^medallion\/\d/);
  const common = { ...session, client_type: clientType };
  const observed = { client_observed_server_side_session_id: 'server-session-1' };
  const byRpc = (rpc: string) => calls.filter((c) => c.rpc === rpc);

  const [query, command] = byRpc('ExecutePlan');
  const queryMessage = decode(query, 'ExecutePlanRequest');
  assert.deepEqual(queryMessage, {
    ...common,
    operation_id: queryMessage['operation_id'],
    plan: { root: { sql: { query: 'SELECT 1 AS n' } } },
    request_options: [{ reattach_options: { reattachable: true } }],
  });
  assert.match(String(queryMessage['operation_id']), /^[0-9a-f-]{36}$/);
  const commandMessage = decode(command, 'ExecutePlanRequest');
  assert.deepEqual(commandMessage['plan'], { command: { sql_command: { sql: 'SET x=1' } } });

  assert.deepEqual(decode(byRpc('ReattachExecute')[0], 'ReattachExecuteRequest'), {
    ...common,
    ...observed,
    operation_id: queryMessage['operation_id'],
    last_response_id: 'r1',
  });
  assert.deepEqual(decode(byRpc('ReleaseExecute')[0], 'ReleaseExecuteRequest'), {
    ...common,
    ...observed,
    operation_id: queryMessage['operation_id'],
    release_all: {},
  });

  const [version, schema, explain] = byRpc('AnalyzePlan').map((c) => decode(c, 'AnalyzePlanRequest'));
  assert.deepEqual(version, { ...common, ...observed, spark_version: {} });
  assert.deepEqual(schema, { ...common, ...observed, schema: { plan: { root: { sql: { query: 'SELECT 2' } } } } });
  assert.deepEqual(explain, {
    ...common,
    ...observed,
    explain: { plan: { root: { sql: { query: 'SELECT 3' } } }, explain_mode: 'EXPLAIN_MODE_FORMATTED' },
  });

  const [set, get] = byRpc('Config').map((c) => decode(c, 'ConfigRequest'));
  assert.deepEqual(set, { ...common, ...observed, operation: { set: { pairs: [{ key: 'spark.sql.shuffle.partitions', value: '20' }] } } });
  assert.deepEqual(get, { ...common, ...observed, operation: { get: { keys: ['spark.sql.session.timeZone'] } } });

  assert.deepEqual(decode(byRpc('ReleaseSession')[0], 'ReleaseSessionRequest'), common);
});

test('the responses we read use upstream field numbers', () => {
  const facts = loaded.facts;
  const service = sparkConnectService();
  const encode = (rpc: string, message: object) => (service[rpc] as MethodDefinition<object, object>).responseSerialize(message);

  const batch: ExecutePlanResponse = arrowResponse(tableFromArrays({ n: Int32Array.from([1, 2]) }), 'r7');
  const decoded = decodeWithFacts(encode('ExecutePlan', batch), 'spark.connect.ExecutePlanResponse', facts);
  assert.equal(decoded['response_id'], 'r7');
  assert.equal(decoded['server_side_session_id'], 'server-session-1');
  assert.deepEqual(Object.keys(decoded['arrow_batch'] as object), ['row_count', 'data']);
  assert.equal((decoded['arrow_batch'] as { row_count: string }).row_count, '2');
  assert.deepEqual(decodeWithFacts(encode('ExecutePlan', COMPLETE), 'spark.connect.ExecutePlanResponse', facts), {
    response_id: 'done',
    result_complete: {},
  });

  const schema = {
    schema: {
      schema: {
        struct: {
          fields: [
            { name: 'a', data_type: { decimal: { precision: 12, scale: 2 } }, nullable: true },
            { name: 'b', data_type: { array: { element_type: { string: {} }, contains_null: true } }, nullable: false },
          ],
        },
      },
    },
  };
  assert.deepEqual(decodeWithFacts(encode('AnalyzePlan', schema), 'spark.connect.AnalyzePlanResponse', facts), {
    schema: {
      schema: {
        struct: {
          fields: [
            { name: 'a', data_type: { decimal: { scale: 2, precision: 12 } }, nullable: true },
            { name: 'b', data_type: { array: { element_type: { string: {} }, contains_null: true } }, nullable: false },
          ],
        },
      },
    },
  });
  assert.deepEqual(decodeWithFacts(encode('AnalyzePlan', { explain: { explain_string: 'plan' } }), 'spark.connect.AnalyzePlanResponse', facts), {
    explain: { explain_string: 'plan' },
  });
  assert.deepEqual(decodeWithFacts(encode('AnalyzePlan', { spark_version: { version: '4.0.1' } }), 'spark.connect.AnalyzePlanResponse', facts), {
    spark_version: { version: '4.0.1' },
  });
  assert.deepEqual(
    decodeWithFacts(encode('Config', { pairs: [{ key: 'k', value: 'v' }], warnings: ['w'] }), 'spark.connect.ConfigResponse', facts),
    { pairs: [{ key: 'k', value: 'v' }], warnings: ['w'] },
  );
});

/** A statement the fake server keeps running (one progress report, then an open stream), interrupted by `interrupt`. */
async function interruptRunning(remoteSuffix: string) {
  const progress: ExecutePlanResponse = { session_id: 's', server_side_session_id: 'server-session-1', response_id: 'p1', execution_progress: { num_inflight_tasks: '4' } };
  const server = await startFakeSparkServer({
    ExecutePlan: () => [progress, HOLD],
    Interrupt: (request) => ({ session_id: request['session_id'], server_side_session_id: 'server-session-1', interrupted_ids: [request['operation_id'] ?? 'op-of-the-session'] }),
  });
  const client = new SparkConnectClient(parseConnectionString(`${server.remote}/;user_id=alice${remoteSuffix}`));
  try {
    const running = client.query('SELECT count(*) FROM range(1000000000000)');
    const settled = running.then(() => 'completed', (error: Error) => error.message);
    while (!server.callsOf('ExecutePlan').length) await new Promise((resolve) => setImmediate(resolve));
    const ids = await client.interrupt();
    return { ids, message: await settled, calls: server.calls, sessionId: client.sessionId };
  } finally {
    await client.close();
    await server.stop();
  }
}

test("interrupt sends Interrupt (every operation of the session it owns) by upstream field numbers, then releases the operation; the statement fails as interrupted", async () => {
  const facts = loaded.facts;
  const { ids, message, calls, sessionId } = await interruptRunning('');
  assert.deepEqual(ids, ['op-of-the-session']);
  assert.match(message, /^a Spark statement was interrupted on the server \(server sc:\/\/localhost:\d+\)$/);
  const rpcs = calls.map((c) => c.rpc);
  assert.deepEqual(rpcs, ['ExecutePlan', 'Interrupt', 'ReleaseExecute', 'ReleaseSession']);
  const operationId = decodeWithFacts(calls[0]!.raw, 'spark.connect.ExecutePlanRequest', facts)['operation_id'];
  const interrupt = decodeWithFacts(calls[1]!.raw, 'spark.connect.InterruptRequest', facts);
  assert.deepEqual(interrupt, {
    session_id: sessionId,
    user_context: { user_id: 'alice', user_name: 'alice' },
    client_type: interrupt['client_type'],
    // Sent once the client has read the server's first response, which may come after the interrupt.
    ...(interrupt['client_observed_server_side_session_id'] ? { client_observed_server_side_session_id: 'server-session-1' } : {}),
    interrupt_type: 'INTERRUPT_TYPE_ALL',
  });
  assert.match(String(interrupt['client_type']), /^medallion\//);
  assert.equal(decodeWithFacts(calls[2]!.raw, 'spark.connect.ReleaseExecuteRequest', facts)['operation_id'], operationId);
});

test('in a session joined with session_id=, interrupt stops only its own operation, by its id', async () => {
  const facts = loaded.facts;
  const { ids, message, calls } = await interruptRunning(';session_id=5f0c9a4e-2b7d-4c1e-9a3f-7d2e8b6c1a00');
  const operationId = decodeWithFacts(calls[0]!.raw, 'spark.connect.ExecutePlanRequest', facts)['operation_id'];
  assert.deepEqual(ids, [operationId]);
  assert.match(message, /was interrupted on the server/);
  const interrupt = decodeWithFacts(calls.find((c) => c.rpc === 'Interrupt')!.raw, 'spark.connect.InterruptRequest', facts);
  assert.equal(interrupt['interrupt_type'], 'INTERRUPT_TYPE_OPERATION_ID');
  assert.equal(interrupt['operation_id'], operationId);
  assert.ok(!calls.some((c) => c.rpc === 'ReleaseSession'), 'a joined session is not ours to release');
});

test('an interrupted statement that hears from the server again releases its operation only after the Interrupt is answered, so the server still has it to name', async () => {
  const events: string[] = [];
  let interruptArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (interruptArrived = resolve));
  let releaseArrived!: () => void;
  const released = new Promise<void>((resolve) => (releaseArrived = resolve));
  const progress = (id: string): ExecutePlanResponse => ({ session_id: 's', server_side_session_id: 'server-session-1', response_id: id, execution_progress: { num_inflight_tasks: '4' } });
  const server = await startFakeSparkServer({
    // The statement reports progress again once the Interrupt is on its way: the client's call wakes up interrupted.
    ExecutePlan: () => [progress('p1'), arrived.then(() => progress('p2')), HOLD],
    // The server answers when the release has come, or after a moment when it has not (as it should not).
    Interrupt: async (request) => {
      interruptArrived();
      await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 300))]);
      events.push('Interrupt answered');
      return { session_id: request['session_id'], server_side_session_id: 'server-session-1', interrupted_ids: ['op-of-the-session'] };
    },
    ReleaseExecute: (request) => {
      events.push('ReleaseExecute');
      releaseArrived();
      return { session_id: request['session_id'], server_side_session_id: 'server-session-1' };
    },
  });
  const client = new SparkConnectClient(parseConnectionString(`${server.remote}/;user_id=alice`));
  try {
    const running = client.query('SELECT count(*) FROM range(1000000000000)').then(() => 'completed', (error: Error) => error.message);
    while (!server.callsOf('ExecutePlan').length) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(await client.interrupt(), ['op-of-the-session']);
    assert.match(await running, /was interrupted on the server/);
    assert.deepEqual(events, ['Interrupt answered', 'ReleaseExecute']);
  } finally {
    await client.close();
    await server.stop();
  }
});

test('the Interrupt response is read by upstream field numbers', () => {
  const encode = (sparkConnectService()['Interrupt'] as MethodDefinition<object, object>).responseSerialize;
  assert.deepEqual(decodeWithFacts(encode({ session_id: 's', server_side_session_id: 'ss', interrupted_ids: ['a', 'b'] }), 'spark.connect.InterruptResponse', loaded.facts), {
    session_id: 's',
    interrupted_ids: ['a', 'b'],
    server_side_session_id: 'ss',
  });
});
