import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** The real CLI, run in `cwd` as a user runs it. */
export function medallion(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new project made by `medallion init`, as a user starts one. */
export function project(): string {
  const parent = tempDir();
  const made = medallion(parent, 'init', 'demo');
  assert.equal(made.code, 0, made.stderr);
  return join(parent, 'demo');
}

/** Replaces `from` by `to` in a file of the project (the scaffold's pipeline by default), which must still hold `from`. */
export function edit(dir: string, from: string, to: string, file = 'pipelines/orders.ts'): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `the scaffold no longer has: ${from}`);
  writeFileSync(path, text.replace(from, to));
}
