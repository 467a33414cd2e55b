import { duckdbDialect } from '../dialect/duckdb.js';
import { DuckDBSqlParser } from '../engines/duckdb/sql-parser.js';
import type { PipelineConfig } from '../model/config.js';
import { layerOf, shortName, type Dataset, type DatasetContext } from '../model/dataset.js';
import { errorMessage } from '../model/errors.js';
import { columnKey, type ColumnLineage, type ColumnRef, type DatasetLineage } from '../model/lineage.js';
import type { Pipeline } from '../model/pipeline.js';
import { QueryTracer, sourceTrace, toColumnLineage, type Relation } from './trace-query.js';

/** The schema a dataset's previous version is named under in the SQL the analysis parses. */
const PREVIOUS_SCHEMA = '__previous';

/**
 * Column-level lineage of every dataset of a pipeline, one hop each: bronze columns are origins,
 * and every other column names the columns of its inputs its value is computed from. Each SQL is
 * rendered with DuckDB's dialect, `ref('silver.x')` standing as the table `silver.x`, and parsed
 * by DuckDB; the lineage is the same whichever engine runs the pipeline, since the dialects differ
 * only in how a function is spelt, never in which columns it reads.
 */
export async function pipelineLineage(pipeline: Pipeline<PipelineConfig>, config: PipelineConfig = pipeline.configure({})): Promise<DatasetLineage[]> {
  const parser = await DuckDBSqlParser.create();
  try {
    const byName = new Map(pipeline.datasets.map((d) => [d.name, d]));
    const resolve = (schema: string, table: string): Relation | undefined => {
      const previous = schema === PREVIOUS_SCHEMA;
      const name = previous ? table : `${schema}.${table}`;
      const dataset = byName.get(name);
      if (!dataset) return undefined;
      return {
        columns: Object.keys(dataset.columns).map((column) => [column, sourceTrace({ dataset: name, column }, previous)] as const),
        rowsOf: new Set([name]),
      };
    };
    const tracer = new QueryTracer(parser.aggregates, resolve);
    const out: DatasetLineage[] = [];
    for (const dataset of pipeline.datasets) out.push(await datasetLineage(dataset, config, parser, tracer));
    return out;
  } finally {
    parser.close();
  }
}

async function datasetLineage(dataset: Dataset<PipelineConfig>, config: PipelineConfig, parser: DuckDBSqlParser, tracer: QueryTracer): Promise<DatasetLineage> {
  const declared = Object.keys(dataset.columns);
  if (layerOf(dataset.name) === 'bronze') {
    return { dataset: dataset.name, columns: declared.map((column) => ({ column, transform: 'origin', sources: [] })) };
  }
  let relation: Relation;
  try {
    const tree = await parser.parseSelect(dataset.sql(lineageContext(config)));
    relation = tracer.query(tree, undefined, new Map());
  } catch (error) {
    const reason = `its SQL could not be analysed: ${errorMessage(error)}`;
    return { dataset: dataset.name, columns: declared.map((column) => ({ column, transform: 'expression', sources: [], unresolved: [reason] })) };
  }
  const byColumn = new Map(relation.columns.map(([name, trace]) => [name.toLowerCase(), trace]));
  const columns = declared.map((column) => {
    const trace = byColumn.get(column.toLowerCase());
    if (!trace && relation.unknown) return { column, transform: 'expression' as const, sources: [], unresolved: [`it comes from ${relation.unknown}`] };
    return toColumnLineage(column, trace);
  });
  return { dataset: dataset.name, columns };
}

/**
 * The context a dataset's SQL is rendered with for the analysis: each input is a table named
 * after it, the previous version of a dataset one under `__previous`; no run, no data dir.
 */
function lineageContext(config: PipelineConfig): DatasetContext<PipelineConfig> {
  const d = duckdbDialect;
  return {
    dialect: d,
    config,
    ref: (name) => `${d.identifier(layerOf(name))}.${d.identifier(shortName(name))}`,
    previous: (name) => `${d.identifier(PREVIOUS_SCHEMA)}.${d.identifier(name)}`,
    previousAsOf: () => undefined,
    runId: 'lineage',
    ingestedAt: 'CAST(NULL AS TIMESTAMP)',
  };
}

/** A column with the lineage of everything it is computed from, down to bronze. */
export interface LineageTree {
  readonly ref: ColumnRef;
  readonly lineage: ColumnLineage | undefined;
  readonly upstream: readonly LineageTree[];
}

/** The tree of a column's upstream columns, each followed through its own dataset's lineage. */
export function upstreamTree(lineage: readonly DatasetLineage[], ref: ColumnRef): LineageTree {
  const index = lineageIndex(lineage);
  const grow = (at: ColumnRef, seen: ReadonlySet<string>): LineageTree => {
    const own = index.get(columnKey(at));
    const next = new Set(seen).add(columnKey(at));
    const upstream = (own?.sources ?? []).filter((s) => !next.has(columnKey(s))).map((s) => grow(s, next));
    return { ref: at, lineage: own, upstream };
  };
  return grow(ref, new Set());
}

/** The bronze columns a column is computed from, through the whole graph. */
export function bronzeOrigins(lineage: readonly DatasetLineage[], ref: ColumnRef): ColumnRef[] {
  const found = new Map<string, ColumnRef>();
  const walk = (tree: LineageTree): void => {
    if (tree.lineage?.transform === 'origin') found.set(columnKey(tree.ref), tree.ref);
    tree.upstream.forEach(walk);
  };
  walk(upstreamTree(lineage, ref));
  return [...found.values()];
}

export function lineageIndex(lineage: readonly DatasetLineage[]): Map<string, ColumnLineage> {
  return new Map(lineage.flatMap((d) => d.columns.map((c) => [columnKey({ dataset: d.dataset, column: c.column }), c] as const)));
}
