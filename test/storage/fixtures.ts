import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataPipeline } from '../../src/pipelines/data/index.js';
import { datasetDir } from '../../src/storage/layout.js';
import { publishedVersions } from '../../src/storage/formats/parquet-versions/version-dirs.js';
import { checksumOf, readVersionRecord } from '../../src/storage/version-record.js';
import { versionDir } from '../../src/storage/version-layout.js';
import { reader } from '../helpers.js';
import { LocalDatasetStore } from '../../src/storage/formats/parquet-versions/local-dataset-store.js';
import { OVERWRITE } from '../../src/storage/write-strategy.js';
import type { Engine } from '../../src/engines/engine.js';

export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
export const DATA_DATASETS = dataPipeline.datasets.map((d) => d.name);

/** Sizes small enough for a whole `data` run to take well under a second of pipeline time. */
export function sizes(seed: number, transactions = 1000): string[] {
  return ['--customers', '300', '--transactions', String(transactions), '--products', '20', '--seed', String(seed), '--as-of', '2026-01-10'];
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built CLI as a user runs it, synchronously. */
export function medallion(args: readonly string[], env: Record<string, string> = {}): Finished {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The built CLI started in the background; `done` settles when it exits (or is killed). */
export function startMedallion(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, CI: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, output: () => stdout };
}

export interface DatasetCheck {
  readonly dataset: string;
  /** Undefined when the dataset has never been published. */
  readonly versionId: string | undefined;
  readonly rows: number;
}

/**
 * Reads every dataset as a plain reader would (`<dir>/<layer>/<name>/*.parquet`) and proves it is
 * exactly one published version: its row count and file checksum equal that version's record.
 * Every other kept version must still match its record too. Returns the problems found.
 */
export async function verifyDataDir(dataDir: string, datasets: readonly string[] = DATA_DATASETS): Promise<{ problems: string[]; checks: DatasetCheck[] }> {
  const problems: string[] = [];
  const checks: DatasetCheck[] = [];
  const engine = await reader();
  for (const dataset of datasets) {
    const link = datasetDir(dataDir, dataset);
    const published = publishedVersions(dataDir, dataset);
    let exists = true;
    try {
      lstatSync(link);
    } catch {
      exists = false;
    }
    if (!exists) {
      if (published.length) problems.push(`${dataset}: not readable, but versions ${published.map((v) => v.versionId).join(', ')} were published`);
      checks.push({ dataset, versionId: undefined, rows: 0 });
      continue;
    }
    const real = realpathSync(link);
    const record = readVersionRecord(real);
    if (!record) {
      problems.push(`${dataset}: ${real} has no version record`);
      continue;
    }
    let rows = -1;
    try {
      const [row] = await engine.query(`SELECT count(*) AS n FROM read_parquet('${link}/**/*.parquet')`);
      rows = Number(row?.['n']);
    } catch (error) {
      problems.push(`${dataset}: read failed: ${(error as Error).message}`);
    }
    if (rows !== record.rows) problems.push(`${dataset}: ${rows} rows read, version ${record.versionId} has ${record.rows}`);
    if ((await checksumOf(real)) !== record.checksum) problems.push(`${dataset}: files of ${record.versionId} do not match its checksum`);
    if (!published.some((v) => v.versionId === record.versionId)) problems.push(`${dataset}: current ${record.versionId} is not a published version`);
    for (const v of published) {
      if (v.versionId === record.versionId) continue;
      if ((await checksumOf(versionDir(dataDir, dataset, v.versionId))) !== v.checksum) problems.push(`${dataset}: kept version ${v.versionId} changed`);
    }
    checks.push({ dataset, versionId: record.versionId, rows });
  }
  return { problems, checks };
}

export function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Publishes a version of bronze.customers with other columns, as an older release of the pipeline might have. */
export async function publishOtherSchema(dir: string): Promise<string> {
  const engine = await reader();
  const store = new LocalDatasetStore(dir);
  const session = await store.beginWrite('20000101T000000Z-000000', 'run', { allowSchemaChange: true });
  try {
    const staged = session.paths.staged('bronze.customers');
    const rows = await engine.writeParquet(`SELECT range::BIGINT AS customer_id, 'x' AS nickname FROM range(5)`, staged);
    await session.publish('bronze.customers', { rows, columns: await engine.describe(`SELECT * FROM read_parquet('${staged}/*.parquet')`), write: OVERWRITE });
  } finally {
    await session.end();
  }
  return '20000101T000000Z-000000';
}

/** Publishes `rows` rows (`id` 0…rows-1) as version `runId` of `dataset`, written by `engine` through the store's run transaction. */
export async function publishIds(store: LocalDatasetStore, engine: Pick<Engine, 'dialect' | 'writeParquet' | 'describe'>, dataset: string, runId: string, rows: number): Promise<void> {
  const session = await store.beginWrite(runId, 'run');
  try {
    const staged = session.paths.staged(dataset);
    const written = await engine.writeParquet(`SELECT CAST(id AS BIGINT) AS id FROM ${engine.dialect.range(rows)} AS r`, staged);
    await session.publish(dataset, { rows: written, columns: await engine.describe(`SELECT * FROM ${engine.dialect.readParquet(staged)} AS s`), write: OVERWRITE });
  } finally {
    await session.end();
  }
}
