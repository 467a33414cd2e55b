import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The repository root: the nearest ancestor of this file with a package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the test');
    dir = parent;
  }
  return dir;
}

/**
 * The upstream field facts (`shared/spark-connect-fields.json`), looked for at `../shared` and
 * `../../shared` relative to the repository root (the layout here and in CI); undefined when absent.
 */
export function loadFacts(): { facts: Facts; path: string } | undefined {
  const root = repoRoot();
  for (const candidate of [resolve(root, '../shared'), resolve(root, '../../shared')]) {
    const path = join(candidate, 'spark-connect-fields.json');
    if (existsSync(path)) {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { messages: Facts };
      return { facts: parsed.messages, path };
    }
  }
  return undefined;
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
