import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../../src/api.js';
import { DataPipelineConfig } from '../../../src/index.js';
import { readHistory, readSnapshot } from '../../../src/storage/formats/delta/index.js';
import { deltaLogDir } from '../../../src/storage/formats/delta/log-paths.js';
import { latestVersion, listLog, replayLog } from '../../../src/storage/formats/delta/replay.js';
import { datasetDir } from '../../../src/storage/layout.js';
import { memoryLogger, reader, tempDir } from '../../helpers.js';
import { DATA_DATASETS, medallion, sizes, startMedallion } from '../fixtures.js';

interface KillPoint {
  readonly label: string;
  readonly fraction?: number;
  readonly fault?: string;
}

const TIMED = 8;
const COMMIT_STEPS = ['delta.publish.start', 'delta.publish.placed', 'delta.commit.written', 'delta.commit.flushed', 'delta.commit.linked', 'delta.publish.committed'];

/**
 * Every dataset reads as a whole commit: the latest commit replays, every file it names exists,
 * and the rows in those files are the rows its statistics promise.
 */
async function verifyTables(dataDir: string): Promise<string[]> {
  const problems: string[] = [];
  const engine = await reader();
  for (const dataset of DATA_DATASETS) {
    const table = datasetDir(dataDir, dataset);
    if (latestVersion(listLog(table)) === undefined) continue;
    try {
      const snapshot = await readSnapshot(table);
      const missing = snapshot.files.filter((f) => !existsSync(f));
      if (missing.length) {
        problems.push(`${dataset}: version ${snapshot.version} names missing files ${missing.join(', ')}`);
        continue;
      }
      const [row] = await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.readTable(snapshot.files, 'parquet')}`);
      if (Number(row?.['n']) !== snapshot.rows) problems.push(`${dataset}: ${String(row?.['n'])} rows read, version ${snapshot.version} promises ${snapshot.rows}`);
    } catch (error) {
      problems.push(`${dataset}: not readable: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** After a clean run: no staging, no orphan data files, no temporaries in the log. */
async function leftovers(dataDir: string, keep: number): Promise<string[]> {
  const problems: string[] = [];
  for (const dataset of DATA_DATASETS) {
    const table = datasetDir(dataDir, dataset);
    const latest = latestVersion(listLog(table))!;
    const referenced = new Set<string>();
    for (let v = Math.max(0, latest - keep + 1); v <= latest; v++) for (const f of (await replayLog(table, v)).files) referenced.add(f.path);
    const stray = readdirSync(table).filter((n) => !n.startsWith('_') && !referenced.has(n));
    if (stray.length) problems.push(`${dataset}: unreferenced files left: ${stray.join(', ')}`);
    if (existsSync(join(table, '_medallion_staging'))) problems.push(`${dataset}: staging left`);
    const temps = readdirSync(deltaLogDir(table)).filter((n) => n.startsWith('.'));
    if (temps.length) problems.push(`${dataset}: temporaries left in the log: ${temps.join(', ')}`);
  }
  return problems;
}

test('SIGKILL inside Delta commits leaves every table at its last commit; the next run commits and vacuums the orphans', async (t) => {
  const dir = tempDir('medallion-delta-crash-');
  let seed = 1;
  const run = (extra: string[] = []) => ['run', 'data', '--data-dir', dir, '--table-format', 'delta', ...sizes(seed++), '--keep', '2', '--quiet', ...extra];
  assert.equal(medallion(run()).code, 0);
  const started = performance.now();
  assert.equal(medallion(run()).code, 0);
  let wholeRunMs = performance.now() - started;

  const points: KillPoint[] = [];
  for (let i = 0; i < TIMED; i++) points.push({ label: `${Math.round(((i + 0.5) / TIMED) * 100)}% into a run`, fraction: (i + 0.5) / TIMED });
  for (const step of COMMIT_STEPS) points.push({ label: `${step} of silver.transactions_clean`, fault: `${step}@${step.startsWith('delta.commit') ? 'transactions_clean' : 'silver.transactions_clean'}=kill` });
  points.push({ label: 'checkpoint written, not yet renamed', fault: 'delta.checkpoint.written@customer_analytics=kill' });

  let killed = 0;
  const failures: string[] = [];
  for (const point of points) {
    if (point.fault?.startsWith('delta.checkpoint')) {
      // The checkpoint is due on the tenth commit: run until the table is one commit short of it.
      const table = datasetDir(dir, 'gold.customer_analytics');
      while ((latestVersion(listLog(table)) ?? 0) % 10 !== 9) assert.equal(medallion(run()).code, 0);
    }
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
        wholeRunMs = performance.now() - spawned;
        continue;
      }
      failures.push(`${point.label}: the run was not killed (exit ${end.code}): ${end.stderr.trim()}`);
      break;
    }
    failures.push(...(await verifyTables(dir)).map((p) => `${point.label}: ${p}`));

    const { logger } = memoryLogger();
    const next = await runPipeline(new DataPipelineConfig({ dataDir: dir, customers: 300, transactions: 1000, products: 20, seed: seed++, asOf: '2026-01-10' }), { logger, keep: 2, tableFormat: 'delta' });
    if (next.outcome !== 'succeeded') failures.push(`${point.label}: the next run failed: ${next.error?.message}`);
    failures.push(...(await verifyTables(dir)).map((p) => `${point.label}, next run: ${p}`));
    failures.push(...(await leftovers(dir, 2)).map((p) => `${point.label}, next run: ${p}`));
    for (const dataset of DATA_DATASETS) {
      if (readHistory(datasetDir(dir, dataset))[0]?.runId !== next.runId) failures.push(`${point.label}: ${dataset}'s latest commit is not the next run's`);
    }
    if (existsSync(join(dir, '_staging')) || existsSync(join(dir, '_medallion.lock'))) failures.push(`${point.label}: staging or lock left after the next run`);
  }
  const checkpointed = readdirSync(deltaLogDir(datasetDir(dir, 'gold.customer_analytics'))).filter((n) => n.endsWith('.checkpoint.parquet'));

  t.diagnostic(`kill points: ${points.length}, runs killed: ${killed}, checkpoints: ${checkpointed.join(', ')}, failures: ${failures.length}`);
  for (const f of failures) t.diagnostic(f);
  assert.deepEqual(failures, []);
  assert.ok(killed >= points.length - 2, `only ${killed} of ${points.length} runs were killed`);
  assert.ok(checkpointed.length >= 1);
});
