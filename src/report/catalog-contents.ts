import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbDialect } from '../dialect/duckdb.js';
import { LAYERS } from '../model/dataset.js';
import type { DatasetStore } from '../storage/dataset-store.js';
import { currentQuarantines, currentRelations } from '../storage/current-relations.js';
import { latestColumnLineage, latestDocs, readRunRecords } from './run-records.js';

/**
 * One data dir's part of a catalog: its views go to schemas named `<prefix><layer>` (`gold` in a
 * pipeline's own catalog, `data_gold` in a catalog over several pipelines) and `<prefix>quarantine`.
 */
export interface CatalogSource {
  readonly store: DatasetStore;
  readonly prefix: string;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Writes the views of every source's current datasets and quarantines, with the docs as comments,
 * `medallion.runs` / `medallion.dataset_runs` with the runs of all sources, and
 * `medallion.column_lineage` with the column lineage the report draws. Returns the number of
 * dataset views (the quarantines not counted).
 */
export async function writeCatalog(connection: DuckDBConnection, sources: readonly CatalogSource[]): Promise<number> {
  let datasets = 0;
  for (const source of sources) datasets += await writeViews(connection, source);
  await writeRunTables(connection, sources.map((s) => s.store.dataDir));
  await writeColumnLineage(connection, sources.map((s) => s.store.dataDir));
  return datasets;
}

/**
 * `medallion.column_lineage`: one row per column and each column it is computed from (`reads`),
 * each input whose rows it counts (`counts rows of`, no source column) and each column of its own
 * previous version it builds on (`previous version`); a column made of none of these (a bronze
 * column, a constant) has one row without a source. From each dataset's newest recorded lineage,
 * the one the report's column picker shows.
 */
async function writeColumnLineage(connection: DuckDBConnection, dataDirs: readonly string[]): Promise<void> {
  await connection.run(`CREATE TABLE medallion.column_lineage (
    pipeline VARCHAR, dataset VARCHAR, "column" VARCHAR, transform VARCHAR,
    source_dataset VARCHAR, source_column VARCHAR, relation VARCHAR, not_followed VARCHAR)`);
  const appender = await connection.createAppender('column_lineage', 'medallion');
  for (const root of dataDirs) {
    const runs = readRunRecords(root);
    const pipeline = runs.at(-1)?.pipeline ?? '';
    for (const d of latestColumnLineage(runs)) {
      for (const c of d.columns) {
        const notFollowed = c.unresolved?.length ? c.unresolved.join('; ') : null;
        const rows: Array<[string | null, string | null, string | null]> = [
          ...c.sources.map((s): [string, string, string] => [s.dataset, s.column, 'reads']),
          ...(c.rowsOf ?? []).map((input): [string, null, string] => [input, null, 'counts rows of']),
          ...(c.previous ?? []).map((s): [string, string, string] => [s.dataset, s.column, 'previous version']),
        ];
        for (const [sourceDataset, sourceColumn, relation] of rows.length ? rows : [[null, null, null] as [null, null, null]]) {
          appender.appendVarchar(pipeline);
          appender.appendVarchar(d.dataset);
          appender.appendVarchar(c.column);
          appender.appendVarchar(c.transform);
          for (const value of [sourceDataset, sourceColumn, relation, notFollowed]) {
            if (value === null) appender.appendNull();
            else appender.appendVarchar(value);
          }
          appender.endRow();
        }
      }
    }
  }
  appender.closeSync();
}

async function writeViews(connection: DuckDBConnection, { store, prefix }: CatalogSource): Promise<number> {
  const docs = latestDocs(readRunRecords(store.dataDir));
  // Sent as two scripts rather than a statement per view and per column: a round trip each
  // would cost more than the catalog itself.
  const views: string[] = [];
  const documented = new Map<string, { view: string; doc: ReturnType<typeof docs.get> }>();
  for (const layer of LAYERS) views.push(`CREATE SCHEMA ${ident(prefix + layer)}`);
  for (const { dataset, relation } of await currentRelations(store, duckdbDialect)) {
    const [layer, name] = dataset.split('.') as [string, string];
    const view = `${ident(prefix + layer)}.${ident(name)}`;
    views.push(`CREATE VIEW ${view} AS SELECT * FROM ${relation}`);
    documented.set(dataset, { view, doc: docs.get(dataset) });
  }
  views.push(`CREATE SCHEMA ${ident(`${prefix}quarantine`)}`);
  for (const { dataset, relation } of currentQuarantines(store, duckdbDialect)) {
    views.push(`CREATE VIEW ${ident(`${prefix}quarantine`)}.${ident(dataset.replace('.', '_'))} AS SELECT * FROM ${relation}`);
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
  for (const [dataset, { view, doc }] of documented) {
    if (!doc) continue;
    const [layer, name] = dataset.split('.') as [string, string];
    if (doc.description) comments.push(`COMMENT ON VIEW ${view} IS ${literal(doc.description)}`);
    for (const [column, text] of Object.entries(doc.docs ?? {})) {
      if (present.has(`${prefix}${layer}.${name}.${column}`)) comments.push(`COMMENT ON COLUMN ${view}.${ident(column)} IS ${literal(text)}`);
    }
  }
  if (comments.length) await connection.run(comments.join(';\n'));
  return documented.size;
}

async function writeRunTables(connection: DuckDBConnection, dataDirs: readonly string[]): Promise<void> {
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
  for (const root of dataDirs) {
    for (const run of readRunRecords(root)) {
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
  }
  runAppender.closeSync();
  datasetAppender.closeSync();
}
