import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig } from '../../src/index.js';
import { memoryLogger, tempDir } from '../helpers.js';
import { medallion, startMedallion } from './fixtures.js';
import { pauseAt, pausedOrExited } from '../pause-points.js';

const SMALL = ['--customers', '300', '--transactions', '1500', '--products', '20', '--seed', '5', '--quiet'];
const LOCK_MESSAGE = /^medallion: \S+ is in use by another medallion run \(run \S+, pid \d+, started \d{4}-\d\d-\d\dT[\d:.]+Z\); wait for it to finish\n$/;

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeLock(dir: string, owner: { pid: number; hostname?: string; runId?: string }): void {
  mkdirSync(dir, { recursive: true });
  const lock = { hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', runId: 'R-old', command: 'run', nonce: 'n0', ...owner };
  writeFileSync(join(dir, '_medallion.lock'), JSON.stringify(lock));
}

/**
 * Starts runs of the data pipeline into `dir` together, each of which, once it holds the lock,
 * waits there until every run has either taken the lock or given up: so the holder still holds it
 * while the others try, however fast the machine. Returns how each ended, with its pid.
 */
async function runTogether(dir: string, count: number) {
  const runs = Array.from({ length: count }, () => {
    const pause = pauseAt('begin.locked');
    return { pause, run: startMedallion(['run', 'data', '--data-dir', dir, ...SMALL], pause.env) };
  });
  const states = await Promise.all(runs.map(({ pause, run }) => pausedOrExited(pause.paused, run.done)));
  for (const { pause } of runs) pause.resume();
  const ends = await Promise.all(runs.map(({ run }) => run.done));
  return { states, ends, pids: runs.map(({ run }) => run.child.pid) };
}

test('two runs started together: exactly one runs, the other exits 2 naming it', async () => {
  const dir = tempDir();
  const { states, ends: [a, b], pids } = await runTogether(dir, 2);
  assert.deepEqual([...states].sort(), ['exited', 'paused'], 'one run held the lock while the other gave up');
  const codes = [a!.code, b!.code].sort();
  assert.deepEqual(codes, [0, 2], `${a!.stderr}\n${b!.stderr}`);
  const loser = a!.code === 2 ? a! : b!;
  const winner = pids[a!.code === 2 ? 1 : 0];
  assert.match(loser.stderr, LOCK_MESSAGE);
  assert.match(loser.stderr, new RegExp(`pid ${winner},`));
  assert.equal(readdirSync(join(dir, '_runs')).length, 1);
  assert.equal(existsSync(join(dir, '_medallion.lock')), false);
});

test('a lock left by a dead process is taken over, and the run says so', async () => {
  const dir = tempDir();
  const pid = deadPid();
  writeLock(dir, { pid, runId: 'R-dead' });
  const { logger, lines } = memoryLogger();
  const manifest = await runPipeline(new DataPipelineConfig({ dataDir: dir, customers: 200, transactions: 500, products: 10 }), { logger });
  assert.equal(manifest.outcome, 'succeeded');
  assert.ok(lines.some((l) => l.includes(`WARNING - took over the lock of run R-dead (pid ${pid},`)), lines.join('\n'));
  assert.equal(existsSync(join(dir, '_medallion.lock')), false);
});

test('several runs racing for the same dead lock: exactly one takes it over', async () => {
  const dir = tempDir();
  writeLock(dir, { pid: deadPid() });
  const { states, ends } = await runTogether(dir, 3);
  assert.deepEqual([...states].sort(), ['exited', 'exited', 'paused'], 'one run took the lock over while the others gave up');
  assert.deepEqual(ends.map((e) => e.code).sort(), [0, 2, 2], ends.map((e) => e.stderr).join('\n'));
  for (const e of ends.filter((e) => e.code === 2)) assert.match(e.stderr, LOCK_MESSAGE);
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes('lock')), []);
});

test('a live lock is respected: the run refuses at once and writes nothing', () => {
  const dir = tempDir();
  writeLock(dir, { pid: process.pid, runId: 'R-live' });
  const out = medallion(['run', 'data', '--data-dir', dir, '--customers', '100']);
  assert.equal(out.code, 2);
  assert.match(out.stderr, new RegExp(`^medallion: ${dir} is in use by another medallion run \\(run R-live, pid ${process.pid}, started 2026-01-01T00:00:00.000Z\\); wait for it to finish\\n$`));
  assert.deepEqual(readdirSync(dir), ['_medallion.lock']);
});

test("a lock held on another host is never taken over: the message says which host and how to clear it", () => {
  const dir = tempDir();
  writeLock(dir, { pid: 1, hostname: 'elsewhere.example' });
  const out = medallion(['run', 'data', '--data-dir', dir, '--customers', '100']);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /pid 1 on host elsewhere\.example, .*if that host's process is gone, remove .*_medallion\.lock\n$/);
});
