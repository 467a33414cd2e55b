import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { tempDir } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The build this suite runs from (dist-test/), not the dist/ the clone's `medallion` runs from. */
const BUILD = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(BUILD, 'src', 'cli', 'main.js');

/** The README and every page under docs/, by path relative to the repository, README first. */
function pages(): ReadonlyArray<{ readonly path: string; readonly text: string }> {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.md')) found.push(relative(ROOT, join(dir, entry.name)));
    }
  };
  walk(join(ROOT, 'docs'));
  return ['README.md', ...found.sort()].map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}
const PAGES = pages();

interface Snippet {
  readonly page: string;
  readonly language: string;
  readonly code: string;
  readonly line: number;
}

/** The fenced code blocks of a page, with their language and first line number. */
function snippets(page: string, markdown: string): Snippet[] {
  const found: Snippet[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(fence)) {
    found.push({ page, language: m[1]!, code: m[2]!, line: markdown.slice(0, m.index).split('\n').length });
  }
  return found;
}
const SNIPPETS = PAGES.flatMap((p) => snippets(p.path, p.text));

/**
 * Every bash block is either run here (cheap, on a bare machine) or named with the reason it is not.
 * A new block fails this test until it is listed: the README cannot grow commands nobody ran.
 */
type BashBlock = { readonly page?: string; readonly starts: string } & ({ readonly run: true } | { readonly skip: string });
const BASH_BLOCKS: readonly BashBlock[] = [
  { page: 'README.md', starts: 'npm install && npx medallion run both', run: true },
  { page: 'README.md', starts: 'npx medallion show data gold/customer_analytics', run: true },
  { page: 'README.md', starts: 'npx medallion init shop && cd shop', run: true },
  { page: 'README.md', starts: 'npm pack', skip: 'test/docs/install.test.ts runs it: packs, installs into a prefix of its own, runs a project outside the clone' },
  { page: 'docs/guides/your-own-pipeline.md', starts: 'npx medallion init shop && cd shop', skip: 'the README\'s own block of the same commands is run here' },
  { page: 'docs/guides/your-own-pipeline.md', starts: 'npx medallion check orders', skip: 'runs inside a project; test/project/project-mistakes.test.ts runs check on a new one, test/project/type-check.test.ts runs tsc on it, test/project/check-spark.live.test.ts checks on Spark' },
  { starts: 'npx medallion run mapreduce --input ./logs/', skip: 'needs the reader\'s own files; inputs are tested in test/cli/inputs.test.ts' },
  { starts: 'npx medallion run both --engine spark', skip: 'needs a Spark Connect server; covered by the live Spark suites' },
  { starts: 'medallion run data --as-of 2026-03-01 --input-customers', skip: 'needs daily snapshot files; test/pipelines/customers-history.test.ts runs these commands on its own three snapshots' },
  { starts: 'medallion run data --table-format delta', skip: 'the Delta suites run these commands on their own data dirs (test/storage/delta/delta-pipelines.test.ts)' },
  { starts: 'medallion run mapreduce --date 2026-11-20', skip: 'runs over days on the default data dir; test/cli/incremental-cli.test.ts runs them on its own' },
  { starts: 'scripts/spark-server.sh start', skip: 'starts Spark servers; .ci/run starts them for the live suites and the standalone cluster' },
  { starts: '$SPARK_HOME/bin/spark-submit --class org.apache.spark.sql.connect.service.SparkConnectServer', skip: 'a recipe for a Spark install of your own; scripts/spark-server.sh runs the same class for the tests' },
];

const work = mkdtempSync(join(BUILD, '.readme-'));
after(() => rmSync(work, { recursive: true, force: true }));

const matches = (block: BashBlock, s: Snippet): boolean => (block.page === undefined || block.page === s.page) && s.code.startsWith(block.starts);

test('every TypeScript snippet in the README and the docs type-checks against the package\'s exports', () => {
  const ts = SNIPPETS.filter((s) => s.language === 'ts');
  assert.ok(ts.length >= 6);
  const files: string[] = [];
  ts.forEach((snippet, i) => {
    // A snippet that names its file (`// pipelines/orders.ts`) is that file, so that imports between the
    // snippets of one page resolve; each page is a project of its own.
    const named = /^\/\/ ([\w./-]+\.ts)\n/.exec(snippet.code)?.[1];
    const path = join(snippet.page.replace(/\.md$/, ''), named ?? `snippet-${i}-line-${snippet.line}.ts`);
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
        paths: { medallion: [join(BUILD, 'src', 'index.d.ts')] },
      },
      files,
    }),
  );
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(work, 'tsconfig.json')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
});

test('every bash snippet in the README and the docs is run here or says why it is not', () => {
  const bash = SNIPPETS.filter((s) => s.language === 'bash');
  const unlisted = bash.filter((s) => !BASH_BLOCKS.some((b) => matches(b, s)));
  assert.deepEqual(unlisted.map((s) => `${s.page}:${s.line}: ${s.code.split('\n')[0]}`), []);
  // A listed block that no page has any more is a stale entry.
  const unused = BASH_BLOCKS.filter((b) => !bash.some((s) => matches(b, s)));
  assert.deepEqual(unused.map((b) => b.starts), []);
});

test('every relative link of the README and the docs resolves, to a heading where it names one', () => {
  const anchors = (markdown: string): Set<string> =>
    new Set([...markdown.replace(/^```[\s\S]*?^```$/gm, '').matchAll(/^#+ (.*)$/gm)].map((m) =>
      m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'),
    ));
  const broken: string[] = [];
  for (const page of PAGES) {
    const prose = page.text.replace(/^```[\s\S]*?^```$/gm, '');
    for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/.test(target)) continue;
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const path = file === '' ? join(ROOT, page.path) : join(ROOT, dirname(page.path), file);
      if (!existsSync(path)) broken.push(`${page.path}: ${target} (no such file)`);
      else if (anchor !== undefined && path.endsWith('.md') && !anchors(readFileSync(path, 'utf8')).has(anchor)) broken.push(`${page.path}: ${target} (no such heading)`);
    }
  }
  assert.deepEqual(broken, []);
});

test('every command has a reference page that names each of its flags', () => {
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout;
  const commands = [...help.matchAll(/^  (\w+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  assert.ok(commands.includes('run') && commands.includes('status'));
  const missing: string[] = [];
  for (const command of commands) {
    const page = join(ROOT, 'docs', 'reference', 'commands', `${command}.md`);
    if (!existsSync(page)) { missing.push(`${command}: no page`); continue; }
    const text = readFileSync(page, 'utf8');
    const flags = [...spawnSync(process.execPath, [CLI, command, '--help'], { encoding: 'utf8' }).stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!);
    for (const flag of flags) if (flag !== '--help' && !text.includes(flag)) missing.push(`${command}: ${flag}`);
  }
  assert.deepEqual(missing, []);
});

test('the quick start and "your own pipeline" commands run as written', () => {
  const home = tempDir();
  const bash = SNIPPETS.filter((s) => s.language === 'bash' && BASH_BLOCKS.some((b) => 'run' in b && matches(b, s)));
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
