import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig } from '../../src/index.js';
import { currentVersionId } from '../../src/storage/current-version.js';
import { schemaDiff } from '../../src/storage/schema-drift.js';
import { memoryLogger, tempDir } from '../helpers.js';
import { publishOtherSchema } from './fixtures.js';

test('schemaDiff lists added, removed and retyped columns, and folds engine aliases', () => {
  const before = [{ name: 'id', type: 'INTEGER' }, { name: 'name', type: 'VARCHAR' }, { name: 'gone', type: 'DOUBLE' }];
  const after = [{ name: 'id', type: 'BIGINT' }, { name: 'name', type: 'string' }, { name: 'new', type: 'DATE' }];
  assert.deepEqual(schemaDiff(before, after), ['- gone DOUBLE', '~ id INTEGER -> BIGINT', '+ new DATE']);
  assert.deepEqual(schemaDiff(before, before), []);
  assert.deepEqual(schemaDiff(before, [...before].reverse()), ['column order id, name, gone -> gone, name, id']);
});

test('a changed schema fails the run with a column diff and publishes nothing of it or downstream; --allow-schema-change publishes it', async () => {
  const dir = tempDir();
  const config = (seed: number) => new DataPipelineConfig({ dataDir: dir, customers: 300, transactions: 1000, products: 20, seed });
  assert.equal((await runPipeline(config(1), { logger: memoryLogger().logger })).outcome, 'succeeded');
  const odd = await publishOtherSchema(dir);
  const silverBefore = currentVersionId(dir, 'silver.customers_enriched');

  const refused = await runPipeline(config(2), { logger: memoryLogger().logger });
  assert.equal(refused.outcome, 'failed');
  const message = refused.error?.message ?? '';
  assert.match(message, /^bronze\.customers: columns differ from the current version 20000101T000000Z-000000, so it was not published \(run with --allow-schema-change to publish it\):/);
  assert.match(message, /~ customer_id BIGINT -> INTEGER/);
  assert.match(message, /- nickname VARCHAR/);
  assert.match(message, /\+ first_name VARCHAR/);
  assert.equal(currentVersionId(dir, 'bronze.customers'), odd);
  assert.equal(currentVersionId(dir, 'silver.customers_enriched'), silverBefore);
  for (const d of ['bronze.customers', 'silver.customers_enriched', 'gold.customer_analytics']) assert.ok(refused.unpublished?.includes(d), d);
  assert.equal(refused.datasets.find((d) => d.name === 'bronze.customers')?.status, 'failed');

  const allowed = await runPipeline(config(3), { logger: memoryLogger().logger, allowSchemaChange: true });
  assert.equal(allowed.outcome, 'succeeded');
  assert.equal(currentVersionId(dir, 'bronze.customers'), allowed.runId);
  assert.deepEqual(allowed.unpublished, []);
});
