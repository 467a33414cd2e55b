import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { BatchedBinds } from '../../src/check/batched-binds.js';
import { DuckDBEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { checkPipeline } from '../../src/check/check-pipeline.js';
import { PIPELINES } from '../../src/pipelines/registry.js';

const engine = await DuckDBEngine.create({ threads: 1 });
after(() => engine.close());
const relation = '(SELECT CAST(NULL AS INTEGER) AS n, CAST(NULL AS VARCHAR) AS s LIMIT 0)';

test('binds that all bind go to the engine as one statement of each kind', async () => {
  const before = engine.statementsSent();
  const binds = new BatchedBinds(engine, relation);
  const types = [binds.expression('(n > 1)'), binds.expression("concat(s, '!')"), binds.expression('n + 1')];
  const statements = [binds.statement(`SELECT count(*) AS failures FROM ${relation} AS r`), binds.statement(`SELECT max(n) AS failures FROM ${relation} AS r`)];
  await binds.flush();
  assert.deepEqual(
    (await Promise.all(types)).map((t) => t.type),
    ['BOOLEAN', 'VARCHAR', 'INTEGER'],
  );
  assert.deepEqual(await Promise.all(statements), [undefined, undefined]);
  assert.equal(engine.statementsSent() - before, 2);
});

test('a batch that does not bind is bound member by member, so each refusal is its own', async () => {
  const before = engine.statementsSent();
  const binds = new BatchedBinds(engine, relation);
  const answers = [binds.expression('(n > 1)'), binds.expression('(nn > 1)'), binds.expression('upper(s)')];
  const statements = [binds.statement(`SELECT count(*) AS failures FROM ${relation} AS r`), binds.statement('SELECT count(*) FROM no_such_table')];
  await binds.flush();
  const [good, bad, text] = await Promise.all(answers);
  assert.equal(good!.type, 'BOOLEAN');
  assert.equal(text!.type, 'VARCHAR');
  assert.match(String((bad!.error as Error).message), /Referenced column "nn" not found/);
  const [fine, refused] = await Promise.all(statements);
  assert.equal(fine, undefined);
  assert.match(String((refused as Error).message), /Table with name no_such_table does not exist/);
  // One failed batch and three alone; one failed batch and two alone.
  assert.equal(engine.statementsSent() - before, 4 + 3);
});

test('checking the built-in data pipeline costs about two analyses per dataset', async () => {
  const before = engine.statementsSent();
  const pipeline = PIPELINES.data;
  assert.deepEqual(await checkPipeline(pipeline as never, pipeline.configure({ dataDir: '/nonexistent', seed: 42, asOf: '2026-01-15' }) as never, engine), []);
  const sent = engine.statementsSent() - before;
  const datasets = pipeline.datasets.length;
  // Each dataset's SQL is analysed once, then its expression binds in one statement and its table
  // checks in another (when it has them), and the charts in one: 36 for 15 datasets, where binding
  // them one by one took 86.
  assert.ok(sent <= 2 * datasets + 6, `${sent} statements for ${datasets} datasets`);
});
