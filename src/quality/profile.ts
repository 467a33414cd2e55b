import type { Dialect } from '../dialect/dialect.js';
import type { Column, Row } from '../model/values.js';

export type { ColumnProfile, DuplicateReport, QualityReport } from '../model/quality-report.js';
import type { ColumnProfile, QualityReport } from '../model/quality-report.js';

const TOP_VALUES = 5;
/** Top values are worth showing only for categorical columns. */
const MAX_DISTINCT_FOR_TOP = 100;
const RANGED = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|FLOAT|REAL|DOUBLE|DECIMAL.*|DATE|TIMESTAMP.*|LONG|SHORT|BYTE)$/i;
const TEXT = /^(VARCHAR|STRING|TEXT)$/i;

/**
 * One scan of a dataset: rows, and per column its non-null count, approximate distinct count and,
 * for the `ranged` columns, its range; exact duplicates per key; and `also`, further aggregates
 * over the same rows (the checks on the written rows), so that the files are read once.
 */
export function profileSelect(
  d: Dialect,
  relation: string,
  columns: readonly string[],
  keys: readonly string[],
  also: readonly string[],
  ranged: readonly string[],
): string {
  const q = d.identifier;
  const select = ['count(*) AS n', ...(also.length ? ['count(*) AS checked', ...also] : [])];
  columns.forEach((c, i) => {
    // A key's distinct count follows from its exact duplicate count: no second sketch of it.
    select.push(`count(${q(c)}) AS c${i}`, keys.includes(c) ? `0 AS u${i}` : `approx_count_distinct(${q(c)}) AS u${i}`);
    // The smallest and largest text would be compared character by character, and not reported.
    if (ranged.includes(c)) select.push(`CAST(min(${q(c)}) AS ${d.textType}) AS lo${i}`, `CAST(max(${q(c)}) AS ${d.textType}) AS hi${i}`);
  });
  keys.forEach((k, i) => select.push(`count(${q(k)}) - count(DISTINCT ${d.hash64(q(k))}) AS d${i}`));
  return `SELECT ${select.join(', ')} FROM ${relation} AS profiled`;
}

/**
 * The profile's scan and the dataset's table checks as one statement: each check's one row
 * (`failures`, `checked`, `observed`) beside the profile's, its columns prefixed `t<j>_`. On an
 * engine where each statement is a job and a round trip (Spark), a dataset's checks cost one.
 * Joined on a true condition, so a check whose query returns no row leaves the profile's row
 * whole and reads as passing, as it would alone.
 */
export function profileWithTableChecks(profile: string, measures: readonly string[]): string {
  if (!measures.length) return profile;
  const columns = measures.flatMap((_, j) => ['failures', 'checked', 'observed'].map((c) => `t${j}.${c} AS t${j}_${c}`));
  const joins = measures.map((sql, j) => `LEFT JOIN (${sql}) AS t${j} ON 1 = 1`).join('\n');
  return `SELECT p.*, ${columns.join(', ')}\nFROM (${profile}) AS p\n${joins}`;
}

/** One table check's row, out of the row `profileWithTableChecks` returned. */
export function tableCheckRow(row: Row, j: number): Row {
  return { failures: row[`t${j}_failures`], checked: row[`t${j}_checked`], observed: row[`t${j}_observed`] };
}

/** The most frequent values of each of `columns`, in one statement: rows of (col, value, n). */
export function topValuesSelect(d: Dialect, relation: string, columns: readonly string[]): string {
  return columns
    .map((column) => {
      const q = d.identifier(column);
      // Each branch reads the same whichever columns are chosen, so a chosen few is a part of all.
      return `SELECT * FROM (SELECT ${d.quote(column)} AS col, CAST(${q} AS ${d.textType}) AS value, count(*) AS n
                 FROM ${relation} AS t WHERE ${q} IS NOT NULL GROUP BY ${q} ORDER BY n DESC, value LIMIT ${TOP_VALUES}) AS ${d.identifier(`top_${column}`)}`;
    })
    .join('\nUNION ALL\n');
}

/** The columns whose range the profile reports: numbers, dates and times. */
export function rangedColumns(columns: readonly Column[]): string[] {
  return columns.filter((c) => RANGED.test(c.type)).map((c) => c.name);
}

/** Whether a column's top values are worth a query: text with few distinct values, not a key. */
export function hasTopValues(profile: Row, index: number, column: Column, keys: readonly string[]): boolean {
  return TEXT.test(column.type) && !keys.includes(column.name) && Number(profile[`u${index}`] ?? 0) <= MAX_DISTINCT_FOR_TOP && Number(profile[`c${index}`] ?? 0) > 0;
}

/** The profile from the scan's row, the written columns' types and the top values found. */
export function qualityReport(
  row: Row,
  columns: readonly Column[],
  keys: readonly string[],
  top: ReadonlyMap<string, ReadonlyArray<{ value: string; count: number }>>,
): QualityReport {
  const rows = Number(row['n'] ?? 0);
  const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((part / whole) * 10000) / 100);
  const profiles: ColumnProfile[] = columns.map((c, i) => {
    const present = Number(row[`c${i}`] ?? 0);
    const lo = RANGED.test(c.type) ? row[`lo${i}`] : undefined;
    const hi = row[`hi${i}`];
    const values = top.get(c.name);
    return {
      name: c.name,
      type: c.type,
      nulls: rows - present,
      completeness: percent(present, rows),
      distinct: keys.includes(c.name)
        ? present - Number(row[`d${keys.indexOf(c.name)}`] ?? 0)
        : Math.min(Number(row[`u${i}`] ?? 0), present),
      ...(keys.includes(c.name) ? {} : { distinctApprox: true }),
      ...(lo === null || lo === undefined ? {} : { min: numeric(lo), max: numeric(hi) }),
      ...(values ? { top: [...values].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)) } : {}),
    };
  });
  const totalNulls = profiles.reduce((sum, c) => sum + c.nulls, 0);
  return {
    rows,
    totalNulls,
    completeness: percent(rows * columns.length - totalNulls, rows * columns.length),
    columns: profiles,
    duplicates: keys.map((key, i) => ({ key, duplicates: Number(row[`d${i}`] ?? 0) })),
  };
}

function numeric(value: unknown): string | number {
  const text = String(value);
  return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) && Number.isFinite(Number(text)) ? Number(text) : text;
}
