import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbDialect } from '../dialect/duckdb.js';
import { LAYERS } from '../model/dataset.js';
import type { DatasetStore } from '../storage/dataset-store.js';
import { currentQuarantines, currentRelations } from '../storage/current-relations.js';
import { readRunHistory, type RunHistory } from './run-summaries.js';

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
  const histories = sources.map((s) => readRunHistory(s.store.dataDir));
  let datasets = 0;
  for (const [i, source] of sources.entries()) datasets += await writeViews(connection, source, histories[i]!);
  await writeRunTables(connection, histories);
  await writeColumnLineage(connection, histories);
  return datasets;
}

/**
 * `medallion.column_lineage`: one row per column and each column it is computed from (`reads`),
 * each input whose rows it counts (`counts rows of`, no source column) and each column of its own
 * previous version it builds on (`previous version`); a column made of none of these (a bronze
 * column, a constant) has one row without a source. From each dataset's newest recorded lineage,
 * the one the report's column picker shows. A view over its values rather than a table: its few
 * hundred rows then live in the catalog's metadata, and the file takes no extra 256 KiB block
 * (it is written twice over, old and new side by side, on what may be a nearly full disk).
 */
async function writeColumnLineage(connection: DuckDBConnection, histories: readonly RunHistory[]): Promise<void> {
  const value = (text: string | null) => (text === null ? 'NULL' : literal(text));
  const rows: string[] = [];
  for (const history of histories) {
    const pipeline = history.runs.at(-1)?.pipeline ?? '';
    for (const d of history.latestColumnLineage()) {
      for (const c of d.columns) {
        const notFollowed = c.unresolved?.length ? c.unresolved.join('; ') : null;
        const hops: Array<[string | null, string | null, string | null]> = [
          ...c.sources.map((s): [string, string, string] => [s.dataset, s.column, 'reads']),
          ...(c.rowsOf ?? []).map((input): [string, null, string] => [input, null, 'counts rows of']),
          ...(c.previous ?? []).map((s): [string, string, string] => [s.dataset, s.column, 'previous version']),
        ];
        for (const [sourceDataset, sourceColumn, relation] of hops.length ? hops : [[null, null, null] as [null, null, null]]) {
          rows.push(`(${[pipeline, d.dataset, c.column, c.transform, sourceDataset, sourceColumn, relation, notFollowed].map(value).join(', ')})`);
        }
      }
    }
  }
  const columns = ['pipeline', 'dataset', 'column', 'transform', 'source_dataset', 'source_column', 'relation', 'not_followed'];
  const select = columns.map((c, i) => `CAST(c${i} AS VARCHAR) AS ${ident(c)}`).join(', ');
  const from = rows.length
    ? `(VALUES ${rows.join(',\n')}) AS t(${columns.map((_, i) => `c${i}`).join(', ')})`
    : `(SELECT ${columns.map((_, i) => `NULL AS c${i}`).join(', ')} WHERE false)`;
  await connection.run(`CREATE VIEW medallion.column_lineage AS SELECT ${select} FROM ${from}`);
}

async function writeViews(connection: DuckDBConnection, { store, prefix }: CatalogSource, history: RunHistory): Promise<number> {
  const docs = history.latestDocs();
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

async function writeRunTables(connection: DuckDBConnection, histories: readonly RunHistory[]): Promise<void> {
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
  for (const { root, runs } of histories) {
    for (const run of runs) {
      const started = run.startedAt.replace('T', ' ').replace('Z', '');
      runAppender.appendVarchar(run.runId);
      runAppender.appendVarchar(run.pipeline);
      runAppender.appendVarchar(run.engine);
      runAppender.appendVarchar(run.outcome);
      runAppender.appendVarchar(started);
      runAppender.appendVarchar(run.finishedAt.replace('T', ' ').replace('Z', ''));
      runAppender.appendDouble(run.seconds);
      runAppender.appendInteger(run.datasets.length);
      if (run.error !== null) runAppender.appendVarchar(run.error);
      else runAppender.appendNull();
      runAppender.appendVarchar(join(root, '_runs', `${run.runId}.json`));
      runAppender.endRow();
      for (const d of run.datasets) {
        datasetAppender.appendVarchar(run.runId);
        datasetAppender.appendVarchar(started);
        datasetAppender.appendVarchar(d.name);
        datasetAppender.appendVarchar(d.layer);
        datasetAppender.appendVarchar(d.status);
        datasetAppender.appendBigInt(BigInt(d.rowsIn));
        datasetAppender.appendBigInt(BigInt(d.rows));
        datasetAppender.appendBigInt(BigInt(d.quarantined));
        datasetAppender.appendBigInt(BigInt(d.bytes));
        datasetAppender.appendDouble(d.seconds);
        datasetAppender.appendInteger(d.passed);
        datasetAppender.appendInteger(d.warned);
        datasetAppender.appendInteger(d.failed);
        datasetAppender.endRow();
      }
    }
  }
  runAppender.closeSync();
  datasetAppender.closeSync();
}
