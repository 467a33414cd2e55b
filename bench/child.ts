/**
 * One measured run, in its own process so that its peak RSS is its own:
 * `node dist/bench/child.js <data|mapreduce> <scale> <data-dir>` prints one JSON line.
 */
import { runPipeline } from '../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig } from '../src/index.js';
import { Logger } from '../src/observe/logger.js';
import { Writable } from 'node:stream';

const [pipeline, scaleArg, dataDir] = process.argv.slice(2);
const scale = Number(scaleArg);
const size = (n: number) => Math.round(n * scale);
const common = { dataDir: dataDir!, seed: 42, asOf: '2026-01-15' };
const config =
  pipeline === 'data'
    ? new DataPipelineConfig({ ...common, customers: size(10_000), transactions: size(50_000), products: size(200) })
    : new MapReducePipelineConfig({ ...common, events: size(100_000), users: size(5_000), products: size(500) });

const silent = new Logger({ stream: new Writable({ write: (_c, _e, done) => done() }) });
const started = performance.now();
const manifest = await runPipeline(config, { logger: silent });
const seconds = (performance.now() - started) / 1000;
if (manifest.outcome !== 'succeeded') {
  process.stderr.write(`bench run failed: ${manifest.error?.message}\n`);
  process.exit(1);
}
const layers: Record<string, number> = {};
for (const d of manifest.datasets) layers[d.layer] = (layers[d.layer] ?? 0) + d.seconds;
process.stdout.write(
  JSON.stringify({
    seconds,
    rows: manifest.datasets.reduce((sum, d) => sum + d.rows, 0),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    layers,
  }) + '\n',
);
