import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { MapReducePipelineConfig } from '../../../src/index.js';
import { duckdbDialect } from '../../../src/dialect/duckdb.js';
import type { Pipeline } from '../../../src/model/pipeline.js';
import { mapReducePipeline } from '../../../src/pipelines/mapreduce/index.js';
import { windowFor } from '../../../src/run/incremental/run-window.js';
import { planRun, stepStatements } from '../../../src/run/plan.js';
import { openDatasetStore } from '../../../src/storage/open-dataset-store.js';
import { partitionColumnOf } from '../../../src/storage/write-strategy.js';
import { tempDir } from '../../helpers.js';

const CLI = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url));
const SMALL = ['--events', '2000', '--users', '100', '--event-products', '20', '--seed', '3', '--as-of', '2026-01-10'];

function medallion(args: readonly string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 120_000 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** Each dataset's header line of `medallion sql`: `-- mapreduce <dataset>: <description>[ [strategy]]`, keyed by dataset. */
function strategiesPrinted(out: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of out.matchAll(/^-- mapreduce ((?:bronze|silver|gold)\.\w+): .*?(?: \[([^\]]+)\])?$/gm)) found[match[1]!] = match[2] ?? 'overwrite';
  return found;
}

test('the plan chooses each write strategy once, by the window and what is published, and `medallion sql` prints it', () => {
  const dataDir = tempDir();
  const daily = ['bronze.raw_events', 'silver.cleaned_events', 'gold.event_funnel', 'gold.revenue_analytics'];
  const merged = ['gold.device_location_analytics', 'gold.event_type_counts', 'gold.word_count'];

  // Nothing is published: a merge has no sums to start from, so it is computed whole.
  const first = strategiesPrinted(medallion(['sql', 'mapreduce', '--date', '2026-01-09', '--data-dir', dataDir, ...SMALL]));
  for (const name of daily) assert.equal(first[name], 'replace days 2026-01-09 by event_date', name);
  for (const name of merged) assert.equal(first[name], 'overwrite', name);
  assert.equal(first['gold.user_engagement'], 'overwrite');
  assert.equal(Object.keys(first).length, mapReducePipeline.datasets.length);

  medallion(['run', 'mapreduce', '--date', '2026-01-09', '--data-dir', dataDir, ...SMALL]);
  const next = strategiesPrinted(medallion(['sql', 'mapreduce', '--date', '2026-01-08', '--data-dir', dataDir, ...SMALL]));
  assert.equal(next['silver.cleaned_events'], 'replace days 2026-01-08 by event_date');
  assert.equal(next['gold.word_count'], 'merge sums of occurrences by word');
  assert.equal(next['gold.device_location_analytics'], 'merge sums of event_count by device, location');
  assert.equal(next['gold.user_engagement'], 'overwrite');

  // A full refresh keeps no previous day and merges nothing.
  const refresh = strategiesPrinted(medallion(['sql', 'mapreduce', '--from', '2026-01-08', '--to', '2026-01-09', '--full-refresh', '--data-dir', dataDir, ...SMALL]));
  assert.equal(refresh['silver.cleaned_events'], 'rebuild from days 2026-01-08, 2026-01-09 by event_date');
  for (const name of merged) assert.equal(refresh[name], 'overwrite', name);
});

test('every write of a step follows its strategy: day directories exactly for replace-days, rows per day counted exactly then', async () => {
  const config = new MapReducePipelineConfig({ events: 2_000, users: 100, products: 20, seed: 3, asOf: '2026-01-10', dataDir: tempDir() });
  const window = windowFor(mapReducePipeline, config, { date: '2026-01-09' })!;
  const store = openDatasetStore(config.dataDir);
  const plan = planRun({ pipeline: mapReducePipeline as unknown as Pipeline, config: config.withWindow(window), dialect: duckdbDialect, paths: await store.paths('r1'), runId: 'r1', startedAt: new Date() });
  const kinds = new Set<string>();
  for (const step of plan.steps) {
    kinds.add(step.strategy.kind);
    for (const write of step.writes) assert.equal(write.partitionBy, partitionColumnOf(step.strategy), step.dataset.name);
    assert.equal(step.partitions !== undefined, step.strategy.kind === 'replace-days', step.dataset.name);
    const countsDays = stepStatements(step).some((s) => s.purpose === 'rows per day written');
    assert.equal(countsDays, step.strategy.kind === 'replace-days', step.dataset.name);
  }
  assert.deepEqual([...kinds].sort(), ['overwrite', 'replace-days']);
});
