import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbDialect } from '../dialect/duckdb.js';
import { duckdb } from '../engines/duckdb/load-duckdb.js';
import { LAYERS } from '../model/dataset.js';
import { errorMessage } from '../model/errors.js';
import type { DatasetStore } from '../storage/dataset-store.js';
import { currentQuarantines, currentRelations } from '../storage/current-relations.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { latestDocs, readRunRecords } from './run-records.js';

/** The catalog's file name inside a data dir. */
export const CATALOG_FILE = 'catalog.duckdb';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Rewrites `<data-dir>/catalog.duckdb`, the database that Superset, Grafana, DBeaver and the DuckDB
 * CLI open directly: schemas `bronze`, `silver` and `gold` with one view per current dataset,
 * `quarantine` with one view per quarantined dataset, and `medallion.runs` / `medallion.dataset_runs`
 * with the run history. Each view reads its dataset's current snapshot as the store gives it: the
 * link to the current version for versioned Parquet, the current commit's file list for a Delta
 * table (which is why the catalog is rewritten after every run and every rollback). The file is
 * built beside the old one and renamed over it: a reader sees the old catalog or the new one,
 * never half of one. Data dirs on object stores or HDFS get no catalog (DuckDB would need
 * credentials to read them).
 */
export async function refreshCatalog(dataDir: string): Promise<string | undefined> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir)) return undefined;
  const root = resolve(dataDir);
  const store = openDatasetStore(root);
  const target = join(root, CATALOG_FILE);
  const temp = join(root, `.${CATALOG_FILE}.${process.pid}.tmp`);
  removeAbandoned(root);
  removeDatabase(temp);
  const instance = await duckdb().DuckDBInstance.create(temp);
  const connection = await instance.connect();
  try {
    // One transaction: committing each view and comment on its own would write the log each time.
    await connection.run('BEGIN TRANSACTION');
    await writeCatalog(connection, store);
    await connection.run('COMMIT');
    await connection.run('CHECKPOINT');
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    removeDatabase(temp);
    throw error;
  }
  connection.closeSync();
  instance.closeSync();
  renameSync(temp, target);
  return target;
}

/** `refreshCatalog` as the step after a run's commit: a failure names the catalog. */
export async function refreshCatalogAfterCommit(dataDir: string): Promise<void> {
  try {
    await refreshCatalog(dataDir);
  } catch (error) {
    throw new Error(`Catalog not refreshed: ${errorMessage(error)}`, { cause: error });
  }
}

async function writeCatalog(connection: DuckDBConnection, store: DatasetStore): Promise<void> {
  const root = store.dataDir;
  const runs = readRunRecords(root);
  const docs = latestDocs(runs);
  // Sent as two scripts rather than a statement per view and per column: a round trip each
  // would cost more than the catalog itself.
  const views: string[] = [];
  const documented = new Map<string, ReturnType<typeof docs.get>>();
  for (const layer of LAYERS) views.push(`CREATE SCHEMA ${layer}`);
  for (const { dataset, relation } of await currentRelations(store, duckdbDialect)) {
    const [layer, name] = dataset.split('.') as [string, string];
    views.push(`CREATE VIEW ${layer}.${ident(name)} AS SELECT * FROM ${relation}`);
    documented.set(dataset, docs.get(dataset));
  }
  views.push('CREATE SCHEMA quarantine');
  for (const { dataset, relation } of currentQuarantines(store, duckdbDialect)) {
    views.push(`CREATE VIEW quarantine.${ident(dataset.replace('.', '_'))} AS SELECT * FROM ${relation}`);
  }
  await connection.run(views.join(';\n'));

  // Docs come from the newest manifest that has them; a column they name may since have left the
  // dataset (a rollback to an older schema): only the columns the views have are commented.
  const present = new Set(
    (await connection.runAndReadAll("SELECT schema_name || '.' || table_name || '.' || column_name AS c FROM duckdb_columns() WHERE database_name = current_database()"))
      .getRowObjectsJS()
      .map((r) => String(r['c'])),
  );
  const comments: string[] = [];
  for (const [dataset, doc] of documented) {
    if (!doc) continue;
    const [layer, name] = dataset.split('.') as [string, string];
    const view = `${layer}.${ident(name)}`;
    if (doc.description) comments.push(`COMMENT ON VIEW ${view} IS ${literal(doc.description)}`);
    for (const [column, text] of Object.entries(doc.docs ?? {})) {
      if (present.has(`${dataset}.${column}`)) comments.push(`COMMENT ON COLUMN ${view}.${ident(column)} IS ${literal(text)}`);
    }
  }
  if (comments.length) await connection.run(comments.join(';\n'));

  await connection.run('CREATE SCHEMA medallion');
  await connection.run(`CREATE TABLE medallion.runs (
    run_id VARCHAR PRIMARY KEY, pipeline VARCHAR, engine VARCHAR, outcome VARCHAR,
    started_at TIMESTAMP, finished_at TIMESTAMP, seconds DOUBLE, datasets INTEGER, error VARCHAR, manifest_path VARCHAR)`);
  await connection.run(`CREATE TABLE medallion.dataset_runs (
    run_id VARCHAR, started_at TIMESTAMP, dataset VARCHAR, layer VARCHAR, status VARCHAR,
    rows_in BIGINT, "rows" BIGINT, quarantined BIGINT, bytes BIGINT, seconds DOUBLE,
    expectations_passed INTEGER, expectations_warned INTEGER, expectations_failed INTEGER)`);
  const runAppender = await connection.createAppender('runs', 'medallion');
  const datasetAppender = await connection.createAppender('dataset_runs', 'medallion');
  for (const run of runs) {
    const started = run.startedAt.replace('T', ' ').replace('Z', '');
    runAppender.appendVarchar(run.runId);
    runAppender.appendVarchar(run.pipeline);
    runAppender.appendVarchar(`${run.engine.name} ${run.engine.version}`);
    runAppender.appendVarchar(run.outcome);
    runAppender.appendVarchar(started);
    runAppender.appendVarchar(run.finishedAt.replace('T', ' ').replace('Z', ''));
    runAppender.appendDouble(run.seconds);
    runAppender.appendInteger(run.datasets.length);
    if (run.error) runAppender.appendVarchar(run.error.message);
    else runAppender.appendNull();
    runAppender.appendVarchar(join(root, '_runs', `${run.runId}.json`));
    runAppender.endRow();
    for (const d of run.datasets) {
      const count = (status: string) => d.expectations.filter((e) => e.status === status).length;
      datasetAppender.appendVarchar(run.runId);
      datasetAppender.appendVarchar(started);
      datasetAppender.appendVarchar(d.name);
      datasetAppender.appendVarchar(d.layer);
      datasetAppender.appendVarchar(d.status);
      datasetAppender.appendBigInt(BigInt(d.rowsIn));
      datasetAppender.appendBigInt(BigInt(d.rows));
      datasetAppender.appendBigInt(BigInt(Object.values(d.quarantined).reduce((a, b) => a + b, 0)));
      datasetAppender.appendBigInt(BigInt(d.bytes));
      datasetAppender.appendDouble(d.seconds);
      datasetAppender.appendInteger(count('pass'));
      datasetAppender.appendInteger(count('warn'));
      datasetAppender.appendInteger(count('fail'));
      datasetAppender.endRow();
    }
  }
  runAppender.closeSync();
  datasetAppender.closeSync();
}

/** Temporary catalogs of processes that died while writing one (a run killed at its very end). */
function removeAbandoned(root: string): void {
  for (const name of readdirSync(root)) {
    const pid = /^\.catalog\.duckdb\.(\d+)\.tmp$/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !isAlive(Number(pid))) removeDatabase(join(root, name));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeDatabase(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
