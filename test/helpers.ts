import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after } from 'node:test';
import { DuckDBEngine } from '../src/engines/duckdb/duckdb-engine.js';
import { Logger } from '../src/observe/logger.js';
import type { Row } from '../src/engines/engine.js';

const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the test file ends. */
export function tempDir(prefix = 'medallion-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A logger that keeps its lines in memory, for assertions on the log. */
export function memoryLogger(format: 'text' | 'json' = 'text'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: new Logger({ format, stream }), lines };
}

let shared: Promise<DuckDBEngine> | undefined;
after(async () => {
  if (shared) await (await shared).close();
});

/** One DuckDB engine per test file, for reading results back independently of the runner. */
export function reader(): Promise<DuckDBEngine> {
  shared ??= DuckDBEngine.create();
  return shared;
}

/** Rows of an SQL query over Parquet datasets: `{gold.x}` in the SQL stands for that dataset's files. */
export async function sql(dataDir: string, text: string): Promise<Row[]> {
  const engine = await reader();
  const expanded = text.replace(/\{(bronze|silver|gold)\.([a-z_]+)\}/g, (_m, layer: string, name: string) =>
    `read_parquet('${join(dataDir, layer, name)}/*.parquet')`,
  );
  return engine.query(expanded);
}

export async function scalar(dataDir: string, text: string): Promise<number> {
  const [row] = await sql(dataDir, text);
  return Number(Object.values(row ?? {})[0]);
}

/** Column names and DuckDB types of a dataset as written on disk. */
export async function schemaOf(dataDir: string, layer: string, name: string): Promise<Array<[string, string]>> {
  const engine = await reader();
  const cols = await engine.describe(`SELECT * FROM read_parquet('${join(dataDir, layer, name)}/*.parquet')`);
  return cols.map((c) => [c.name, c.type]);
}
