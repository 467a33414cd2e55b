/**
 * The yardstick beside medallion's figures: a plain Polars port of the two pipelines, a folder
 * (`shared/peers/polars` beside the project or above it, or `--port-dir`) with a `run.mjs` that
 * takes `both --scale S --data-dir DIR`. It is run from a temporary copy, never from the project;
 * its `npm install` is done once and kept in `.bench-cache/` (git-ignored), keyed by its lock file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface PolarsPort {
  /** The `node` arguments of one run of both pipelines at `scale` into `dataDir`. */
  args(scale: number, dataDir: string): string[];
  /** Removes the temporary copy. */
  remove(): void;
}

/** The port's folder: the one given, else `shared/peers/polars` in the project's folder or one above it. */
export function findPortDir(projectRoot: string, given?: string): string {
  const candidates = given ? [resolve(given)] : ancestors(projectRoot).map((dir) => join(dir, 'shared', 'peers', 'polars'));
  const found = candidates.find((dir) => existsSync(join(dir, 'run.mjs')));
  if (!found) {
    throw new Error(`bench: --vs-port found no run.mjs in ${candidates.join(', ')}; give the port's folder with --port-dir DIR`);
  }
  return found;
}

function ancestors(dir: string): string[] {
  const all = [resolve(dir)];
  while (dirname(all.at(-1)!) !== all.at(-1)) all.push(dirname(all.at(-1)!));
  return all;
}

/** A temporary copy of the port with its dependencies in place, installed once per lock file. */
export function preparePort(portDir: string, projectRoot: string): PolarsPort {
  const copy = mkdtempSync(join(tmpdir(), 'medallion-bench-port-'));
  cpSync(portDir, copy, { recursive: true, filter: (src) => !src.split('/').includes('node_modules') });
  const lock = ['package-lock.json', 'package.json'].map((f) => join(copy, f)).find(existsSync);
  const key = createHash('sha256').update(lock ? readFileSync(lock) : '').digest('hex').slice(0, 16);
  const cached = join(projectRoot, '.bench-cache', `polars-port-${key}`, 'node_modules');
  if (!existsSync(cached)) {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: copy, stdio: ['ignore', 'ignore', 'inherit'] });
    // Copied (the temporary folder may be on another file system), then renamed: never half there.
    mkdirSync(dirname(cached), { recursive: true });
    cpSync(join(copy, 'node_modules'), `${cached}.partial`, { recursive: true, verbatimSymlinks: true });
    renameSync(`${cached}.partial`, cached);
    rmSync(join(copy, 'node_modules'), { recursive: true, force: true });
  }
  symlinkSync(cached, join(copy, 'node_modules'), 'dir');
  return {
    args: (scale, dataDir) => [join(copy, 'run.mjs'), 'both', '--scale', String(scale), '--data-dir', dataDir],
    remove: () => rmSync(copy, { recursive: true, force: true }),
  };
}
