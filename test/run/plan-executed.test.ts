import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { MapReducePipelineConfig, DataPipelineConfig } from '../../src/index.js';
import { DuckDBEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import type { Column, Engine, Row } from '../../src/engines/engine.js';
import { engineStatements, openEngine } from '../../src/engines/registry.js';
import { planRun, stepStatements, type Statement } from '../../src/run/plan.js';
import { PIPELINES } from '../../src/pipelines/registry.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import { openDatasetStore } from '../../src/storage/open-dataset-store.js';
import { checkPipeline } from '../../src/check/check-pipeline.js';
import { memoryLogger, tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** An engine that records every statement it receives, then runs it on a real engine, one at a time. */
class RecordingEngine implements Engine {
  readonly received: Statement[] = [];
  constructor(readonly inner: Engine) {}
  get name() {
    return this.inner.name;
  }
  get dialect() {
    return this.inner.dialect;
  }
  /** One statement at a time, so that they arrive in plan order. */
  get concurrency() {
    return 1;
  }
  version(): Promise<string> {
    return this.inner.version();
  }
  async execute(sql: string): Promise<void> {
    this.received.push({ kind: 'execute', sql, purpose: '' });
    return this.inner.execute(sql);
  }
  async query(sql: string): Promise<Row[]> {
    this.received.push({ kind: 'query', sql, purpose: '' });
    return this.inner.query(sql);
  }
  async describe(sql: string): Promise<Column[]> {
    this.received.push({ kind: 'describe', sql, purpose: '' });
    return this.inner.describe(sql);
  }
  async writeParquet(sql: string, target: string): Promise<number> {
    this.received.push({ kind: 'write', sql, target, purpose: '' });
    return this.inner.writeParquet(sql, target);
  }
  explain(sql: string): Promise<string> {
    return this.inner.explain(sql);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const key = (s: Statement) => `${s.kind}\u0000${s.target ?? ''}\u0000${s.sql}`;

/**
 * A run first binds every statement over empty stand-ins (the check), then sends the plan. The
 * check's statements, recorded by running the check alone, must be exactly the run's first ones
 * and only describes; what follows them is returned for comparison with the plan.
 */
async function afterTheCheck(received: readonly Statement[], pipeline: Pipeline, config: Parameters<typeof checkPipeline>[1], inner: Engine): Promise<Statement[]> {
  const checking = new RecordingEngine(inner);
  assert.deepEqual(await checkPipeline(pipeline as never, config, checking), []);
  assert.ok(checking.received.length > 0, 'the check binds statements on the engine');
  assert.ok(checking.received.every((s) => s.kind === 'describe'), 'the check only describes');
  assert.deepEqual(received.slice(0, checking.received.length).map(key), checking.received.map(key));
  return received.slice(checking.received.length);
}

const CASES = [
  // Generation over more than one row group exercises the setup statements.
  ['mapreduce', (dataDir: string) => new MapReducePipelineConfig({ dataDir, events: 130_000, users: 200, products: 30, seed: 5, asOf: '2026-03-01' })],
  ['data', (dataDir: string) => new DataPipelineConfig({ dataDir, customers: 500, transactions: 3000, products: 40, seed: 5, asOf: '2026-03-01' })],
] as const;

const ENGINES = [
  ['duckdb', () => DuckDBEngine.create({ threads: 1 })],
  ['spark', () => openEngine({ engine: 'spark' })],
] as const;
const LIVE_SPARK = process.env['SPARK_REMOTE'] ? {} : { skip: 'live Spark plan test skipped: SPARK_REMOTE is not set' };

for (const [engineName, open] of ENGINES) for (const [name, configure] of CASES) {
  test(`${engineName}, ${name}: the statements the engine receives during a run are the plan's, in its order, and every unconditional one is sent`, engineName === 'spark' ? LIVE_SPARK : {}, async () => {
    const engine = new RecordingEngine(await open());
    try {
      const config = configure(tempDir());
      const manifest = await runPipeline(config, { engine, logger: memoryLogger().logger });
      assert.equal(manifest.outcome, 'succeeded', manifest.error?.message);
      const plan = planRun({
        pipeline: PIPELINES[name] as unknown as Pipeline,
        config,
        dialect: engine.dialect,
        // The state the run started from: nothing published yet (datasets that read their previous version plan differently after it).
        paths: { ...(await openDatasetStore(config.dataDir).paths(manifest.runId)), isPublished: () => false, publishedAsOf: () => undefined },
        runId: manifest.runId,
        startedAt: new Date(manifest.startedAt),
      });
      const sent = await afterTheCheck(engine.received, PIPELINES[name] as unknown as Pipeline, config, engine.inner);
      const planned = [...plan.setup.map((s) => ({ s, step: undefined })), ...plan.steps.flatMap((step) => stepStatements(step).map((s) => ({ s, step })))];
      // The top values are read for the columns the profile chose: the plan's statement for that subset.
      const matches = ({ s, step }: (typeof planned)[number], received: Statement) => {
        if (key(s) === key(received)) return true;
        // The profile reads the range of the columns the written schema shows to be numbers or dates.
        if (step && s.purpose.startsWith('profile')) {
          const ranged = step.profile.columns.filter((c) => received.sql.includes(`min(${engine.dialect.identifier(c)})`));
          return key(step.profile.statement(ranged)) === key(received);
        }
        if (!step || !s.purpose.startsWith('top values')) return false;
        const chosen = step.topValues.candidates.filter((c) => received.sql.includes(`'${c}' AS col`));
        return chosen.length > 0 && key(step.topValues.statement(chosen)) === key(received);
      };
      // Every statement received is the next matching one of the plan.
      let at = 0;
      for (const received of sent) {
        while (at < planned.length && !matches(planned[at]!, received)) {
          assert.ok(planned[at]!.s.when, `an unconditional planned statement was not sent: ${planned[at]!.s.purpose}\n${planned[at]!.s.sql.slice(0, 300)}`);
          at++;
        }
        assert.ok(at < planned.length, `a statement was sent that the plan does not have, or out of order:\n${received.sql.slice(0, 300)}`);
        at++;
      }
      for (const rest of planned.slice(at)) assert.ok(rest.s.when, `never sent: ${rest.s.purpose}`);
      assert.ok(sent.length >= plan.steps.length * 4);
      if (name === 'mapreduce' && engineName === 'duckdb') assert.match(sent[0]!.sql, /^CREATE TABLE IF NOT EXISTS medallion_ids_130000 /);
    } finally {
      await engine.close();
    }
  });
}

test('medallion sql prints exactly the statements a run sends, in the engine\'s own form', async () => {
  const engine = new RecordingEngine(await DuckDBEngine.create({ threads: 1 }));
  const dataDir = tempDir();
  const flags = ['--customers', '400', '--transactions', '2000', '--products', '30', '--seed', '11', '--as-of', '2026-02-01', '--data-dir', dataDir];
  try {
    const config = new DataPipelineConfig({ dataDir, customers: 400, transactions: 2000, products: 30, seed: 11, asOf: '2026-02-01' });
    // Printed from the state the run starts from: datasets that read their previous version plan differently after it.
    const printed = spawnSync(process.execPath, [CLI, 'sql', 'data', ...flags], { encoding: 'utf8' });
    assert.equal(printed.status, 0, printed.stderr);
    const manifest = await runPipeline(config, { engine, logger: memoryLogger().logger });
    assert.equal(manifest.outcome, 'succeeded');
    const duck = await engineStatements('duckdb');
    // What the engine ran, in the form `medallion sql` prints it, with the run's id as printed.
    const sent = await afterTheCheck(engine.received, PIPELINES['data'] as unknown as Pipeline, config, engine.inner);
    const rendered = sent.map((s) => {
      const text = s.kind === 'write' ? duck.write(s.sql, s.target!).join(';\n') : s.kind === 'describe' ? duck.describe(s.sql) : s.sql;
      return `${text.trim()};`.replaceAll(manifest.runId, '<run-id>');
    });
    // A profile is printed with the range of every column; a run reads the range only of the
    // columns the written schema shows to be numbers or dates, each exactly as printed.
    const withoutRanges = (text: string) => text.replace(/, CAST\(min\("[a-z_]+"\) AS VARCHAR\) AS lo\d+, CAST\(max\("[a-z_]+"\) AS VARCHAR\) AS hi\d+/g, '');
    const stdout = printed.stdout.split('\n').map((line) => (line.startsWith('SELECT count(*) AS n, ') ? withoutRanges(line) : line)).join('\n');
    let from = 0;
    for (const received of rendered) {
      const statement = received.startsWith('SELECT count(*) AS n, ') ? withoutRanges(received) : received;
      // Top values are printed for every candidate column; a run reads those the profile chose,
      // each branch exactly as printed.
      const parts = statement.includes(' AS col, ') ? statement.replace(/;$/, '').split('\nUNION ALL\n') : [`\n${statement}\n`];
      for (const part of parts) {
        const found = stdout.indexOf(part, from);
        assert.ok(found >= 0, `not printed (or out of order):\n${part.slice(0, 400)}`);
        from = found + part.length;
      }
    }
  } finally {
    await engine.close();
  }
});
