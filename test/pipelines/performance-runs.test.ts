import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { RunManifest } from '../../src/model/manifest.js';
import { sql, tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SMALL = ['--sessions', '1200', '--session-users', '150', '--days', '14', '--as-of', '2026-05-04'];

function medallion(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function run(dir: string, ...args: string[]): RunManifest {
  const out = medallion('run', 'performance', '--data-dir', dir, '--quiet', ...SMALL, ...args);
  assert.equal(out.code, 0, out.stderr + out.stdout);
  const runs = readdirSync(join(dir, '_runs')).filter((f) => f.endsWith('.json')).sort();
  return JSON.parse(readFileSync(join(dir, '_runs', runs.at(-1)!), 'utf8')) as RunManifest;
}

/** sha256 of every Parquet file under the layers, by path. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.parquet')) out[full.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  for (const layer of ['bronze', 'silver', 'gold']) walk(join(dir, layer));
  return out;
}

const rowsOf = (manifest: RunManifest) => Object.fromEntries(manifest.datasets.map((d) => [d.name, d.rows]));

test('the same seed writes byte-identical Parquet files in every dataset, and another seed other sessions', () => {
  const first = tempDir();
  const second = tempDir();
  const other = tempDir();
  run(first, '--seed', '5');
  run(second, '--seed', '5');
  run(other, '--seed', '6');
  const a = fingerprint(first);
  assert.equal(Object.keys(a).length, 7);
  assert.deepEqual(fingerprint(second), a);
  const c = fingerprint(other);
  for (const path of ['bronze/sessions/part-00000.parquet', 'silver/enriched_events/part-00000.parquet', 'gold/cohort_retention/part-00000.parquet']) {
    assert.ok(a[path] && c[path] && a[path] !== c[path], `${path} differs with the seed`);
  }
});

test('a run by days generates each day on its own and keeps the days before; windows still run over the whole history', async () => {
  const dir = tempDir();
  const first = run(dir, '--from', '2026-05-01', '--to', '2026-05-02');
  const second = run(dir, '--date', '2026-05-03');
  assert.equal(second.outcome, 'succeeded');
  // 1200 sessions over 14 days: 86 a day.
  const perDay = await sql(dir, `SELECT strftime(session_date, '%Y-%m-%d') AS day, count(DISTINCT session_id) AS n FROM read_parquet('${dir}/bronze/sessions/**/*.parquet') GROUP BY ALL ORDER BY day`);
  assert.deepEqual(perDay.map((r) => [r['day'], r['n']]), [['2026-05-01', 86], ['2026-05-02', 86], ['2026-05-03', 86]]);
  assert.deepEqual(readdirSync(join(dir, 'bronze', 'sessions')).filter((d) => d.startsWith('session_date=')).sort(), ['session_date=2026-05-01', 'session_date=2026-05-02', 'session_date=2026-05-03']);
  assert.deepEqual(readdirSync(join(dir, 'gold', 'session_analytics')).filter((d) => d.startsWith('session_date=')).sort(), ['session_date=2026-05-01', 'session_date=2026-05-02', 'session_date=2026-05-03']);
  // Silver is rebuilt from every day: the third day's events continue the running totals of the first two.
  const [bronze] = await sql(dir, `SELECT count(*) AS n FROM read_parquet('${dir}/bronze/sessions/**/*.parquet')`);
  const [whole] = await sql(dir, `SELECT count(*) AS n, count(DISTINCT session_date) AS days FROM read_parquet('${dir}/silver/enriched_events/**/*.parquet')`);
  assert.deepEqual([whole!['n'], whole!['days']], [bronze!['n'], 3]);
  assert.equal(rowsOf(second)['silver.enriched_events'], Number(bronze!['n']));
  assert.ok(rowsOf(first)['silver.enriched_events']! < Number(bronze!['n']));
  const [sessions] = await sql(dir, `SELECT sum(sessions) AS n FROM read_parquet('${dir}/gold/session_analytics/**/*.parquet')`);
  assert.equal(Number(sessions!['n']), 3 * 86);
  const [carried] = await sql(
    dir,
    `SELECT count(*) AS n FROM read_parquet('${dir}/silver/enriched_events/**/*.parquet')
     WHERE session_date = DATE '2026-05-03' AND prev_event_time < TIMESTAMP '2026-05-03' AND running_total_spent > 0`,
  );
  assert.ok(Number(carried!['n']) > 0, "some users' third-day events follow their earlier days' spend");
});

test('both table formats give the same rows, by day and whole', () => {
  const parquet = tempDir();
  const delta = tempDir();
  assert.deepEqual(rowsOf(run(delta, '--table-format', 'delta')), rowsOf(run(parquet)));
  assert.ok(existsSync(join(delta, 'silver', 'enriched_events', '_delta_log')));
  const parquetDays = tempDir();
  const deltaDays = tempDir();
  run(parquetDays, '--from', '2026-05-01', '--to', '2026-05-02');
  run(deltaDays, '--from', '2026-05-01', '--to', '2026-05-02', '--table-format', 'delta');
  assert.deepEqual(rowsOf(run(deltaDays, '--date', '2026-05-03')), rowsOf(run(parquetDays, '--date', '2026-05-03')));
  assert.ok(existsSync(join(deltaDays, 'gold', 'session_analytics', '_delta_log')));
});

test('run all builds every built-in pipeline, each in a data dir of its own', () => {
  const dir = tempDir();
  const out = medallion(
    'run', 'all', '--data-dir', dir, '--quiet', '--as-of', '2026-05-04',
    '--customers', '200', '--transactions', '800', '--products', '20',
    '--events', '1500', '--users', '100', '--event-products', '20',
    '--sessions', '300', '--session-users', '60',
  );
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['catalog_all.duckdb', 'data', 'mapreduce', 'performance'], 'and one catalog over the three');
  for (const pipeline of ['data', 'mapreduce', 'performance']) {
    const runs = readdirSync(join(dir, pipeline, '_runs')).filter((f) => f.endsWith('.json'));
    const manifest = JSON.parse(readFileSync(join(dir, pipeline, '_runs', runs[0]!), 'utf8')) as RunManifest;
    assert.equal(manifest.pipeline, pipeline);
    assert.equal(manifest.outcome, 'succeeded');
  }
});

test('--scale multiplies sessions and users but not the days of history; --days beyond ten years is refused', () => {
  const dir = tempDir();
  const out = medallion('run', 'performance', '--data-dir', dir, '--scale', '0.05', '--as-of', '2026-05-04', '--dry-run');
  assert.equal(out.code, 0, out.stderr);
  // 10,000 sessions × 0.05 = 500; 30 days of history, not 1.5.
  assert.match(out.stdout, /FROM \(SELECT range AS id FROM range\(500\)\) AS ids/);
  assert.match(out.stdout, /1775260800 \+/, 'sessions start from 30 days before as-of');
  const refused = medallion('run', 'performance', '--data-dir', dir, '--days', '4000');
  assert.equal(refused.code, 2);
  assert.equal(refused.stderr, 'medallion: days must be a whole number between 1 and 3650, got 4000\n');
});
