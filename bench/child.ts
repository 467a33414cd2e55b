/**
 * One measured run, in its own process so that its peak RSS is its own:
 * `node dist/bench/child.js <pipeline> <scale> <data-dir> [duckdb|spark]` prints one JSON
 * line. On Spark the engine is opened before the clock starts (as a warm session), the
 * connection is `SPARK_REMOTE`'s, and the peak RSS is the client's only. With
 * `MEDALLION_BENCH_SPARK_UI` (the server's UI address) it also counts the Spark jobs of the run.
 */
import { runPipeline } from '../src/api.js';
import { benchConfig } from './bench-config.js';
import { openEngine, parseEngineName } from '../src/engines/registry.js';
import { Logger } from '../src/observe/logger.js';
import { Writable } from 'node:stream';
import { settledLastJobId } from './spark-jobs.js';

const [pipeline, scaleArg, dataDir, engineArg = 'duckdb'] = process.argv.slice(2);
const config = benchConfig(pipeline!, Number(scaleArg), dataDir!);

const silent = new Logger({ stream: new Writable({ write: (_c, _e, done) => done() }) });
const engine = await openEngine({ engine: parseEngineName(engineArg) });
const statementsBefore = engine.statementsSent?.() ?? 0;
const sparkUi = engineArg === 'spark' ? process.env['MEDALLION_BENCH_SPARK_UI'] : undefined;
const jobsBefore = sparkUi ? await settledLastJobId(sparkUi) : undefined;
const started = performance.now();
const manifest = await runPipeline(config, { logger: silent, engine });
const seconds = (performance.now() - started) / 1000;
const jobs = sparkUi ? (await settledLastJobId(sparkUi)) - jobsBefore! : undefined;
await engine.close();
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
    statements: (engine.statementsSent?.() ?? 0) - statementsBefore,
    ...(jobs === undefined ? {} : { jobs }),
  }) + '\n',
);
