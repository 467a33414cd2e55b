import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { tempDir } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Snippet {
  readonly language: string;
  readonly code: string;
  readonly line: number;
}

/** The fenced code blocks of the README, with their language and first line number. */
function snippets(markdown: string): Snippet[] {
  const found: Snippet[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(fence)) {
    found.push({ language: m[1]!, code: m[2]!, line: markdown.slice(0, m.index).split('\n').length });
  }
  return found;
}

/**
 * Every bash block is either run here (cheap, on a bare machine) or named with the reason it is not.
 * A new block fails this test until it is listed: the README cannot grow commands nobody ran.
 */
const BASH_BLOCKS: ReadonlyArray<{ readonly starts: string; readonly run: true } | { readonly starts: string; readonly skip: string }> = [
  { starts: 'npm install && npx medallion run both', run: true },
  { starts: 'npx medallion show data gold/customer_analytics', run: true },
  { starts: 'npx medallion run mapreduce --input ./logs/', skip: 'needs the reader\'s own files; inputs are tested in test/cli/inputs.test.ts' },
  { starts: 'npx medallion init shop && cd shop', run: true },
  { starts: '$SPARK_HOME/sbin/start-connect-server.sh', skip: 'starts a Spark server; the live Spark suites do that with scripts/' },
  { starts: 'npx medallion run both --engine spark', skip: 'needs a Spark Connect server; covered by the live Spark suites' },
  { starts: 'medallion run data --as-of 2026-03-01 --input-customers', skip: 'needs daily snapshot files; test/pipelines/customers-history.test.ts runs these commands on its own three snapshots' },
  { starts: 'medallion run data --table-format delta', skip: 'the Delta suites run these commands on their own data dirs (test/storage/delta/delta-pipelines.test.ts)' },
  { starts: 'medallion run mapreduce --date 2026-11-20', skip: 'runs over days on the default data dir; test/cli/incremental-cli.test.ts runs them on its own' },
  { starts: 'scripts/spark-server.sh start', skip: 'starts Spark servers; .ci/run starts them for the live suites and the standalone cluster' },
  { starts: '$SPARK_HOME/bin/spark-submit --class org.apache.spark.sql.connect.service.SparkConnectServer', skip: 'a recipe for a Spark install of your own; scripts/spark-server.sh runs the same class for the tests' },
];

const work = mkdtempSync(join(ROOT, 'dist', '.readme-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('every TypeScript snippet in the README type-checks against the package\'s exports', () => {
  const ts = snippets(README).filter((s) => s.language === 'ts');
  assert.ok(ts.length >= 4);
  const files: string[] = [];
  ts.forEach((snippet, i) => {
    // A snippet that names its file (`// pipelines/orders.ts`) is that file, so that imports between them resolve.
    const named = /^\/\/ ([\w./-]+\.ts)\n/.exec(snippet.code)?.[1];
    const path = named ?? `snippet-${i}-line-${snippet.line}.ts`;
    // A fragment (`expect: [...]`) is the body of an object literal.
    const fragment = /^\w+: /.test(snippet.code.trimStart());
    const code = fragment ? `import { expect } from 'medallion';\nexport const fragment = {\n${snippet.code}};\n` : snippet.code;
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), code.includes('import ') || code.includes('export ') ? code : `${code}\nexport {};\n`);
    files.push(path);
  });
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        types: ['node'],
        // `import … from 'medallion'` is the package as built: its published declarations.
        paths: { medallion: [join(ROOT, 'dist', 'src', 'index.d.ts')] },
      },
      files,
    }),
  );
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(work, 'tsconfig.json')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
});

test('every bash snippet in the README is run here or says why it is not', () => {
  const bash = snippets(README).filter((s) => s.language === 'bash');
  const unlisted = bash.filter((s) => !BASH_BLOCKS.some((b) => s.code.startsWith(b.starts)));
  assert.deepEqual(unlisted.map((s) => `line ${s.line}: ${s.code.split('\n')[0]}`), []);
});

test('the quick start and "your own pipeline" commands run as written', () => {
  const home = tempDir();
  const bash = snippets(README).filter((s) => s.language === 'bash' && BASH_BLOCKS.some((b) => 'run' in b && s.code.startsWith(b.starts)));
  assert.equal(bash.length, 3);
  // `npx medallion` is this checkout's CLI; `npm install` and `npm test` are what runs this test already.
  const shims = `npx() { if [ "$1" = medallion ]; then shift; "${process.execPath}" "${CLI}" "$@"; else return 1; fi; }\nnpm() { :; }\nset -eo pipefail\n`;
  const script = shims + bash.map((s) => s.code).join('\n');
  const result = spawnSync('bash', ['-c', script], { cwd: home, encoding: 'utf8', env: { ...process.env, HOME: home, CI: 'true' }, timeout: 300_000 });
  assert.equal(result.status, 0, `${result.stdout.slice(-3000)}\n${result.stderr}`);
  // What the README says each command shows.
  assert.match(result.stdout, /gold\.customer_analytics \(.*\/pipeline-data\/gold\/customer_analytics\)/);
  assert.match(result.stdout, /gold\.word_count \(.*\/mapreduce-pipeline-data\/gold\/word_count\)[\s\S]*\n10 of \d[\d,]* rows\n/);
  assert.match(result.stdout, /MapReduce pattern \(map-side join\)/);
  assert.match(result.stdout, /gold\.revenue_by_country \(.*shop\/data\/orders\/gold\/revenue_by_country\)/);
  assert.match(result.stdout, /orders/);
});
