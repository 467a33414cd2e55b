/**
 * What caching an intermediate result saves: `node dist/bench/caching.js [--engine duckdb|spark]
 * [--scale 1] [--runs 3]` prints one JSON line. It builds the performance pipeline once (on
 * DuckDB, into a temporary data dir), then times, on the chosen engine, the gold statements a run
 * sends (the four aggregates of the windowed silver events, each written to Parquet as a run
 * writes it) three ways:
 *
 * - `recomputed`: silver's own query in place of its files, so every gold query runs the window
 *   functions again (what an engine does with an intermediate result that is neither written nor
 *   cached);
 * - `parquet`: reading silver's written Parquet files, as a run does;
 * - `cached`: reading silver from the engine's memory (Spark: `CACHE TABLE`, eager; DuckDB: a table
 *   of the in-memory database), after a cache build that is timed on its own.
 *
 * Nothing is assumed: each figure is the median of `--runs` passes over the four queries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Writable } from 'node:stream';
import { runPipeline } from '../src/api.js';
import type { Engine } from '../src/engines/engine.js';
import { openEngine, parseEngineName } from '../src/engines/registry.js';
import { Logger } from '../src/observe/logger.js';
import { planRun } from '../src/run/plan.js';
import { openDatasetStore } from '../src/storage/open-dataset-store.js';
import { benchConfig, builtInPipeline } from './bench-config.js';

const SILVER = 'silver.enriched_events';
const CACHED = 'medallion_bench_cached_silver';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'duckdb' }, scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' } } });
const scale = Number(values.scale);
const runs = Number(values.runs);
const engineName = parseEngineName(values.engine);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const seconds = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};

const root = mkdtempSync(join(tmpdir(), 'medallion-caching-'));
try {
  const pipeline = builtInPipeline('performance');
  const config = benchConfig('performance', scale, join(root, 'data'));
  const built = await runPipeline(config, { logger: new Logger({ stream: new Writable({ write: (_c, _e, done) => done() }) }) });
  if (built.outcome !== 'succeeded') throw new Error(`bench: the performance pipeline failed: ${built.error?.message}`);
  const engine: Engine = await openEngine({ engine: engineName });
  try {
    const paths = await openDatasetStore(config.dataDir).paths('caching');
    const plan = planRun({ pipeline, config, dialect: engine.dialect, paths, select: [SILVER, 'layer:gold'], runId: 'caching', startedAt: new Date() });
    const silverStep = plan.steps.find((s) => s.dataset.name === SILVER)!;
    const gold = plan.steps.filter((s) => s.dataset.name.startsWith('gold.'));
    // The gold statements read silver from this run's staging; here they read the published files.
    const staged = engine.dialect.readParquet(paths.staged(SILVER));
    const published = paths.currentRelation(SILVER, engine.dialect);
    // Silver's query reads bronze from staging too: the published bronze instead.
    const silverQuery = ['bronze.sessions', 'bronze.devices'].reduce(
      (sql, name) => sql.replaceAll(engine.dialect.readParquet(paths.staged(name)), paths.currentRelation(name, engine.dialect)),
      silverStep.writes[0]!.sql,
    );
    const readingSilverAs = (relation: string) => gold.map((s) => ({ name: s.dataset.name, sql: s.writes[0]!.sql.replaceAll(staged, relation) }));
    let written = 0;
    const pass = (queries: ReadonlyArray<{ name: string; sql: string }>) =>
      seconds(async () => {
        for (const q of queries) await engine.writeParquet(q.sql, join(root, 'out', `${written++}-${q.name}`));
      });
    const measure = async (queries: ReadonlyArray<{ name: string; sql: string }>) => {
      await pass(queries); // a warm-up pass: file listings, plans and the page cache, for every variant alike
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await pass(queries));
      return median(times);
    };

    const recomputed = await measure(readingSilverAs(`(${silverQuery})`));
    const parquet = await measure(readingSilverAs(published));
    const cacheStatement = engine.name === 'spark' ? `CACHE TABLE ${CACHED} AS SELECT * FROM ${published} AS s` : `CREATE TABLE ${CACHED} AS SELECT * FROM ${published} AS s`;
    const cacheBuild = await seconds(() => engine.execute(cacheStatement));
    const cached = await measure(readingSilverAs(CACHED));
    await engine.execute(engine.name === 'spark' ? `UNCACHE TABLE ${CACHED}` : `DROP TABLE ${CACHED}`);
    const silverRows = built.datasets.find((d) => d.name === SILVER)!.rows;
    process.stdout.write(
      JSON.stringify({
        engine: await engine.version(),
        scale,
        silverRows,
        queries: gold.map((s) => s.dataset.name),
        runs,
        seconds: { recomputed, parquet, cacheBuild, cached },
        // One pass of the four queries: what the cache saves per pass, and once its build is paid.
        savedPerPass: parquet - cached,
        savedFirstPass: parquet - (cacheBuild + cached),
        parquetSavesOverRecomputing: recomputed - parquet,
      }) + '\n',
    );
  } finally {
    await engine.close();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
