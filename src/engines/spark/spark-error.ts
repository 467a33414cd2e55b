import { status, type ServiceError } from '@grpc/grpc-js';
import { EngineError, UserError } from '../../model/errors.js';

/**
 * An error Spark reported for a statement (bad SQL, a missing path, a failed task), with
 * Spark's own message. `errorClass` and `sqlState` are Spark's codes when the message has them.
 */
export class SparkError extends EngineError {
  override readonly name = 'SparkError';
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;

  constructor(
    message: string,
    /** The gRPC status the server answered with. */
    readonly grpcCode: number,
  ) {
    super(message);
    this.errorClass = /^\[([A-Z0-9_.]+)\]/.exec(message)?.[1];
    this.sqlState = /SQLSTATE:\s*([0-9A-Z]{5})/.exec(message)?.[1];
  }
}

/** What the message of a failed call needs to know; `secrets` are masked wherever they appear. */
export interface CallContext {
  readonly remote: string;
  readonly rpc: string;
  readonly attempts: number;
  readonly secrets: readonly string[];
}

/**
 * Turns a gRPC failure into an error a person can act on: a `UserError` when the server cannot
 * be reached or refuses us (the fix is the address, the server or the token), a `SparkError`
 * with Spark's message otherwise. Never a dump of the gRPC status; never a secret.
 */
export function translateGrpcError(error: ServiceError, ctx: CallContext): Error {
  const details = mask(sparkMessage(error.details || error.message), ctx.secrets);
  const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  switch (error.code) {
    case status.UNAVAILABLE:
      return new UserError(
        `Cannot reach the Spark Connect server at ${ctx.remote}${tries} (${reachability(details)}). ` +
          'Start the server (scripts/spark-server.sh start in a clone of medallion, or see docs/guides/spark.md) or fix --remote / SPARK_REMOTE.',
      );
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return new UserError(
        `The Spark Connect server at ${ctx.remote} refused the request (${status[error.code]}): ${details}. ` +
          'Check the token=… and user_id=… of the connection string.',
      );
    case status.UNIMPLEMENTED:
      return new UserError(
        `The server at ${ctx.remote} does not implement Spark Connect's ${ctx.rpc} (${details}). ` +
          'Is it a Spark Connect server of Spark 3.5 or later, and is the port right?',
      );
    case status.DEADLINE_EXCEEDED:
      return new UserError(`The Spark Connect server at ${ctx.remote} did not answer ${ctx.rpc} in time (${details}).`);
    case status.RESOURCE_EXHAUSTED:
      return new SparkError(
        `${details} (a result larger than the client accepts: raise grpc_max_message_size in the connection string)`,
        error.code,
      );
    default:
      return new SparkError(details, error.code);
  }
}

/** Spark's message without a JVM stack trace that some servers append. */
function sparkMessage(details: string): string {
  const stack = details.search(/\n\s+at [\w$.]+\(/);
  return (stack === -1 ? details : details.slice(0, stack)).trim() || 'no message from the server';
}

/** The useful part of grpc-js's "No connection established. Last error: …" text. */
function reachability(details: string): string {
  if (/ECONNREFUSED/.test(details)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN|Name resolution failed/i.test(details)) return 'host not found';
  if (/ETIMEDOUT|timed? ?out/i.test(details)) return 'connection timed out';
  if (/ECONNRESET|socket hang up|closed/i.test(details)) return 'connection closed by the server';
  if (/SSL|TLS|certificate|wrong version number/i.test(details)) return `TLS handshake failed: ${details}`;
  return details;
}

function mask(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((out, secret) => out.replaceAll(secret, '***'), text);
}
