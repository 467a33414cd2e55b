import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataPipelineConfig, MapReducePipelineConfig } from '../../src/index.js';
import { pipelineGraph, selectDatasets } from '../../src/run/graph.js';
import { UserError } from '../../src/model/errors.js';
import { duckdbDialect } from '../../src/dialect/duckdb.js';
import { dataPipeline } from '../../src/pipelines/data/index.js';
import { mapReducePipeline } from '../../src/pipelines/mapreduce/index.js';

const dataPlan = pipelineGraph('data', dataPipeline.datasets, duckdbDialect, new DataPipelineConfig());
const eventPlan = pipelineGraph('mapreduce', mapReducePipeline.datasets, duckdbDialect, new MapReducePipelineConfig());

test('lineage comes from ref(): each dataset lists what its SQL reads', () => {
  const inputs = Object.fromEntries(dataPlan.map((p) => [p.dataset.name, p.inputs]));
  // The SQL reads bronze; the referential-integrity expectation reads the customers.
  assert.deepEqual(inputs['silver.transactions_clean'], ['bronze.transactions', 'silver.customers_enriched']);
  assert.deepEqual(inputs['gold.category_analytics'], ['silver.transactions_clean']);
  assert.deepEqual(inputs['gold.customer_analytics'], ['silver.customers_enriched']);
  assert.deepEqual(inputs['bronze.customers'], []);
  const events = Object.fromEntries(eventPlan.map((p) => [p.dataset.name, p.inputs]));
  assert.deepEqual(events['gold.product_revenue'], ['silver.cleaned_events', 'bronze.products']);
});

test('every dataset comes after its inputs', () => {
  for (const plan of [dataPlan, eventPlan]) {
    const position = new Map(plan.map((p, i) => [p.dataset.name, i]));
    for (const p of plan) for (const input of p.inputs) assert.ok(position.get(input)! < position.get(p.dataset.name)!);
  }
});

test('selectors: a name, +ancestors, descendants+, layer:', () => {
  const sorted = (s: Set<string>) => [...s].sort();
  assert.deepEqual(sorted(selectDatasets(dataPlan, ['silver.transactions_clean'])), ['silver.transactions_clean']);
  assert.deepEqual(sorted(selectDatasets(dataPlan, ['+gold.category_analytics'])), [
    'bronze.customers',
    'bronze.transactions',
    'gold.category_analytics',
    'silver.customers_changes',
    'silver.customers_enriched',
    'silver.customers_history',
    'silver.transactions_clean',
  ]);
  assert.deepEqual(sorted(selectDatasets(eventPlan, ['silver.cleaned_events+'])).length, 11);
  assert.deepEqual(sorted(selectDatasets(dataPlan, ['layer:gold'])).length, 5);
  assert.deepEqual(sorted(selectDatasets(dataPlan, ['gold/payment_analytics,gold.device_analytics'])), [
    'gold.device_analytics',
    'gold.payment_analytics',
  ]);
});

test('unknown selectors are user errors that list what exists', () => {
  assert.throws(() => selectDatasets(dataPlan, ['gold.nope']), (e: unknown) => e instanceof UserError && /unknown dataset 'gold.nope'.*gold.customer_analytics/.test(e.message));
  assert.throws(() => selectDatasets(dataPlan, ['layer:platinum']), (e: unknown) => e instanceof UserError && /unknown layer 'platinum'/.test(e.message));
});
