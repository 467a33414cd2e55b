import type { QueryRows } from './local-duckdb.js';
import { sqlLiteral } from './local-duckdb.js';
import { duckdbTypeOf, type SparkField, type SparkStruct } from './spark-schema.js';

/** Per-file statistics as the protocol defines them, so that readers can skip files by value. */
export interface FileStats {
  readonly numRecords: number;
  readonly minValues: Record<string, string | number>;
  readonly maxValues: Record<string, string | number>;
  readonly nullCount: Record<string, number>;
}

/** Spark truncates string statistics to a prefix of this length; a longer maximum is left out rather than made wrong. */
const STRING_PREFIX = 32;

/**
 * The statistics of one Parquet file, read from its footer only (row-group statistics), never
 * from its data: the cost is one small read per file whatever its size. Min and max are taken
 * over the row groups in the column's own type, so `10 > 9` holds. Columns whose row groups lack
 * statistics, and types readers do not skip on (booleans, binary, arrays), get only a null count.
 */
export async function parquetFileStats(query: QueryRows, file: string, schema: SparkStruct, partitionColumns: readonly string[]): Promise<FileStats> {
  const source = `parquet_metadata(${sqlLiteral(file)})`;
  const [counts] = await query(
    `SELECT coalesce(sum(n), 0)::BIGINT AS rows FROM (SELECT DISTINCT row_group_id, row_group_num_rows AS n FROM ${source})`,
  );
  const numRecords = Number(counts?.['rows'] ?? 0);
  const fields = schema.fields.filter((f) => !partitionColumns.includes(f.name));
  if (!fields.length) return { numRecords, minValues: {}, maxValues: {}, nullCount: {} };

  const selects = fields.flatMap((field, i) => {
    const only = `FILTER (WHERE path_in_schema = ${sqlLiteral(field.name)})`;
    const select = [`sum(stats_null_count) ${only} AS n${i}`];
    const duck = statsCastType(field);
    if (duck) {
      // Every row group holding a value must carry statistics, or a min over the others would lie.
      const complete = `bool_and(stats_min_value IS NOT NULL OR stats_null_count = row_group_num_rows) ${only}`;
      select.push(
        `CASE WHEN ${complete} THEN ${renderStat(field, `min(TRY_CAST(stats_min_value AS ${duck})) ${only}`)} END AS lo${i}`,
        `CASE WHEN ${complete} THEN ${renderStat(field, `max(TRY_CAST(stats_max_value AS ${duck})) ${only}`)} END AS hi${i}`,
      );
    }
    return select;
  });
  const [row = {}] = await query(`SELECT ${selects.join(', ')} FROM ${source}`);

  const minValues: Record<string, string | number> = {};
  const maxValues: Record<string, string | number> = {};
  const nullCount: Record<string, number> = {};
  fields.forEach((field, i) => {
    const nulls = row[`n${i}`];
    // A column absent from the file (schema evolution) is all nulls in it.
    nullCount[field.name] = nulls === null || nulls === undefined ? numRecords : Number(nulls);
    const lo = row[`lo${i}`];
    const hi = row[`hi${i}`];
    if (lo === null || lo === undefined || hi === null || hi === undefined) return;
    const numeric = field.type !== 'string' && field.type !== 'date' && field.type !== 'timestamp';
    if (numeric) {
      const [l, h] = [Number(lo), Number(hi)];
      if (!Number.isFinite(l) || !Number.isFinite(h)) return;
      minValues[field.name] = l;
      maxValues[field.name] = h;
      return;
    }
    const [l, h] = [String(lo), String(hi)];
    if (field.type === 'string' && h.length > STRING_PREFIX) {
      minValues[field.name] = l.slice(0, STRING_PREFIX);
      return;
    }
    minValues[field.name] = field.type === 'string' ? l.slice(0, STRING_PREFIX) : l;
    maxValues[field.name] = h;
  });
  return { numRecords, minValues, maxValues, nullCount };
}

/** The types Delta keeps a min and max of (as Spark does: not booleans, binaries or nested types). */
const WITH_MIN_MAX = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'string', 'date', 'timestamp']);

/** The DuckDB type footer statistics are cast to before comparing them, or undefined for no min/max. */
function statsCastType(field: SparkField): string | undefined {
  const type = field.type;
  if (typeof type !== 'string' || !(WITH_MIN_MAX.has(type) || /^decimal\(/.test(type))) return undefined;
  return duckdbTypeOf(type);
}

/**
 * Statistics as readers expect them in JSON: dates as `YYYY-MM-DD`, timestamps in UTC with
 * milliseconds (truncated down, as Spark writes them), numbers as text DuckDB renders exactly.
 */
function renderStat(field: SparkField, expression: string): string {
  if (field.type === 'date') return `strftime(${expression}, '%Y-%m-%d')`;
  if (field.type === 'timestamp') return `strftime(timezone('UTC', ${expression}), '%Y-%m-%dT%H:%M:%S.%gZ')`;
  if (field.type === 'string') return expression;
  return `CAST(${expression} AS VARCHAR)`;
}
