import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { edit, project } from './scaffolded-project.js';

/** The medallion checkout the tests run from: what a new project's `file:` dependency points at. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** `npx tsc --noEmit` in the project, with medallion linked the way `npm install` links a `file:` dependency. */
function typeCheck(dir: string) {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '-p', dir], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, out: result.stdout + result.stderr };
}

function linkMedallion(dir: string): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'medallion'), 'dir');
}

/** The 1-based line of the first occurrence of `text` in the project's pipeline. */
function lineOf(dir: string, text: string): number {
  const lines = readFileSync(join(dir, 'pipelines/orders.ts'), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `no line holds ${text}`);
  return index + 1;
}

test('init writes a package.json depending on this medallion and TypeScript, and a strict tsconfig over the pipelines', () => {
  const dir = project();
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(pkg, {
    name: 'demo',
    private: true,
    type: 'module',
    scripts: { typecheck: 'tsc --noEmit', check: 'medallion check' },
    devDependencies: { medallion: `file:${ROOT}`, typescript: ours.devDependencies.typescript },
  });
  const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
  assert.equal(tsconfig.compilerOptions.strict, true);
  assert.equal(tsconfig.compilerOptions.noEmit, true);
  assert.deepEqual(tsconfig.include, ['medallion.config.ts', 'pipelines']);
  assert.match(readFileSync(join(dir, 'README.md'), 'utf8'), /`npx tsc --noEmit` type-checks the pipelines/);
});

test('tsc passes on the scaffold and names each mistake a user makes in a definition, at its line', () => {
  const dir = project();
  linkMedallion(dir);
  const clean = typeCheck(dir);
  assert.equal(clean.code, 0, clean.out);
  assert.equal(clean.out, '');

  edit(dir, "keep: [{ name: 'not_cancelled'", "kepp: [{ name: 'not_cancelled'");
  edit(dir, "{ action: 'drop', name: 'positive_amount' }", "{ action: 'dorp', name: 'positive_amount' }");
  edit(dir, "expect.notNull('country', { action: 'quarantine' })", "expect.notNull('country', { action: 'quarantine', severity: 'high' })");
  const broken = typeCheck(dir);
  assert.notEqual(broken.code, 0);
  const errors = broken.out.split('\n').filter((line) => /error TS\d+/.test(line));
  assert.equal(errors.length, 3, broken.out);
  assert.match(errors.find((e) => e.includes('kepp')) ?? '', new RegExp(`^pipelines/orders\\.ts\\(${lineOf(dir, 'kepp:')},\\d+\\): error TS\\d+: .*'kepp'`));
  assert.match(errors.find((e) => e.includes('dorp')) ?? '', new RegExp(`^pipelines/orders\\.ts\\(${lineOf(dir, "'dorp'")},\\d+\\): error TS\\d+: .*"dorp"`));
  assert.match(errors.find((e) => e.includes('severity')) ?? '', new RegExp(`^pipelines/orders\\.ts\\(${lineOf(dir, 'severity')},\\d+\\): error TS\\d+: .*'severity'`));
});
