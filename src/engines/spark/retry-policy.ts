import { status, type ServiceError } from '@grpc/grpc-js';

/** How often and how patiently a call is retried when the server is briefly unavailable. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly multiplier: number;
  readonly maxDelayMs: number;
  /** Random extra delay, as a share of the delay (0 for none), so many clients do not retry in step. */
  readonly jitter: number;
}

/** About 10 s of patience in six tries: enough for a server restart, short for a wrong address. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 6,
  initialDelayMs: 200,
  multiplier: 2,
  maxDelayMs: 5000,
  jitter: 0.2,
});

/** What a retry is about to do; for logs and for tests. Carries no request content. */
export interface RetryEvent {
  readonly rpc: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly code: number;
  readonly reason: string;
}

/** The delay before retry number `retry` (1 = the first retry): exponential, capped, jittered. */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (retry - 1));
  return Math.round(base * (1 + policy.jitter * random()));
}

/**
 * Failures worth retrying: the server could not be reached or dropped the connection.
 * Spark's own errors (bad SQL, missing path) come back with other codes and are final.
 */
export function isTransient(error: unknown): error is ServiceError {
  if (!isServiceError(error)) return false;
  if (error.code === status.UNAVAILABLE) return true;
  // A cursor the server dropped while streaming results: reattaching picks it up again.
  return error.code === status.INTERNAL && /INVALID_CURSOR\.DISCONNECTED/.test(error.details ?? '');
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && 'metadata' in error;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
