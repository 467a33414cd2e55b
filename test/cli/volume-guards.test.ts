import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { scalar, tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const medallion = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const DATA = ['--customers', '300', '--transactions', '1500', '--products', '30', '--seed', '4', '--as-of', '2026-03-11', '--quiet'];

/** Which version every dataset of a data dir reads as. */
function currentVersions(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const layer of ['bronze', 'silver', 'gold']) {
    for (const name of readdirSync(join(dir, layer))) out[`${layer}.${name}`] = realpathSync(join(dir, layer, name));
  }
  return out;
}

test('a pretty-printed JSON array as --input fails the run before anything is published, and names the rule', () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  assert.equal(medallion('run', 'mapreduce', '--data-dir', out, '--events', '3000', '--users', '100', '--event-products', '20', '--as-of', '2026-03-11', '--quiet').code, 0);
  const before = currentVersions(out);
  const events = Array.from({ length: 200 }, (_, i) => ({ timestamp: '2026-03-10T09:30:00', user_id: i + 1, event: 'view', device: 'mobile', location: 'US' }));
  writeFileSync(join(dir, 'array.json'), JSON.stringify(events, null, 2));
  const run = medallion('run', 'mapreduce', '--input', join(dir, 'array.json'), '--data-dir', out, '--as-of', '2026-03-11', '--quiet');
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout + run.stderr, /expectation parses_as_json failed on silver\.cleaned_events: [\d,]+ of [\d,]+ rows \(\d+\.\d\d%\) break .*a quarantine that removes more than 50% of the rows stops the run/);
  assert.deepEqual(currentVersions(out), before);
  const manifests = readdirSync(join(out, '_runs')).sort();
  const failed = JSON.parse(readFileSync(join(out, '_runs', manifests.at(-1)!), 'utf8')) as { outcome: string; unpublished: string[] };
  assert.equal(failed.outcome, 'failed');
  assert.equal(failed.unpublished.length, 14);
});

test('a header-only customers CSV fails the run and leaves the previous run current', async () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  assert.equal(medallion('run', 'data', '--data-dir', out, ...DATA).code, 0);
  const before = currentVersions(out);
  const header = 'customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent\n';
  writeFileSync(join(dir, 'customers.csv'), header);
  const run = medallion('run', 'data', '--input-customers', join(dir, 'customers.csv'), '--data-dir', out, ...DATA);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout + run.stderr, /bronze\.customers: '.*customers\.csv' holds no rows/);
  assert.doesNotMatch(run.stdout + run.stderr, /^\s+at /m, 'no stack trace');
  assert.deepEqual(currentVersions(out), before);
  assert.equal(await scalar(out, 'SELECT count(*) FROM {silver.customers_enriched}'), 300);
});

test('a customers file that leaves most transactions without their customer fails the run', () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  const lines = ['customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent'];
  for (let id = 1; id <= 10; id++) lines.push(`${id},Ann,Lee,ann${id}@example.com,30,Oslo,2025-01-01,3,120.5`);
  writeFileSync(join(dir, 'customers.csv'), lines.join('\n') + '\n');
  const run = medallion('run', 'data', '--input-customers', join(dir, 'customers.csv'), '--data-dir', out, ...DATA);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout + run.stderr, /expectation references\(customer_id -> silver\.customers_enriched\.customer_id\) failed on silver\.transactions_clean: .*\(9\d\.\d\d%\)/);
  assert.deepEqual(readdirSync(out).filter((f) => ['bronze', 'silver', 'gold'].includes(f)), []);
});

test('a dataset that had rows is not replaced by an empty one unless --allow-empty', () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  assert.equal(medallion('run', 'data', '--data-dir', out, ...DATA).code, 0);
  const header = 'product_id,product_name,category,price,stock_quantity,supplier,weight_kg,created_date,is_active\n';
  // Every product inactive: silver.products_active and gold.product_analytics would become empty.
  const rows = Array.from({ length: 30 }, (_, i) => `PROD_${String(i + 1).padStart(4, '0')},P,Books,10,5,S,1,2025-01-01,false`);
  writeFileSync(join(dir, 'products.csv'), header + rows.join('\n') + '\n');
  const refused = medallion('run', 'data', '--input-products', join(dir, 'products.csv'), '--data-dir', out, ...DATA);
  assert.equal(refused.code, 1);
  assert.match(refused.stdout + refused.stderr, /silver\.products_active would go from [\d,]+ rows to 0; nothing was published \(use --allow-empty if that is right\)/);
  const allowed = medallion('run', 'data', '--input-products', join(dir, 'products.csv'), '--data-dir', out, ...DATA, '--allow-empty');
  assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
});

test('a fail expectation that stops the run is recorded with its counts and examples: quality shows it, table and JSON', () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  const lines = ['customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent'];
  for (let id = 1; id <= 300; id++) lines.push(`${id % 150 + 1},Ann,Lee,ann${id}@example.com,30,Oslo,2025-01-01,3,120.5`);
  writeFileSync(join(dir, 'customers.csv'), lines.join('\n') + '\n');
  const run = medallion('run', 'data', '--input-customers', join(dir, 'customers.csv'), '--data-dir', out, ...DATA);
  assert.equal(run.code, 1);
  const table = medallion('quality', 'data', '--data-dir', out);
  // The snapshot's keys are checked where the change set is computed, before any history is kept.
  assert.match(table.stdout, /silver\.customers_changes +│ unique\(customer_id\) in customers .*│ fail .*│ 300 .*│ 300 .*FAIL/);
  assert.match(table.stdout, /1 failed/);
  const json = JSON.parse(medallion('quality', 'data', '--data-dir', out, '--format', 'json').stdout) as { expectations: Array<{ name: string; status: string; failures: number; examples: unknown[] }> };
  const unique = json.expectations.find((e) => e.name === 'unique(customer_id) in customers')!;
  assert.equal(unique.status, 'fail');
  assert.equal(unique.failures, 300);
  assert.ok(unique.examples.length > 0);
});
