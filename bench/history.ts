/**
 * What a long run history costs a run: `node dist/bench/history.js [--scale 1] [--runs 3]
 * [--days 365]` prints one JSON line. It runs `medallion run both` once into a temporary data
 * dir, copies that data dir and gives each pipeline of the copy `--days` runs of history: copies of
 * its run manifest under earlier run ids, one a day, as a pipeline run daily for that long has. It
 * then times whole `run both` processes into the two, alternating: each run rewrites the catalogs,
 * which show every run recorded.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PIPELINE_GROUPS } from '../src/pipelines/registry.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, days: { type: 'string', default: '365' } } });
const runs = Number(values.runs);
const days = Number(values.days);
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const runBoth = (dataDir: string) => {
  const started = performance.now();
  const out = spawnSync(process.execPath, [cli, 'run', 'both', '--quiet', '--scale', values.scale, '--data-dir', dataDir, '--as-of', '2026-01-15']);
  if (out.status !== 0) throw new Error(`run both failed: ${out.stderr.toString()}`);
  return (performance.now() - started) / 1000;
};

const root = mkdtempSync(join(tmpdir(), 'medallion-history-'));
try {
  const fresh = join(root, 'fresh');
  runBoth(fresh);
  const long = join(root, 'long');
  cpSync(fresh, long, { recursive: true });
  for (const pipeline of PIPELINE_GROUPS['both']!) {
    const runsDir = join(long, pipeline, '_runs');
    const [file] = readdirSync(runsDir).filter((f) => f.endsWith('.json'));
    const runId = file!.slice(0, -'.json'.length);
    const text = readFileSync(join(runsDir, file!), 'utf8');
    for (let day = 1; day < days; day++) {
      const earlier = new Date(Date.UTC(2025, 0, 15) - day * 86_400_000).toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z');
      const id = `${earlier}-${pipeline.slice(0, 2)}${String(day).padStart(4, '0')}`;
      writeFileSync(join(runsDir, `${id}.json`), text.replaceAll(runId, id));
    }
  }
  const freshSeconds: number[] = [];
  const longSeconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    freshSeconds.push(runBoth(fresh));
    longSeconds.push(runBoth(long));
  }
  process.stdout.write(
    `${JSON.stringify({ days, fresh: median(freshSeconds), long: median(longSeconds), extra: median(longSeconds.map((l, i) => l - freshSeconds[i]!)), freshRuns: freshSeconds, longRuns: longSeconds })}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
