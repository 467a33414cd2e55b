import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';
import { pauseAt, pausedOrExited } from '../pause-points.js';
import { CLI, type Finished } from './fixtures.js';

/**
 * A container's every process is pid 1: a run killed there (`docker kill`, the OOM killer) leaves a
 * lock whose pid the next run has too. Each run here is pid 1 of a pid namespace of its own, as in
 * a container, and the first is killed with SIGKILL from outside while it holds the lock.
 */

const SMALL = ['--customers', '300', '--transactions', '1500', '--products', '20', '--seed', '5', '--as-of', '2026-01-10'];
const FORMATS = [
  { name: 'versioned Parquet', flags: [] as string[] },
  { name: 'Delta', flags: ['--table-format', 'delta'] },
];

function whyNoPidNamespace(): string | undefined {
  const probe = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'sh', '-c', 'echo $$'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === '1') return undefined;
  return `unshare --pid --fork --mount-proc is not permitted here: ${(probe.stderr || probe.error?.message || probe.stdout).trim()}`;
}
const skip = whyNoPidNamespace();

/** The CLI as pid 1 of a new pid namespace; `pid()` is its pid as this test sees it (the child of `unshare`). */
function medallionAsPidOne(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, CLI, ...args], {
    env: { ...process.env, CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const pid = () => Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]);
  return { done, pid };
}

for (const format of FORMATS) {
  test(`${format.name}: a run killed as pid 1 of its namespace leaves its lock to the next pid 1, which takes it over and publishes`, { skip }, async () => {
    const dir = tempDir();
    // Killed part-way through building: bronze is staged, silver is being counted.
    const pause = pauseAt('build.counted@silver.transactions_clean');
    const killed = medallionAsPidOne(['run', 'data', '--data-dir', dir, ...SMALL, ...format.flags], pause.env);
    assert.equal(await pausedOrExited(pause.paused, killed.done), 'paused', 'the first run reached the pause');
    const lock = JSON.parse(readFileSync(join(dir, '_medallion.lock'), 'utf8')) as { pid: number; runId: string };
    assert.equal(lock.pid, 1, 'the run holding the lock is pid 1 of its namespace');
    process.kill(killed.pid(), 'SIGKILL');
    const end = await killed.done;
    assert.notEqual(end.code, 0);
    assert.ok(existsSync(join(dir, '_medallion.lock')), 'the killed run left its lock');

    const next = medallionAsPidOne(['run', 'data', '--data-dir', dir, ...SMALL, ...format.flags]);
    const out = await next.done;
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stderr, new RegExp(`WARNING - took over the lock of run ${lock.runId} \\(pid 1, started \\S+\\), which is no longer running`));
    assert.match(out.stdout, /PIPELINE EXECUTION COMPLETED|succeeded/i);
    assert.equal(existsSync(join(dir, '_medallion.lock')), false);
    const shown = spawnSync(process.execPath, [CLI, 'show', 'data', 'silver/transactions_clean', '--data-dir', dir, '--limit', '1'], { encoding: 'utf8' });
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /\d[\d,]* rows/);
  });
}
