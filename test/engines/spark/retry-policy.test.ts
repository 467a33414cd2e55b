import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { DEFAULT_RETRY_POLICY, isTransient, retryDelayMs } from '../../../src/engines/spark/retry-policy.js';

function grpcError(code: status, details: string): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}

test('backoff doubles from the initial delay and stops growing at the cap', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 100, multiplier: 2, maxDelayMs: 500, jitter: 0 };
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n)), [100, 200, 400, 500, 500]);
});

test('jitter adds at most its share of the delay', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 100, jitter: 0.2 };
  assert.equal(retryDelayMs(policy, 1, () => 0), 100);
  assert.equal(retryDelayMs(policy, 1, () => 0.999), 120);
});

test('only unavailability and dropped cursors are transient; Spark errors and refusals are final', () => {
  assert.equal(isTransient(grpcError(status.UNAVAILABLE, 'connect ECONNREFUSED')), true);
  assert.equal(isTransient(grpcError(status.INTERNAL, '[INVALID_CURSOR.DISCONNECTED] The cursor is disconnected')), true);
  assert.equal(isTransient(grpcError(status.INTERNAL, '[TABLE_OR_VIEW_NOT_FOUND] nope')), false);
  assert.equal(isTransient(grpcError(status.UNAUTHENTICATED, 'bad token')), false);
  assert.equal(isTransient(grpcError(status.INVALID_ARGUMENT, 'bad plan')), false);
  assert.equal(isTransient(new Error('not a gRPC error')), false);
});
