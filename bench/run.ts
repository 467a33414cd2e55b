/**
 * `npm run bench [-- --scales 1,10,100 --runs 5 --floor --caching --history 365 --vs-port --engine spark]`: runs every built-in pipeline at each scale in a
 * temporary directory, several times, and prints per pipeline the median wall seconds, rows
 * written, rows per second, peak RSS and per-layer seconds, plus the time of a whole
 * `medallion run both` process (Node start included). `--floor` adds the write floor: the same
 * write statements alone, dataset after dataset (bench/floor.ts), and the ratio of a run to it.
 * `--caching` adds what caching the performance pipeline's windowed silver events saves its gold
 * queries, and what the cache costs (bench/caching.ts). `--history N` adds what N days of run
 * history cost a `run both` process, against a data dir with none (bench/history.ts). The figures are also written as JSON
 * to bench/results/. `--vs-port` also times a plain Polars port of the `run both` pipelines
 * (bench/polars-port.ts) at each scale, its processes alternating with medallion's, and prints its
 * figures beside them. With `--engine spark` (default scales 0.1,1) the runs go to the Spark Connect
 * server of `SPARK_REMOTE` (or `--remote`), e.g. the one `scripts/spark-server.sh start` starts, and
 * print the statements each run sends; the Spark jobs it costs too with `--spark-ui URL` (the
 * server's UI), or with `--own-server`, which starts a server of its own with its UI
 * (`scripts/spark-server.sh start --name bench`) and stops it at the end: jobs are counted right
 * only on a server no one else uses.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'node:net';
import { goalLines, sparkGoalLines } from './goals.js';
import { findPortDir, preparePort, type PolarsPort } from './polars-port.js';
import { PIPELINE_GROUPS, PIPELINES } from '../src/pipelines/registry.js';

/** The pipelines of `medallion run both`, whose process the goals are set for. */
const BOTH = PIPELINE_GROUPS['both']!;

interface Sample {
  seconds: number;
  statements: number;
  jobs?: number;
  rows: number;
  peakRssBytes: number;
  layers: Record<string, number>;
}

const { values } = parseArgs({
  options: {
    scales: { type: 'string' },
    runs: { type: 'string', default: '3' },
    engine: { type: 'string', default: 'duckdb' },
    remote: { type: 'string' },
    floor: { type: 'boolean', default: false },
    'vs-port': { type: 'boolean', default: false },
    'port-dir': { type: 'string' },
    'spark-ui': { type: 'string' },
    'own-server': { type: 'boolean', default: false },
    caching: { type: 'boolean', default: false },
    history: { type: 'string' },
  },
});
const engine = values.engine;
if (engine !== 'duckdb' && engine !== 'spark') {
  process.stderr.write(`bench: --engine must be duckdb or spark, got '${engine}'\n`);
  process.exit(2);
}
const root = fileURLToPath(new URL('../../', import.meta.url));
const serverScript = join(root, 'scripts', 'spark-server.sh');
if (values['own-server']) {
  if (engine !== 'spark') {
    process.stderr.write('bench: --own-server is for --engine spark\n');
    process.exit(2);
  }
  const uiPort = await freePort();
  const started = execFileSync('bash', [serverScript, 'start', '--name', 'bench', '--conf', 'spark.ui.enabled=true', '--conf', `spark.ui.port=${uiPort}`], { encoding: 'utf8' });
  values.remote = /SPARK_REMOTE=(\S+)/.exec(started)![1]!;
  values['spark-ui'] = `http://127.0.0.1:${uiPort}`;
  process.on('exit', () => execFileSync('bash', [serverScript, 'stop', '--name', 'bench']));
}
if (values.remote) process.env['SPARK_REMOTE'] = values.remote;
if (values['spark-ui']) process.env['MEDALLION_BENCH_SPARK_UI'] = values['spark-ui'];
if (engine === 'spark' && !process.env['SPARK_REMOTE']) {
  process.stderr.write('bench: --engine spark needs a Spark Connect server: --remote sc://host:port or SPARK_REMOTE (scripts/spark-server.sh start prints one)\n');
  process.exit(2);
}
const scales = (values.scales ?? (engine === 'spark' ? '0.1,1' : '1,10')).split(',').map(Number);
const runs = Number(values.runs);
if (scales.some((s) => !(s > 0)) || !(runs >= 1)) {
  process.stderr.write(`bench: --scales must be positive numbers and --runs at least 1\n`);
  process.exit(2);
}

const child = fileURLToPath(new URL('./child.js', import.meta.url));
const floorChild = fileURLToPath(new URL('./floor.js', import.meta.url));
const cachingChild = fileURLToPath(new URL('./caching.js', import.meta.url));
const historyChild = fileURLToPath(new URL('./history.js', import.meta.url));
if (values.history !== undefined && (engine !== 'duckdb' || !(Number(values.history) >= 1))) {
  process.stderr.write(`bench: --history takes a number of days (1 or more) and measures the embedded engine, got '${values.history}'\n`);
  process.exit(2);
}
if (values.floor && engine !== 'duckdb') {
  process.stderr.write('bench: --floor measures the embedded engine only\n');
  process.exit(2);
}
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const reportPeakRss = new URL('./report-peak-rss.js', import.meta.url).href;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const port: PolarsPort | undefined = values['vs-port'] ? preparePort(findPortDir(root, values['port-dir']), root) : undefined;

/**
 * One whole process, timed from outside, in a fresh temporary directory: its wall seconds and its
 * peak RSS (reported at its exit by report-peak-rss.ts, loaded with --import).
 */
function timedProcess(argsFor: (dataDir: string) => string[], what: string): { seconds: number; peakBytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-bench-'));
  const rssFile = join(dir, 'peak-rss');
  const dataDir = join(dir, 'data');
  try {
    const started = performance.now();
    const out = spawnSync(process.execPath, ['--import', reportPeakRss, ...argsFor(dataDir)], {
      env: { ...process.env, MEDALLION_BENCH_RSS_FILE: rssFile },
    });
    const seconds = (performance.now() - started) / 1000;
    if (out.status !== 0) throw new Error(`${what} failed: ${out.stderr.toString()}`);
    return { seconds, peakBytes: Number(readFileSync(rssFile, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: Array<Record<string, unknown>> = [];
const lines: string[] = [];
const countsJobs = engine === 'spark' && Boolean(values['spark-ui']);
const header = ['scale', 'pipeline', 'median s', 'rows', 'rows/s', 'peak RSS MiB', 'bronze s', 'silver s', 'gold s', 'statements', ...(countsJobs ? ['Spark jobs'] : []), ...(values.floor ? ['floor s', 'run/floor'] : [])];
lines.push(`engine: ${engine}${engine === 'spark' ? ` (${process.env['SPARK_REMOTE']!.split('/;')[0]}; peak RSS is the client's)` : ''}`);
lines.push(header.map((h) => h.padStart(13)).join(''));

for (const scale of scales) {
  for (const pipeline of Object.keys(PIPELINES)) {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'medallion-bench-'));
      try {
        samples.push(JSON.parse(execFileSync(process.execPath, [child, pipeline, String(scale), dir, engine], { encoding: 'utf8' })) as Sample);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const seconds = median(samples.map((s) => s.seconds));
    // The same write statements alone: what the run costs beyond its writes.
    const floors: number[] = [];
    for (let i = 0; values.floor && i < runs; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'medallion-floor-'));
      try {
        floors.push((JSON.parse(execFileSync(process.execPath, [floorChild, pipeline, String(scale), dir], { encoding: 'utf8' })) as { seconds: number }).seconds);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const floor = floors.length ? median(floors) : undefined;
    const rows = samples[0]!.rows;
    const layer = (name: string) => median(samples.map((s) => s.layers[name] ?? 0));
    const row = {
      scale,
      pipeline,
      medianSeconds: seconds,
      rows,
      rowsPerSecond: rows / seconds,
      peakRssMiB: Math.max(...samples.map((s) => s.peakRssBytes)) / 2 ** 20,
      layerSeconds: { bronze: layer('bronze'), silver: layer('silver'), gold: layer('gold') },
      statements: samples[0]!.statements,
      ...(countsJobs ? { sparkJobs: median(samples.map((s) => s.jobs ?? 0)) } : {}),
      runs: samples.map((s) => s.seconds),
      ...(floor === undefined ? {} : { floorSeconds: floor, overheadRatio: seconds / floor, floorRuns: floors }),
    };
    results.push(row);
    lines.push(
      [scale, pipeline, seconds.toFixed(3), rows, Math.round(rows / seconds), row.peakRssMiB.toFixed(0), layer('bronze').toFixed(3), layer('silver').toFixed(3), layer('gold').toFixed(3), samples[0]!.statements, ...(countsJobs ? [median(samples.map((s) => s.jobs ?? 0))] : []), ...(floor === undefined ? [] : [floor.toFixed(3), (seconds / floor).toFixed(2)])]
        .map((v) => String(v).padStart(13))
        .join(''),
    );
  }
  // The user's view: one whole `medallion run both` process, Node start included; with
  // --vs-port each is followed by one of the port, so that both see the same machine.
  const wall: number[] = [];
  const peaks: number[] = [];
  const portWall: number[] = [];
  const portPeaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { seconds, peakBytes } = timedProcess((dir) => [cli, 'run', 'both', '--quiet', '--scale', String(scale), '--data-dir', dir, '--as-of', '2026-01-15', '--engine', engine], 'medallion run both');
    wall.push(seconds);
    peaks.push(peakBytes);
    if (port) {
      const timed = timedProcess((dir) => port.args(scale, dir), 'the Polars port');
      portWall.push(timed.seconds);
      portPeaks.push(timed.peakBytes);
    }
  }
  const both = results.filter((r) => r['scale'] === scale && BOTH.includes(String(r['pipeline']))).reduce((sum, r) => sum + Number(r['medianSeconds']), 0);
  const bothPeak = Math.max(...peaks) / 2 ** 20;
  results.push({ scale, pipeline: 'both (process)', medianSeconds: median(wall), pipelineSeconds: both, peakRssMiB: bothPeak, runs: wall });
  lines.push(
    `${String(scale).padStart(13)}${'both'.padStart(13)}${both.toFixed(3).padStart(13)}  pipeline time; whole 'medallion run both' process: ${median(wall).toFixed(3)} s (median of ${runs}), peak RSS ${bothPeak.toFixed(0)} MiB`,
  );
  if (port) {
    const ratio = median(portWall.map((p, i) => p / wall[i]!));
    const portPeak = Math.max(...portPeaks) / 2 ** 20;
    results.push({ scale, pipeline: 'polars port (process)', medianSeconds: median(portWall), peakRssMiB: portPeak, portOverMedallion: ratio, runs: portWall });
    lines.push(
      `${String(scale).padStart(13)}${'port'.padStart(13)}${''.padStart(13)}  whole Polars port process: ${median(portWall).toFixed(3)} s (median of ${runs}, alternating), peak RSS ${portPeak.toFixed(0)} MiB; port/medallion ${ratio.toFixed(2)} (median of the pairs)`,
    );
  }
}
port?.remove();

// What caching the windowed silver events saves the four gold queries of the performance pipeline (bench/caching.ts).
for (const scale of values.caching ? scales : []) {
  const c = JSON.parse(execFileSync(process.execPath, [cachingChild, '--engine', engine, '--scale', String(scale), '--runs', String(runs)], { encoding: 'utf8' })) as {
    seconds: Record<'recomputed' | 'parquet' | 'cacheBuild' | 'cached', number>;
    silverRows: number;
  };
  results.push({ scale, pipeline: 'performance (caching silver)', ...c });
  const s = c.seconds;
  lines.push(
    `${String(scale).padStart(13)}  caching silver (${c.silverRows} rows), 4 gold queries, median of ${runs}: recomputed ${s.recomputed.toFixed(3)} s, from Parquet ${s.parquet.toFixed(3)} s, ` +
      `cached ${s.cached.toFixed(3)} s after a ${s.cacheBuild.toFixed(3)} s cache build (saves ${(s.parquet - s.cached).toFixed(3)} s a pass, ${(s.parquet - s.cached - s.cacheBuild).toFixed(3)} s on the first)`,
  );
}

// What a long run history costs each run (bench/history.ts).
for (const scale of values.history !== undefined ? scales : []) {
  const h = JSON.parse(execFileSync(process.execPath, [historyChild, '--scale', String(scale), '--runs', String(runs), '--days', values.history!], { encoding: 'utf8' })) as {
    days: number;
    fresh: number;
    long: number;
    extra: number;
  };
  results.push({ scale, pipeline: `both (process, ${h.days} days of history)`, ...h });
  lines.push(
    `${String(scale).padStart(13)}  'run both' with ${h.days} days of run history: ${h.long.toFixed(3)} s, with none ${h.fresh.toFixed(3)} s (medians of ${runs}, alternating): ${h.extra.toFixed(3)} s more`,
  );
}

if (engine === 'duckdb') {
  lines.push(
    ...goalLines(
      scales.map((scale) => {
        const pipelines = results.filter((r) => r['scale'] === scale && BOTH.includes(String(r['pipeline'])));
        const both = results.find((r) => r['scale'] === scale && r['pipeline'] === 'both (process)')!;
        const port = results.find((r) => r['scale'] === scale && r['pipeline'] === 'polars port (process)');
        return {
          scale,
          runBoth: Number(both['medianSeconds']),
          ...(port ? { port: Number(port['medianSeconds']) } : {}),
          ...(values.floor ? { floors: pipelines.map((r) => Number(r['floorSeconds'])), ratios: pipelines.map((r) => Number(r['overheadRatio'])) } : {}),
          peakRssMiB: Math.max(...pipelines.map((r) => Number(r['peakRssMiB'])), Number(both['peakRssMiB'])),
        };
      }),
    ),
  );
} else {
  const pipelines = results.filter((r) => r['pipeline'] === 'data' || r['pipeline'] === 'mapreduce');
  lines.push(...sparkGoalLines(pipelines.map((r) => ({ scale: Number(r['scale']), pipeline: r['pipeline'] as 'data' | 'mapreduce', seconds: Number(r['medianSeconds']) }))));
}
process.stdout.write(lines.join('\n') + '\n');
const outDir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ engine, node: process.version, cpus: (await import('node:os')).cpus().length, results }, null, 2) + '\n');
process.stdout.write(`figures written to ${file}\n`);

/** A TCP port free now on 127.0.0.1, for the bench server's UI. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
