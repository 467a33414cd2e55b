import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { PIPELINES } from '../../src/pipelines/registry.js';

/**
 * The Spark SQL of every built-in pipeline, reviewed by hand and kept, so that any change to a dialect,
 * a generator or a pipeline shows up in review as a diff of the SQL Spark will run.
 * After an intended change: `UPDATE_GOLDEN=1 npm test`, then review the diff of test/golden/.
 */
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const golden = (name: string) => fileURLToPath(new URL(`../../../test/golden/${name}`, import.meta.url));

for (const pipeline of Object.keys(PIPELINES)) {
  test(`the Spark SQL of the ${pipeline} pipeline matches test/golden/spark-${pipeline}.sql`, () => {
    const run = spawnSync(process.execPath, [CLI, 'sql', pipeline, '--engine', 'spark', '--as-of', '2026-01-15', '--seed', '42', '--data-dir', '/data/medallion'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const file = golden(`spark-${pipeline}.sql`);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, run.stdout);
    assert.equal(run.stdout, readFileSync(file, 'utf8'));
  });
}

test('medallion sql prints the DuckDB statements too, without opening a database', () => {
  const run = spawnSync(process.execPath, [CLI, 'sql', 'data', '--as-of', '2026-01-15', '--data-dir', '/data/medallion'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^COPY \(SELECT "transaction_id", .*\nFROM \(/m);
  assert.match(run.stdout, /TO '\/data\/medallion\/_staging\/<run-id>\/silver\/transactions_clean\/part-00000\.parquet' \(FORMAT parquet/);
  assert.equal(run.stdout.match(/^-- data /gm)?.length, 15);
});
