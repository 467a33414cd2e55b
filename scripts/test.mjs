#!/usr/bin/env node
// Runs the compiled test suites of dist-test/ (built by `npm run build:test`, never the dist/ the
// CLI runs from). `node scripts/test.mjs` runs every suite that needs only Node; `--live` runs the
// live suites (files named *.live.test.ts): Spark through SPARK_REMOTE, the project's Python
// readers (delta-rs, pyspark, Python's DuckDB and SQLAlchemy), and the browser. Each mode ends
// with one line saying what it ran and what it did not.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testDir = join(root, 'dist-test', 'test');
const live = process.argv.includes('--live');

/** Every compiled test file under dir, sorted, as paths relative to the repository. */
function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(path));
    else if (entry.name.endsWith('.test.js')) found.push(relative(root, path));
  }
  return found.sort();
}

const all = testFiles(testDir);
const isLive = (file) => file.endsWith('.live.test.js');
const chosen = all.filter((file) => isLive(file) === live);
const others = all.length - chosen.length;

// Node's default is one file at a time on two cores (cores - 1); most suites wait on child
// processes and files rather than on the CPU, so two files at a time (the live suites one at a
// time: they share one Spark server and start JVMs) halves the wall time on a small machine.
const concurrency = live ? 1 : Math.max(2, availableParallelism() - 1);
const run = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...chosen], { cwd: root, stdio: 'inherit' });
const status = run.status ?? 1;

const outcome = status === 0 ? 'passed' : 'FAILED';
if (live) {
  console.log(`test:live ${outcome}: ran the ${chosen.length} live suites (each says above why it skipped, if it did); npm test runs the other ${others}.`);
} else {
  console.log(
    `npm test ${outcome}: ran the ${chosen.length} suites that need only Node; not run: the ${others} live suites (Spark via SPARK_REMOTE, the Python readers, the browser): npm run test:live`,
  );
}
process.exit(status);
