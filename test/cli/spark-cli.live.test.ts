import assert from 'node:assert/strict';
import { readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { RunManifest } from '../../src/model/manifest.js';
import { tempDir } from '../helpers.js';
import { medallion } from '../storage/fixtures.js';

/**
 * The CLI with --engine spark against a live Spark Connect server: run, --select, show, explain,
 * quality, history, rollback, and a Spark-side error.
 */
const remote = process.env['SPARK_REMOTE'];
const skip = remote ? false : 'live Spark CLI tests skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start prints it)';

const dir = tempDir();
const SIZE = ['--scale', '0.02', '--as-of', '2026-03-01'];
const runIds: string[] = [];
const manifestOf = (runId: string) => JSON.parse(readFileSync(join(dir, '_runs', `${runId}.json`), 'utf8')) as RunManifest;
const lastRunId = () => readdirSync(join(dir, '_runs')).sort().at(-1)!.replace(/\.json$/, '');
const rowsOf = (out: string) => /^(?:[\d,]+ of )?([\d,]+) rows\b/m.exec(out)?.[1];

before(() => {
  if (!remote) return;
  const out = medallion(['run', 'mapreduce', '--engine', 'spark', '--data-dir', dir, ...SIZE, '--seed', '3', '--quiet']);
  assert.equal(out.code, 0, out.stderr);
  runIds.push(lastRunId());
});

test('live Spark CLI: explain shows the broadcast join of the map-side join and the shuffle of the reduce-side join', { skip }, () => {
  const mapSide = medallion(['explain', 'mapreduce', 'gold/product_revenue', '--engine', 'spark', '--data-dir', dir, ...SIZE]);
  assert.equal(mapSide.code, 0, mapSide.stderr);
  assert.match(mapSide.stdout, /-- physical plan \(Spark [34]\.\d+\.\d+\)/);
  assert.match(mapSide.stdout, /BroadcastHashJoin/);
  assert.match(mapSide.stdout, /BroadcastExchange/);
  assert.doesNotMatch(mapSide.stdout, /SortMergeJoin/);
  const reduceSide = medallion(['explain', 'mapreduce', 'gold/user_segments', '--engine', 'spark', '--data-dir', dir, ...SIZE]);
  assert.equal(reduceSide.code, 0, reduceSide.stderr);
  assert.match(reduceSide.stdout, /SortMergeJoin/);
  assert.match(reduceSide.stdout, /Exchange hashpartitioning\(user_id/);
  assert.doesNotMatch(reduceSide.stdout, /BroadcastHashJoin/);
});

test('live Spark CLI: show on Spark prints what DuckDB reads from the same files', { skip }, () => {
  const onSpark = medallion(['show', 'mapreduce', 'gold/top_users', '--engine', 'spark', '--data-dir', dir, '--limit', '100']);
  const onDuck = medallion(['show', 'mapreduce', 'gold/top_users', '--data-dir', dir, '--limit', '100']);
  assert.equal(onSpark.code, 0, onSpark.stderr);
  assert.equal(rowsOf(onSpark.stdout), '10');
  const sortedLines = (text: string) => text.split('\n').filter((l) => l.startsWith('│')).sort();
  assert.deepEqual(sortedLines(onSpark.stdout), sortedLines(onDuck.stdout));
});

test('live Spark CLI: quality prints the expectations of the Spark run, as its manifest has them', { skip }, () => {
  const out = medallion(['quality', 'mapreduce', '--data-dir', dir, '--format', 'json']);
  assert.equal(out.code, 0, out.stderr);
  const printed = JSON.parse(out.stdout) as { runId: string; expectations: Array<{ dataset: string; name: string; status: string; failures: number }> };
  const manifest = manifestOf(runIds[0]!);
  assert.equal(printed.runId, runIds[0]);
  const expected = manifest.datasets.flatMap((d) => d.expectations.map((e) => [d.name, e.name, e.status, e.failures]));
  assert.ok(expected.length > 20);
  assert.deepEqual(printed.expectations.map((e) => [e.dataset, e.name, e.status, e.failures]), expected);
  const table = medallion(['quality', 'mapreduce', '--data-dir', dir]);
  assert.match(table.stdout, /silver\.cleaned_events\s+│ parses_as_json\s+│ custom\s+│ quarantine/);
});

test('live Spark CLI: --select builds only the selection on Spark and reads the rest from disk; history and rollback follow', { skip }, () => {
  const out = medallion(['run', 'mapreduce', '--engine', 'spark', '--data-dir', dir, ...SIZE, '--seed', '3', '--select', 'gold.top_users', 'gold.word_count', '--quiet']);
  assert.equal(out.code, 0, out.stderr);
  runIds.push(lastRunId());
  const selected = manifestOf(runIds[1]!);
  assert.equal(selected.outcome, 'succeeded');
  assert.deepEqual(selected.datasets.map((d) => d.name).sort(), ['gold.top_users', 'gold.word_count']);
  assert.equal(selected.engine.name, 'spark');

  const history = medallion(['history', 'mapreduce', 'gold/top_users', '--data-dir', dir]);
  assert.equal(history.code, 0, history.stderr);
  assert.match(history.stdout, new RegExp(`\\*  ${runIds[1]}`));
  assert.match(history.stdout, new RegExp(`   ${runIds[0]}`));
  assert.match(medallion(['history', 'mapreduce', 'silver/cleaned_events', '--data-dir', dir]).stdout, /\(1 version kept/);

  const rollback = medallion(['rollback', 'mapreduce', runIds[0]!, '--data-dir', dir]);
  assert.equal(rollback.code, 0, rollback.stderr);
  assert.match(rollback.stdout, new RegExp(`gold/top_users: ${runIds[1]} -> ${runIds[0]}`));
  assert.match(medallion(['history', 'mapreduce', 'gold/top_users', '--data-dir', dir]).stdout, new RegExp(`\\*  ${runIds[0]}`));
  const shown = medallion(['show', 'mapreduce', 'gold/top_users', '--engine', 'spark', '--data-dir', dir, '--limit', '1']);
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal(rowsOf(shown.stdout), '10');
});

test("live Spark CLI: a Spark-side error reaches the user as Spark's own message in one line, exit 1, nothing published", { skip }, () => {
  // A dataset whose files are gone (its record and _SUCCESS stay): medallion plans the read, and
  // only Spark finds out that there is nothing to read.
  const before = readdirSync(join(dir, '_versions', 'gold', 'top_users')).sort();
  const silver = realpathSync(join(dir, 'silver', 'cleaned_events'));
  for (const file of readdirSync(silver).filter((f) => f.endsWith('.parquet'))) rmSync(join(silver, file));
  const out = medallion(['run', 'mapreduce', '--engine', 'spark', '--data-dir', dir, ...SIZE, '--select', 'gold.top_users', '--quiet']);
  assert.equal(out.code, 1, out.stderr);
  const errors = (out.stdout + out.stderr).split('\n').filter((l) => / - ERROR - /.test(l));
  assert.match(errors[0]!, /^.* - ERROR - Pipeline failed with error: gold\.top_users: .*(UNABLE_TO_INFER_SCHEMA|Unable to infer schema|PATH_NOT_FOUND|FAILED_READ_FILE)/);
  // Spark's message, not a gRPC dump and not a JavaScript stack.
  assert.doesNotMatch(out.stdout + out.stderr, /\n\s+at |grpc|StatusRuntimeException/i);
  assert.deepEqual(readdirSync(join(dir, '_versions', 'gold', 'top_users')).sort(), before, 'no new version of gold.top_users');
  assert.deepEqual(manifestOf(lastRunId()).unpublished?.includes('gold.top_users'), true);
});
