import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from `dist-test/test/engines/spark/`. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** One field of an upstream Spark Connect message, as the facts file lists it. */
export interface FactField {
  readonly name: string;
  readonly number: number;
  readonly type?: string;
  readonly oneof?: string;
}

export interface FactMessage {
  readonly kind: 'message' | 'enum' | 'service';
  readonly fields: readonly FactField[];
  readonly rpcs?: ReadonlyArray<{ name: string; request: string; response: string }>;
}

export type Facts = Readonly<Record<string, FactMessage>>;

/**
 * The upstream field facts, kept beside this file as test data (fixtures/spark-connect-fields.json:
 * every message, enum and RPC of Apache Spark's Connect protocol with its field names and numbers,
 * from the upstream .proto files its `source` names), so that the guard runs in every clone.
 */
export function loadFacts(): { facts: Facts; path: string } {
  const path = join(REPO_ROOT, 'test', 'engines', 'spark', 'fixtures', 'spark-connect-fields.json');
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { messages: Facts };
  return { facts: parsed.messages, path };
}

/** Resolves a type name used inside `scope` the way protobuf does: innermost scope first. */
export function resolveType(facts: Facts, scope: string, type: string): string | undefined {
  const parts = scope.split('.');
  for (let i = parts.length; i >= 0; i--) {
    const candidate = [...parts.slice(0, i), type].join('.');
    if (facts[candidate]) return candidate;
  }
  return facts[`spark.connect.${type}`] ? `spark.connect.${type}` : undefined;
}
