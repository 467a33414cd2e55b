/**
 * One measured run, in its own process so that its peak RSS is its own:
 * `node dist/bench/child.js <pipeline> <scale> <data-dir> [duckdb|spark]` prints one JSON
 * line. On Spark the engine is opened before the clock starts (as a warm session), the
 * connection is `SPARK_REMOTE`'s, and the peak RSS is the client's only.
 */
import { runPipeline } from '../src/api.js';
import { benchConfig } from './bench-config.js';
import type { Engine } from '../src/engines/engine.js';
import { openEngine, parseEngineName } from '../src/engines/registry.js';
import { Logger } from '../src/observe/logger.js';
import { Writable } from 'node:stream';

const [pipeline, scaleArg, dataDir, engineArg = 'duckdb'] = process.argv.slice(2);
const config = benchConfig(pipeline!, Number(scaleArg), dataDir!);

const silent = new Logger({ stream: new Writable({ write: (_c, _e, done) => done() }) });
const { engine, statements } = countingStatements(await openEngine({ engine: parseEngineName(engineArg) }));
const started = performance.now();
const manifest = await runPipeline(config, { logger: silent, engine });
const seconds = (performance.now() - started) / 1000;
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
    statements: statements(),
  }) + '\n',
);

/**
 * The engine, counting the statements sent to it: each query, command, schema lookup and plan
 * is one; a Parquet write is its statements (on Spark the write and the count read back).
 */
function countingStatements(inner: Engine): { engine: Engine; statements: () => number } {
  let count = 0;
  const perWrite = inner.name === 'spark' ? 2 : 1;
  const counted = <A extends unknown[], R>(weight: number, call: (...args: A) => Promise<R>) => (...args: A) => {
    count += weight;
    return call(...args);
  };
  const engine: Engine = {
    name: inner.name,
    dialect: inner.dialect,
    concurrency: inner.concurrency,
    version: () => inner.version(),
    execute: counted(1, (sql: string) => inner.execute(sql)),
    query: counted(1, (sql: string) => inner.query(sql)),
    describe: counted(1, (sql: string) => inner.describe(sql)),
    writeParquet: counted(perWrite, (select: string, dir: string) => inner.writeParquet(select, dir)),
    explain: counted(1, (sql: string) => inner.explain(sql)),
    close: () => inner.close(),
  };
  return { engine, statements: () => count };
}
