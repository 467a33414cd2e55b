import assert from 'node:assert/strict';
import { runPipeline } from '../../src/api.js';
import { MapReducePipelineConfig, DataPipelineConfig } from '../../src/index.js';
import type { Column, Engine, Row } from '../../src/engines/engine.js';
import { planRun, stepStatements, type Statement } from '../../src/run/plan.js';
import { PIPELINES } from '../../src/pipelines/registry.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import { openDatasetStore } from '../../src/storage/open-dataset-store.js';
import { checkPipeline } from '../../src/check/check-pipeline.js';
import { memoryLogger, tempDir } from '../helpers.js';

/** An engine that records every statement it receives, then runs it on a real engine, one at a time. */
export class RecordingEngine implements Engine {
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

export const key = (s: Statement) => `${s.kind}\u0000${s.target ?? ''}\u0000${s.sql}`;

/**
 * A run first binds every statement over empty stand-ins (the check), then sends the plan. The
 * check's statements, recorded by running the check alone, must be exactly the run's first ones
 * and only describes; what follows them is returned for comparison with the plan.
 */
export async function afterTheCheck(received: readonly Statement[], pipeline: Pipeline, config: Parameters<typeof checkPipeline>[1], inner: Engine): Promise<Statement[]> {
  const checking = new RecordingEngine(inner);
  assert.deepEqual(await checkPipeline(pipeline as never, config, checking), []);
  assert.ok(checking.received.length > 0, 'the check binds statements on the engine');
  assert.ok(checking.received.every((s) => s.kind === 'describe'), 'the check only describes');
  // Datasets that do not read each other are bound at once: the same statements, in any order.
  const sorted = (statements: readonly Statement[]) => statements.map(key).sort();
  assert.deepEqual(sorted(received.slice(0, checking.received.length)), sorted(checking.received));
  return received.slice(checking.received.length);
}

export const CASES = [
  // Generation over more than one row group exercises the setup statements.
  ['mapreduce', (dataDir: string) => new MapReducePipelineConfig({ dataDir, events: 130_000, users: 200, products: 30, seed: 5, asOf: '2026-03-01' })],
  ['data', (dataDir: string) => new DataPipelineConfig({ dataDir, customers: 500, transactions: 3000, products: 40, seed: 5, asOf: '2026-03-01' })],
] as const;

/**
 * Runs pipeline `name` on the engine `open` makes and asserts that the statements the engine
 * receives are the plan's, in its order, with every unconditional one sent. plan-executed.test.ts
 * runs it on DuckDB, plan-executed.live.test.ts on a live Spark.
 */
export async function assertRunFollowsPlan(engineName: string, open: () => Promise<Engine>, name: (typeof CASES)[number][0], configure: (dataDir: string) => DataPipelineConfig | MapReducePipelineConfig): Promise<void> {
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
    // The setup first, then each dataset's statements in its plan's order; a dataset starts once
    // the datasets it reads are written, so the statements of several datasets interleave.
    const sequences = [plan.setup.map((s) => ({ s, step: undefined })), ...plan.steps.map((step) => stepStatements(step).map((s) => ({ s, step })))];
    // The top values are read for the columns the profile chose: the plan's statement for that subset.
    const matches = ({ s, step }: (typeof sequences)[number][number], received: Statement) => {
      if (key(s) === key(received)) return true;
      // The profile reads the range of the columns the written schema shows to be numbers or dates.
      if (step && s.purpose.startsWith('profile')) {
        const ranged = step.profile.columns.filter((c) => received.sql.includes(`min(${engine.dialect.identifier(c)})`));
        return key(step.profile.statement(ranged)) === key(received);
      }
      if (!step || !s.purpose.startsWith('top values')) return false;
      const chosen = step.topValues.candidates.filter((c) => received.sql.includes(`grouping(${engine.dialect.identifier(c)})`));
      return chosen.length > 0 && key(step.topValues.statement(chosen)) === key(received);
    };
    assertInterleavingOf(sent, sequences, matches);
    // Every step sends at least its write, the schema of what it wrote and its profile (with the
    // table checks beside it); top values, counts, quarantine and examples are conditional.
    assert.ok(sent.length >= plan.steps.length * 3, `${sent.length} statements for ${plan.steps.length} datasets`);
    if (name === 'mapreduce' && engineName === 'duckdb') assert.match(sent[0]!.sql, /^CREATE TABLE IF NOT EXISTS medallion_ids_130000 /);
  } finally {
    await engine.close();
  }
}

/**
 * Each statement received is the next one of exactly one of `sequences`, past only conditional
 * ones (a `when`), and every unconditional statement of every sequence is received.
 */
function assertInterleavingOf<P extends { s: Statement }>(received: readonly Statement[], sequences: ReadonlyArray<readonly P[]>, matches: (planned: P, received: Statement) => boolean): void {
  const at = sequences.map(() => 0);
  for (const statement of received) {
    const found = sequences.findIndex((sequence, i) => {
      for (let j = at[i]!; j < sequence.length; j++) {
        if (matches(sequence[j]!, statement)) {
          at[i] = j + 1;
          return true;
        }
        if (!sequence[j]!.s.when) return false;
      }
      return false;
    });
    assert.ok(found >= 0, `a statement was sent that the plan does not have, or out of its dataset's order:\n${statement.sql.slice(0, 300)}`);
  }
  sequences.forEach((sequence, i) => {
    for (const rest of sequence.slice(at[i])) assert.ok(rest.s.when, `an unconditional planned statement was not sent: ${rest.s.purpose}\n${rest.s.sql.slice(0, 300)}`);
  });
}
