/**
 * `npm run build && node dist/bench/delta-commit.js [--commits 12]`: the cost of a Delta
 * commit per dataset. Runs the `data` and `mapreduce` pipelines once at their default sizes (Delta tables, DuckDB), then
 * for each dataset commits its current data file again and again into a fresh table and times the
 * two parts of a publish: reading the file's Parquet footer for statistics, and writing the log
 * (the exclusive commit, plus the checkpoint every tenth version). Prints the medians in ms.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runPipeline } from '../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig } from '../src/index.js';
import { Logger } from '../src/observe/logger.js';
import { dataPipeline } from '../src/pipelines/data/index.js';
import { mapReducePipeline } from '../src/pipelines/mapreduce/index.js';
import { commitWrite, readSnapshot } from '../src/storage/formats/delta/index.js';
import { datasetDir } from '../src/storage/layout.js';
import { Writable } from 'node:stream';

const { values } = parseArgs({ options: { commits: { type: 'string', default: '12' } } });
const commits = Number(values.commits);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quiet = new Logger({ format: 'text', quiet: true, stream: new Writable({ write: (_c, _e, done) => done() }) });

const root = mkdtempSync(join(tmpdir(), 'medallion-delta-bench-'));
try {
  const lines = ['dataset                                   rows     file KiB  stats ms  log ms  checkpoint ms'];
  for (const [config, datasets] of [
    [new DataPipelineConfig({ dataDir: join(root, 'data'), asOf: '2026-01-10' }), dataPipeline.datasets],
    [new MapReducePipelineConfig({ dataDir: join(root, 'mapreduce'), asOf: '2026-01-10' }), mapReducePipeline.datasets],
  ] as const) {
    const manifest = await runPipeline(config, { tableFormat: 'delta', logger: quiet });
    if (manifest.outcome !== 'succeeded') throw new Error(`the ${config.pipeline} run failed: ${manifest.error?.message}`);
    for (const { name } of datasets) {
      const snapshot = await readSnapshot(datasetDir(config.dataDir, name));
      const source = snapshot.files[0]!;
      const table = join(root, 'tables', config.pipeline, name);
      mkdirSync(table, { recursive: true });
      const stats: number[] = [];
      const log: number[] = [];
      let checkpoint = 0;
      for (let i = 0; i < commits; i++) {
        const file = `part-${String(i).padStart(5, '0')}.snappy.parquet`;
        copyFileSync(source, join(table, file));
        const result = await commitWrite(table, { files: [file], columns: snapshot.columns, mode: 'overwrite' });
        stats.push(result.statsMs);
        if (result.checkpointed) checkpoint = result.logMs;
        else log.push(result.logMs);
      }
      lines.push(
        `${name.padEnd(40)} ${String(snapshot.rows).padStart(7)} ${(snapshot.bytes / 1024).toFixed(1).padStart(10)} ${median(stats).toFixed(1).padStart(9)} ${median(log).toFixed(1).padStart(7)} ${checkpoint.toFixed(1).padStart(14)}`,
      );
    }
  }
  process.stdout.write(`Delta commit cost per dataset, default sizes, median of ${commits} commits (checkpoint: the tenth)\n${lines.join('\n')}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
