import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { Client, credentials, Metadata, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { EngineError } from '../../model/errors.js';
import { MEDALLION_VERSION } from '../../version.js';
import type { Row } from '../engine.js';
import { arrowBatchesToRows } from './arrow-rows.js';
import { describeRemote, type SparkRemote } from './connection-string.js';
import type {
  AnalyzePlanRequest,
  AnalyzePlanResponse,
  ConfigRequest,
  ConfigResponse,
  DataType,
  ExecutePlanRequest,
  ExecutePlanResponse,
  ExplainMode,
  InterruptRequest,
  InterruptResponse,
  Plan,
  ReattachExecuteRequest,
  ReleaseExecuteRequest,
  ReleaseSessionRequest,
  SessionFields,
} from './messages.js';
import { rpc, type SparkConnectRpc } from './protocol.js';
import { DEFAULT_RETRY_POLICY, isServiceError, isTransient, retryDelayMs, sleep, type RetryEvent, type RetryPolicy } from './retry-policy.js';
import { translateGrpcError } from './spark-error.js';
import { pausePoint } from '../../storage/fault-points.js';

export interface SparkConnectClientOptions {
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Longest a statement may run, in milliseconds, reattaches included (default: no limit, as in
   * PySpark). A statement that outlasts it is released, which interrupts it on the server.
   */
  readonly statementTimeoutMs?: number;
  /** Called before each retry, e.g. to log it. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** Results up to this size are accepted unless the connection string says otherwise. */
const DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

/**
 * A Spark Connect session over gRPC: SQL queries and commands (ExecutePlan, with reattach and
 * release), AnalyzePlan (version, schema, explain) and Config. One client is one session.
 *
 * ```ts
 * const client = new SparkConnectClient(parseConnectionString('sc://localhost:15002'));
 * const rows = await client.query('SELECT 1 AS one');
 * await client.close();
 * ```
 */
export class SparkConnectClient {
  readonly sessionId: string;
  readonly remote: SparkRemote;
  readonly #grpc: Client;
  readonly #policy: RetryPolicy;
  readonly #onRetry: ((event: RetryEvent) => void) | undefined;
  readonly #statementTimeoutMs: number | undefined;
  /** A session joined through `session_id=` belongs to someone else: we never release it. */
  readonly #ownsSession: boolean;
  readonly #session: Omit<SessionFields, 'client_observed_server_side_session_id'>;
  #serverSideSessionId: string | undefined;
  #plansSent = 0;
  /** The operations running now, each with what stops waiting for it here. */
  readonly #running = new Map<string, () => void>();
  /** Running operations that `interrupt` stopped: their calls fail as interrupted. */
  readonly #interrupted = new Set<string>();
  /** The Interrupt request under way: an interrupted call releases its operation only after it. */
  #interrupting: Promise<unknown> = Promise.resolve();

  /** Does not connect: the channel opens on the first call. */
  constructor(remote: SparkRemote, options: SparkConnectClientOptions = {}) {
    this.remote = remote;
    this.sessionId = remote.sessionId ?? randomUUID();
    this.#ownsSession = remote.sessionId === undefined;
    this.#statementTimeoutMs = options.statementTimeoutMs;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#onRetry = options.onRetry;
    const clientType = `medallion/${MEDALLION_VERSION}${remote.userAgent ? ` ${remote.userAgent}` : ''}`;
    const userId = remote.userId ?? localUserName();
    this.#session = {
      session_id: this.sessionId,
      user_context: { user_id: userId, user_name: userId },
      client_type: clientType,
    };
    this.#grpc = new Client(`${remote.host}:${remote.port}`, remote.useSsl ? credentials.createSsl() : credentials.createInsecure(), {
      'grpc.max_receive_message_length': remote.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': remote.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      'grpc.primary_user_agent': clientType,
    });
  }

  /** The plans executed or analyzed so far. */
  get plansSent(): number {
    return this.#plansSent;
  }

  /** The server's Spark version, e.g. `4.0.1`. */
  async sparkVersion(): Promise<string> {
    const response = await this.#analyze({ spark_version: {} });
    return response.spark_version?.version ?? 'unknown';
  }

  /** The schema a SQL query would have, without running it. */
  async schema(sql: string): Promise<DataType | undefined> {
    const response = await this.#analyze({ schema: { plan: sqlQueryPlan(sql) } });
    return response.schema?.schema;
  }

  /** Spark's plan of a SQL query as text; the physical plan by default. */
  async explain(sql: string, mode: ExplainMode = 'EXPLAIN_MODE_SIMPLE'): Promise<string> {
    const response = await this.#analyze({ explain: { plan: sqlQueryPlan(sql), explain_mode: mode } });
    return response.explain?.explain_string ?? '';
  }

  /** Sets session settings; returns the server's warnings (e.g. a setting it ignores). */
  async setConfig(settings: Readonly<Record<string, string>>): Promise<readonly string[]> {
    const pairs = Object.entries(settings).map(([key, value]) => ({ key, value }));
    const response = await this.#unary<ConfigRequest, ConfigResponse>('Config', { ...this.#fields(), operation: { set: { pairs } } });
    return response.warnings ?? [];
  }

  /** Reads session settings. */
  async getConfig(keys: readonly string[]): Promise<Record<string, string | undefined>> {
    const response = await this.#unary<ConfigRequest, ConfigResponse>('Config', {
      ...this.#fields(),
      operation: { get: { keys: [...keys] } },
    });
    return Object.fromEntries((response.pairs ?? []).map((p) => [p.key, p.value]));
  }

  /** Runs a SQL query and returns all its rows. */
  async query(sql: string): Promise<Row[]> {
    const responses = await this.#executePlan(sqlQueryPlan(sql));
    const batches = responses.flatMap((r) => (r.arrow_batch?.data ? [r.arrow_batch.data] : []));
    return arrowBatchesToRows(batches);
  }

  /**
   * Runs a SQL statement for its effect (DDL, INSERT, SET), eagerly, as a command. `label` names
   * what it builds (e.g. `gold.daily_revenue`), for the `spark.running` pause point.
   */
  async command(sql: string, label?: string): Promise<void> {
    await this.#executePlan(sqlCommandPlan(sql), label);
  }

  /**
   * Stops the statements this client runs now, as Ctrl-C does in PySpark: Interrupt on the
   * server (every operation of the session when the session is ours; each of ours by its id in a
   * session joined with `session_id=`, whose owner's statements are not ours to stop), then each
   * is released and its call fails with an EngineError saying it was interrupted. Resolves with
   * the ids the server interrupted. Statements sent afterwards run as usual.
   */
  async interrupt(): Promise<readonly string[]> {
    const running = [...this.#running.entries()];
    if (!running.length) return [];
    for (const [id] of running) this.#interrupted.add(id);
    const interrupted: string[] = [];
    const send = async (request: Omit<InterruptRequest, keyof SessionFields>) =>
      interrupted.push(...((await this.#call<InterruptRequest, InterruptResponse>('Interrupt', { ...this.#fields(), ...request })).interrupted_ids ?? []));
    // A call that sees itself interrupted releases its operation; were the release to reach the
    // server first, the operation would be gone before the Interrupt could name it.
    const sending = (async () => {
      if (this.#ownsSession) await send({ interrupt_type: 'INTERRUPT_TYPE_ALL' });
      else for (const [id] of running) await send({ interrupt_type: 'INTERRUPT_TYPE_OPERATION_ID', operation_id: id });
    })();
    this.#interrupting = sending.catch(() => undefined);
    try {
      await sending;
    } catch {
      // Best effort: releasing an operation interrupts it too.
    }
    // Stop waiting for them here; each call then releases its operation.
    for (const [, stop] of running) stop();
    return interrupted;
  }

  /**
   * Ends the session on the server (best effort) when this client created it, and closes the
   * channel. A session joined with `session_id=` is left open: Spark 4 refuses a released
   * session's id for good, and its owner still uses it.
   */
  async close(): Promise<void> {
    try {
      if (this.#ownsSession) await this.#call<ReleaseSessionRequest, { server_side_session_id?: string }>('ReleaseSession', this.#session);
    } catch {
      // The session ends with the server's idle timeout anyway.
    } finally {
      this.#grpc.close();
    }
  }

  /**
   * ExecutePlan as a reattachable operation. The server ends a stream when it has sent for long
   * enough (`spark.connect.execute.reattachable.senderMaxStreamDuration`, `…senderMaxStreamSize`)
   * even if the statement still runs: a clean end without ResultComplete is normal, and
   * ReattachExecute resumes after the last response received, as often as needed, as PySpark
   * does. Only gRPC errors count as failures (transient ones are retried with backoff). At the
   * end, or when the statement timeout passes, ReleaseExecute frees the operation on the server
   * (and interrupts it if it still runs).
   */
  async #executePlan(plan: Plan, label?: string): Promise<ExecutePlanResponse[]> {
    this.#plansSent += 1;
    const operationId = randomUUID();
    const responses: ExecutePlanResponse[] = [];
    const deadline = this.#statementTimeoutMs === undefined ? undefined : performance.now() + this.#statementTimeoutMs;
    let lastResponseId: string | undefined;
    let accepted = false;
    let failures = 0;
    let current: ClientReadableStream<ExecutePlanResponse> | undefined;
    let timedOut = false;
    let reportedRunning = false;
    const interrupted = () => this.#interrupted.has(operationId);
    this.#running.set(operationId, () => current?.cancel());
    const timer =
      this.#statementTimeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            current?.cancel();
          }, this.#statementTimeoutMs);
    try {
      for (;;) {
        if (interrupted()) throw this.#interruptedError();
        const rpcName = accepted ? 'ReattachExecute' : 'ExecutePlan';
        try {
          current = accepted
            ? this.#stream<ReattachExecuteRequest>('ReattachExecute', {
                ...this.#fields(),
                operation_id: operationId,
                ...(lastResponseId ? { last_response_id: lastResponseId } : {}),
              })
            : this.#stream<ExecutePlanRequest>('ExecutePlan', {
                ...this.#fields(),
                operation_id: operationId,
                plan,
                request_options: [{ reattach_options: { reattachable: true } }],
              });
          for await (const response of current as AsyncIterable<ExecutePlanResponse>) {
            accepted = true;
            failures = 0;
            this.#observe(response.server_side_session_id);
            if (response.response_id) lastResponseId = response.response_id;
            if (response.result_complete) return responses;
            if (response.execution_progress && !reportedRunning) {
              // The server reports progress on a statement that is still running: where a test
              // (MEDALLION_FAULTS=spark.running@gold.x=pause) stops a run that is waiting on one.
              reportedRunning = true;
              await pausePoint('spark.running', label);
            }
            if (interrupted()) throw this.#interruptedError();
            responses.push(response);
          }
          // The server closed the stream before the result was complete (it bounds a stream's
          // life): reattach, without limit.
          accepted = true;
          if (timedOut) throw this.#timeoutError();
        } catch (error) {
          if (timedOut) throw this.#timeoutError();
          if (interrupted()) throw this.#interruptedError();
          if (!isServiceError(error)) throw error;
          if (!accepted && /OPERATION_ALREADY_EXISTS/.test(error.details ?? '')) {
            accepted = true; // an earlier attempt reached the server after all
            continue;
          }
          failures += 1;
          if (!isTransient(error) || failures >= this.#policy.maxAttempts) throw this.#translate(error, rpcName, failures);
          if (deadline !== undefined && performance.now() >= deadline) throw this.#timeoutError();
          await this.#backoff(rpcName, failures, error);
        }
      }
    } finally {
      if (timer) clearTimeout(timer);
      this.#running.delete(operationId);
      const stopped = this.#interrupted.delete(operationId);
      if (stopped) await this.#interrupting;
      if (accepted || timedOut || stopped) await this.#release(operationId);
    }
  }

  #interruptedError(): EngineError {
    return new EngineError(`a Spark statement was interrupted on the server (server ${describeRemote(this.remote)})`);
  }

  #timeoutError(): EngineError {
    return new EngineError(
      `a Spark statement ran longer than the statement timeout of ${((this.#statementTimeoutMs ?? 0) / 1000).toFixed(1)} s and was interrupted (server ${describeRemote(this.remote)})`,
    );
  }

  async #release(operationId: string): Promise<void> {
    try {
      await this.#call<ReleaseExecuteRequest, { server_side_session_id?: string }>('ReleaseExecute', { ...this.#fields(), operation_id: operationId, release_all: {} });
    } catch {
      // Best effort: the server releases abandoned operations after a timeout.
    }
  }

  async #analyze(analyze: Omit<AnalyzePlanRequest, keyof SessionFields>): Promise<AnalyzePlanResponse> {
    this.#plansSent += 1;
    return this.#unary<AnalyzePlanRequest, AnalyzePlanResponse>('AnalyzePlan', { ...this.#fields(), ...analyze });
  }

  /** A unary call, retried with backoff while the server is unavailable. */
  async #unary<Request, Response extends { server_side_session_id?: string }>(name: SparkConnectRpc, request: Request): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#call<Request, Response>(name, request);
      } catch (error) {
        if (!isServiceError(error)) throw error;
        if (!isTransient(error) || attempt >= this.#policy.maxAttempts) throw this.#translate(error, name, attempt);
        await this.#backoff(name, attempt, error);
      }
    }
  }

  #call<Request, Response extends { server_side_session_id?: string }>(name: SparkConnectRpc, request: Request): Promise<Response> {
    const method = rpc<Request, Response>(name);
    return new Promise((resolve, reject) => {
      this.#grpc.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, this.#metadata(), (error, response) => {
        if (error || !response) return reject(error ?? new Error(`${name}: empty response`));
        this.#observe(response.server_side_session_id);
        resolve(response);
      });
    });
  }

  #stream<Request>(name: SparkConnectRpc, request: Request): ClientReadableStream<ExecutePlanResponse> {
    const method = rpc<Request, ExecutePlanResponse>(name);
    return this.#grpc.makeServerStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, request, this.#metadata());
  }

  async #backoff(rpcName: string, attempt: number, error: ServiceError): Promise<void> {
    const delayMs = retryDelayMs(this.#policy, attempt);
    this.#onRetry?.({ rpc: rpcName, attempt, delayMs, code: error.code, reason: this.#translate(error, rpcName, attempt).message });
    await sleep(delayMs);
  }

  #translate(error: ServiceError, rpcName: string, attempts: number): Error {
    return translateGrpcError(error, {
      remote: describeRemote(this.remote),
      rpc: rpcName,
      attempts,
      secrets: this.remote.token ? [this.remote.token] : [],
    });
  }

  /** The session fields of every request; the server-side session id once the server told us. */
  #fields(): SessionFields {
    return {
      ...this.#session,
      ...(this.#serverSideSessionId ? { client_observed_server_side_session_id: this.#serverSideSessionId } : {}),
    };
  }

  #observe(serverSideSessionId: string | undefined): void {
    if (serverSideSessionId) this.#serverSideSessionId = serverSideSessionId;
  }

  #metadata(): Metadata {
    const metadata = new Metadata();
    if (this.remote.token) metadata.set('authorization', `Bearer ${this.remote.token}`);
    for (const [key, value] of Object.entries(this.remote.headers)) metadata.set(key, value);
    return metadata;
  }
}

/** A plan whose root is a SQL query: results come back as Arrow batches. */
export function sqlQueryPlan(sql: string): Plan {
  return { root: { sql: { query: sql } } };
}

/** A plan that runs a SQL statement as a command, eagerly. */
export function sqlCommandPlan(sql: string): Plan {
  return { command: { sql_command: { sql } } };
}

function localUserName(): string {
  try {
    return userInfo().username || 'medallion';
  } catch {
    return 'medallion';
  }
}
