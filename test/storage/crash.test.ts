import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig } from '../../src/index.js';
import { memoryLogger, tempDir } from '../helpers.js';
import { medallion, sizes, startMedallion, verifyDataDir } from './fixtures.js';
import { LocalDatasetStore } from '../../src/storage/formats/parquet-versions/local-dataset-store.js';

interface KillPoint {
  readonly label: string;
  /** Kill after this fraction of a whole run's wall time… */
  readonly fraction?: number;
  /** …or let the run kill itself at this named step of the storage protocol (MEDALLION_FAULTS). */
  readonly fault?: string;
}

const TIMED = 16;
const PROTOCOL_STEPS = ['publish.start', 'publish.after-fsync', 'publish.staged', 'publish.versioned', 'publish.switched', 'publish.logged'];
/** Instants of the run-level commit, which makes every staged dataset current together. */
const COMMIT_STEPS = ['commit.recorded', 'commit.done'];
const PROTOCOL_DATASETS = ['bronze.transactions', 'gold.category_analytics'];

test('SIGKILL at any instant leaves every dataset readable as a published version, and the next run succeeds', async (t) => {
  const dir = tempDir('medallion-crash-');
  let seed = 1;
  const run = (extra: string[] = []) => ['run', 'data', '--data-dir', dir, ...sizes(seed++), '--keep', '2', '--quiet', ...extra];
  assert.equal(medallion(run()).code, 0);
  const started = performance.now();
  assert.equal(medallion(run()).code, 0);
  let wholeRunMs = performance.now() - started;

  const points: KillPoint[] = [];
  for (let i = 0; i < TIMED; i++) {
    const fraction = (i + 0.5) / TIMED;
    points.push({ label: `${Math.round(fraction * 100)}% into a run`, fraction });
  }
  points.push({ label: 'lock just taken', fault: 'begin.locked=kill' }, { label: 'recovery done', fault: 'begin.recovered=kill' });
  for (const dataset of PROTOCOL_DATASETS) {
    for (const step of PROTOCOL_STEPS) points.push({ label: `${step} of ${dataset}`, fault: `${step}@${dataset}=kill` });
  }
  for (const step of COMMIT_STEPS) points.push({ label: `${step} of the run`, fault: `${step}=kill` });
  points.push(
    { label: 'publish log written, not flushed', fault: 'write-file.before-fsync@_log.json=kill' },
    { label: 'old version renamed away by pruning', fault: 'prune.renamed@bronze.customers=kill' },
  );

  let killed = 0;
  let finishedFirst = 0;
  const failures: string[] = [];
  for (const point of points) {
    // Run times vary on a loaded machine: a run that finishes before its kill teaches us its
    // duration, and the point is tried again at the same fraction of it.
    for (let attempt = 0; attempt < 4; attempt++) {
      const victim = startMedallion(run(), point.fault ? { MEDALLION_FAULTS: point.fault } : {});
      const spawned = performance.now();
      const timer = point.fraction === undefined ? undefined : setTimeout(() => victim.child.kill('SIGKILL'), point.fraction * wholeRunMs);
      const end = await victim.done;
      clearTimeout(timer);
      if (end.signal === 'SIGKILL') {
        killed++;
        break;
      }
      if (end.code === 0 && !point.fault) {
        finishedFirst++;
        wholeRunMs = performance.now() - spawned;
        continue;
      }
      failures.push(`${point.label}: the run was not killed (exit ${end.code}): ${end.stderr.trim()}`);
      break;
    }

    const afterKill = await verifyDataDir(dir);
    failures.push(...afterKill.problems.map((p) => `${point.label}: ${p}`));

    // Once recovery has run (as the next writer does first), every dataset is from one run:
    // the killed run's commit is finished, or nothing of it is left.
    const recovery = await new LocalDatasetStore(dir).beginWrite(`recovery-check-${killed}`, 'rollback');
    await recovery.end();
    const recovered = await verifyDataDir(dir);
    failures.push(...recovered.problems.map((p) => `${point.label}, after recovery: ${p}`));
    const runs = new Set(recovered.checks.map((c) => c.versionId));
    if (runs.size !== 1) failures.push(`${point.label}: after recovery, datasets are from ${runs.size} runs: ${[...runs].join(', ')}`);

    // The next run must succeed, take over the dead run's lock and leave nothing behind.
    const { logger } = memoryLogger();
    const next = await runPipeline(new DataPipelineConfig({ dataDir: dir, customers: 300, transactions: 1000, products: 20, seed: seed++, asOf: '2026-01-10' }), { logger, keep: 2 });
    if (next.outcome !== 'succeeded') failures.push(`${point.label}: the next run failed: ${next.error?.message}`);
    const afterNext = await verifyDataDir(dir);
    failures.push(...afterNext.problems.map((p) => `${point.label}, next run: ${p}`));
    if (afterNext.checks.some((c) => c.versionId !== next.runId)) failures.push(`${point.label}: the next run's versions are not all current`);
    if (existsSync(join(dir, '_staging')) || existsSync(join(dir, '_medallion.lock'))) failures.push(`${point.label}: staging or lock left after the next run`);
    for (const layer of ['bronze', 'silver', 'gold']) {
      const stray = readdirSync(join(dir, layer)).filter((n) => n.startsWith('.'));
      if (stray.length) failures.push(`${point.label}: temporary entries left in ${layer}: ${stray.join(', ')}`);
    }
  }

  t.diagnostic(`kill points tried: ${points.length} (${TIMED} at fractions of a ${Math.round(wholeRunMs)} ms run, ${points.length - TIMED} at named storage steps)`);
  t.diagnostic(`runs killed: ${killed}, finished before their kill: ${finishedFirst}, failures found: ${failures.length}`);
  for (const f of failures) t.diagnostic(f);
  assert.deepEqual(failures, []);
  assert.ok(points.length >= 30);
  assert.ok(killed >= 30, `only ${killed} runs were killed`);
});
