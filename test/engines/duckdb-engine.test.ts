import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { generateEventLines } from '../../src/pipelines/mapreduce/generate-lines.js';
import { InputError } from '../../src/model/errors.js';
import { tempDir } from '../helpers.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('generation over more than one row group runs in parallel and writes the same bytes as on one thread', async () => {
  const dir = tempDir();
  const files: string[] = [];
  for (const threads of [1, 2]) {
    const engine = await DuckDBEngine.create({ threads });
    try {
      for (const statement of engine.dialect.prepareRanges([300_000])) await engine.execute(statement);
      const sql = `SELECT * FROM (${generateEventLines(engine.dialect, { count: 300_000, users: 1000, products: 50, seed: 3, asOf: '2026-01-01' })}) AS g`;
      const out = join(dir, `t${threads}`);
      assert.equal(await engine.writeParquet(sql, out), 300_000);
      files.push(join(out, 'part-00000.parquet'));
      const [first] = await engine.query(`SELECT line FROM read_parquet('${files.at(-1)}') LIMIT 1`);
      assert.match(String(first!['line']), /^\{"timestamp": "2025-12-2\d/);
    } finally {
      await engine.close();
    }
  }
  assert.equal(sha(files[0]!), sha(files[1]!));
});

test('user-visible errors about input files become one clear line', async () => {
  const engine = await DuckDBEngine.create({ threads: 1 });
  try {
    await assert.rejects(
      engine.query(`SELECT * FROM ${engine.dialect.readLines(['/nonexistent/medallion/*.jsonl'])} AS l`),
      (error: Error) => error instanceof InputError && error.message === "no input files match '/nonexistent/medallion/*.jsonl'",
    );
  } finally {
    await engine.close();
  }
});
