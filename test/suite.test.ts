import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

/**
 * `npm test` is the suite a newcomer runs with only Node: a test file that needs a Spark server,
 * the project's Python, a JVM or a browser is a live suite, named `*.live.test.ts`, and runs with
 * `npm run test:live`. This guard reads every other test file and the test modules it imports
 * (transitively) and fails on anything that reaches for one of those.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TESTS = join(ROOT, 'test');
const THIS = join(TESTS, 'suite.test.ts');

/** What a module must not do in the Node-only suite, and what it would need if it did. */
const NEEDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/process\.env(?:\[\s*['"]SPARK_REMOTE['"]\s*\]|\.SPARK_REMOTE)/, 'a Spark Connect server (reads SPARK_REMOTE)'],
  [/spark-server\.sh`|spark-server\.sh['"]\s*\)|\bSCRIPT\b.*spark-server/, 'a Spark server of its own (scripts/spark-server.sh)'],
  [/python-env\.sh['"`]|\.venv\/bin\/python|\.venv['"`]|MEDALLION_PYTHON/, "the project's Python"],
  [/spawn(?:Sync)?\(\s*['"](?:python3?|java)['"]|execFile(?:Sync)?\(\s*['"](?:python3?|java)['"]/, 'Python or a JVM'],
  [/from\s+['"]playwright(?:-core)?['"]|MEDALLION_CHROMIUM|\/usr\/bin\/chromium/, 'a browser'],
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The test modules a file imports, by path: `./x.js` is `./x.ts` (imports of src/ are the product, not the suite). */
function localImports(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'));
    if (target.startsWith(TESTS) && existsSync(target)) found.push(target);
  }
  return found;
}

/** For each module that file reaches (itself included), what it needs, if anything. */
function needsOf(file: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  const visit = (path: string, via: string[]): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    const chain = [...via, relative(ROOT, path)].join(' → ');
    for (const [pattern, need] of NEEDS) if (path !== THIS && pattern.test(text)) problems.push(`${chain}: needs ${need}`);
    for (const next of localImports(path, text)) visit(next, [...via, relative(ROOT, path)]);
  };
  visit(file, []);
  return problems;
}

const files = walk(TESTS);
const isTest = (f: string) => f.endsWith('.test.ts');
const isLive = (f: string) => f.endsWith('.live.test.ts');

test('no test file that npm test runs needs Spark, Python, a JVM or a browser: those are *.live.test.ts', () => {
  const nodeOnly = files.filter((f) => isTest(f) && !isLive(f));
  assert.ok(nodeOnly.length > 50, `${nodeOnly.length} Node-only suites`);
  assert.deepEqual(nodeOnly.flatMap(needsOf), []);
});

test('the guard recognises what the live suites need (it would catch them if they lost their name)', () => {
  const live = files.filter(isLive);
  assert.ok(live.length >= 10, `${live.length} live suites`);
  // Every live suite needs something the Node-only suite has not got: else it belongs in npm test.
  assert.deepEqual(live.filter((f) => needsOf(f).length === 0).map((f) => relative(ROOT, f)), []);
});
