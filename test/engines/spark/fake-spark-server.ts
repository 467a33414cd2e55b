import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type MethodDefinition,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { tableToIPC, type Table } from 'apache-arrow';
import type { ExecutePlanResponse } from '../../../src/engines/spark/messages.js';
import { sparkConnectService, type SparkConnectRpc } from '../../../src/engines/spark/protocol.js';

/** A request the fake server received: its bytes as sent, decoded with our .proto, and its metadata. */
export interface RecordedCall {
  readonly rpc: SparkConnectRpc;
  readonly raw: Buffer;
  readonly request: Record<string, unknown>;
  readonly metadata: Readonly<Record<string, string>>;
}

/** A gRPC failure the fake server answers with. */
export class Failure {
  constructor(
    readonly code: status,
    readonly details: string,
  ) {}
}

/** A unary answer, or a promise of one: the server answers when it settles. */
type Unary = (request: Record<string, unknown>, call: RecordedCall) => unknown;
/** Last in a stream's responses: the stream stays open (a statement still running) until the client cancels it. */
export const HOLD = Symbol('hold the stream open');
/**
 * The responses of one streaming call, in order; a `Failure` ends the stream with that error, and
 * a promise of a response is written when it settles (a statement that reports again later).
 */
type Streaming = (request: Record<string, unknown>, call: RecordedCall) => Array<ExecutePlanResponse | Failure | typeof HOLD | Promise<ExecutePlanResponse>>;

export interface FakeHandlers {
  ExecutePlan?: Streaming;
  ReattachExecute?: Streaming;
  AnalyzePlan?: Unary;
  Config?: Unary;
  ReleaseExecute?: Unary;
  ReleaseSession?: Unary;
  Interrupt?: Unary;
}

export interface FakeSparkServer {
  readonly port: number;
  readonly remote: string;
  readonly calls: RecordedCall[];
  callsOf(rpc: SparkConnectRpc): RecordedCall[];
  stop(): Promise<void>;
}

/**
 * A Spark Connect server stand-in on 127.0.0.1, built with @grpc/grpc-js from our own .proto.
 * It records the raw bytes of every request, so tests can check what travels on the wire.
 */
export async function startFakeSparkServer(handlers: FakeHandlers = {}): Promise<FakeSparkServer> {
  const service = sparkConnectService();
  const calls: RecordedCall[] = [];
  const rawService: Record<string, MethodDefinition<Buffer, object>> = {};
  const implementation: UntypedServiceImplementation = {};

  for (const [name, method] of Object.entries(service) as Array<[SparkConnectRpc, MethodDefinition<object, object>]>) {
    rawService[name] = { ...method, requestDeserialize: (bytes: Buffer) => bytes };
    const record = (raw: Buffer, metadata: Metadata): RecordedCall => {
      const call: RecordedCall = {
        rpc: name,
        raw,
        request: method.requestDeserialize(raw) as Record<string, unknown>,
        metadata: Object.fromEntries(Object.entries(metadata.getMap()).map(([k, v]) => [k, String(v)])),
      };
      calls.push(call);
      return call;
    };
    if (method.responseStream) {
      implementation[name] = async (stream: ServerWritableStream<Buffer, object>) => {
        const call = record(stream.request, stream.metadata);
        const handler = handlers[name as 'ExecutePlan' | 'ReattachExecute'];
        const items = handler ? handler(call.request, call) : [{ result_complete: {} }];
        for (const item of items) {
          if (item === HOLD) return;
          if (item instanceof Failure) {
            stream.emit('error', { code: item.code, details: item.details });
            return;
          }
          const response = await item;
          if (stream.cancelled) return;
          stream.write(response);
        }
        stream.end();
      };
    } else {
      implementation[name] = (unary: ServerUnaryCall<Buffer, object>, callback: (error: object | null, value?: object) => void) => {
        const call = record(unary.request, unary.metadata);
        try {
          const handler = handlers[name as 'AnalyzePlan' | 'Config' | 'ReleaseExecute' | 'ReleaseSession' | 'Interrupt'];
          const answer = handler ? handler(call.request, call) : defaultResponse(name, call.request);
          void Promise.resolve(answer).then(
            (response) => (response instanceof Failure ? callback({ code: response.code, details: response.details }) : callback(null, response as object)),
            (error: unknown) => callback({ code: status.INTERNAL, details: String(error) }),
          );
        } catch (error) {
          callback({ code: status.INTERNAL, details: String(error) });
        }
      };
    }
  }

  const server = new Server();
  server.addService(rawService as ServiceDefinition, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    // localhost: PySpark's rule sends a token in plain text to localhost only.
    remote: `sc://localhost:${port}`,
    calls,
    callsOf: (rpc) => calls.filter((c) => c.rpc === rpc),
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

function defaultResponse(name: SparkConnectRpc, request: Record<string, unknown>): object {
  const session = { session_id: request['session_id'], server_side_session_id: 'server-session-1' };
  if (name === 'AnalyzePlan') return { ...session, spark_version: { version: '4.0.1' } };
  return session;
}

/** One ExecutePlan response carrying `table` as an Arrow IPC stream. */
export function arrowResponse(table: Table, responseId: string): ExecutePlanResponse {
  return {
    session_id: 's',
    server_side_session_id: 'server-session-1',
    operation_id: 'op',
    response_id: responseId,
    arrow_batch: { row_count: String(table.numRows), data: tableToIPC(table, 'stream') },
  };
}

export const COMPLETE: ExecutePlanResponse = { response_id: 'done', result_complete: {} };

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = new Server();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  return port;
}
