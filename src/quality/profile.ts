import type { Dialect } from '../dialect/dialect.js';
import type { DatasetContext } from '../model/dataset-context.js';
import type { TableAggregate, TableExpectation } from '../model/expectation.js';
import type { Column, Row } from '../model/values.js';

export type { ColumnProfile, DuplicateReport, QualityReport } from '../model/quality-report.js';
import type { ColumnProfile, QualityReport } from '../model/quality-report.js';

const TOP_VALUES = 5;
/** Top values are worth showing only for categorical columns. */
const MAX_DISTINCT_FOR_TOP = 100;
const RANGED = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|FLOAT|REAL|DOUBLE|DECIMAL.*|DATE|TIMESTAMP.*|LONG|SHORT|BYTE)$/i;
const TEXT = /^(VARCHAR|STRING|TEXT)$/i;

/** A table check as the profile's statement carries it: its aggregates, or a measure query of its own. */
export type TableCheckSql = { readonly aggregate: TableAggregate } | { readonly measure: string };

/** What one dataset's profile reads and computes beside its column statistics. */
export interface ProfileSpec {
  /** The written rows, read as `r`. */
  readonly relation: string;
  readonly columns: readonly string[];
  /** Key columns: their duplicates are counted exactly (no distinct sketch of them). */
  readonly keys: readonly string[];
  /** Further aggregates over the rows (the row checks on the written rows), `<sql> AS <name>`. */
  readonly also: readonly string[];
  /** The columns whose range is read: numbers and dates. */
  readonly ranged: readonly string[];
  readonly checks: readonly TableCheckSql[];
}

/**
 * A dataset's profile and its table checks as one statement, the profile's row with each check's
 * `t<j>_failures`, `t<j>_checked` and `t<j>_observed` beside it: one scan of the rows for the
 * rows, per column its non-null count, approximate distinct count and (for the ranged columns)
 * range, the row checks and the aggregates of every check that has them; each key's exact
 * duplicate count from a grouping of its values; the aggregates checks take of one other
 * relation, once per relation; and the checks that are queries of their own, joined on a true
 * condition (a check whose query returns no row leaves the profile's row whole and reads as
 * passing). On an engine where each statement is a job and a round trip (Spark), a dataset's
 * profile and checks cost one, and each extra scan a stage: hence the aggregates in one scan,
 * and no `count(DISTINCT …)` beside the others (Spark expands every row for it).
 */
export function profileStatement(d: Dialect, spec: ProfileSpec): string {
  const q = d.identifier;
  const { relation, columns, keys, also, ranged, checks } = spec;
  const scan = ['count(*) AS n', ...(also.length ? ['count(*) AS checked', ...also] : [])];
  columns.forEach((c, i) => {
    // A key's distinct count follows from its exact duplicate count: no second sketch of it.
    scan.push(`count(${q(c)}) AS c${i}`, keys.includes(c) ? `0 AS u${i}` : `approx_count_distinct(${q(c)}) AS u${i}`);
    // The smallest and largest text would be compared character by character, and not reported.
    if (ranged.includes(c)) scan.push(`CAST(min(${q(c)}) AS ${d.textType}) AS lo${i}`, `CAST(max(${q(c)}) AS ${d.textType}) AS hi${i}`);
  });
  const outer = ['p.*'];
  const joins: string[] = [];
  keys.forEach((k, i) => {
    outer.push(`k${i}.d${i}`);
    // Values are grouped by their 64-bit hash, as wide as the key is: a long text key costs no more.
    joins.push(
      `CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d${i} FROM (SELECT count(*) AS occurrences FROM ${relation} AS r WHERE ${q(k)} IS NOT NULL GROUP BY ${d.hash64(q(k))}) AS g) AS k${i}`,
    );
  });
  const others = new Map<string, { alias: string; aggregates: string[] }>();
  checks.forEach((check, j) => {
    if ('measure' in check) {
      outer.push(...['failures', 'checked', 'observed'].map((c) => `t${j}.${c} AS t${j}_${c}`));
      return;
    }
    const { own, other, result } = check.aggregate;
    for (const [name, sql] of Object.entries(own)) scan.push(`${sql} AS t${j}_own_${name}`);
    let otherAlias = '';
    if (other) {
      const group = others.get(other.from) ?? { alias: `o${others.size}`, aggregates: [] };
      others.set(other.from, group);
      otherAlias = group.alias;
      for (const [name, sql] of Object.entries(other.aggregates)) group.aggregates.push(`${sql} AS t${j}_other_${name}`);
    }
    const value = (name: string) => (name in own ? `p.t${j}_own_${name}` : `${otherAlias}.t${j}_other_${name}`);
    const { failures, checked, observed } = result(value);
    outer.push(`${failures} AS t${j}_failures`, `${checked} AS t${j}_checked`, `${observed} AS t${j}_observed`);
  });
  for (const [from, { alias, aggregates }] of others) joins.push(`CROSS JOIN (SELECT ${aggregates.join(', ')} FROM ${from}) AS ${alias}`);
  checks.forEach((check, j) => {
    if ('measure' in check) joins.push(`LEFT JOIN (${check.measure}) AS t${j} ON 1 = 1`);
  });
  const profile = `SELECT ${scan.join(', ')} FROM ${relation} AS r`;
  return outer.length > 1 ? `SELECT ${outer.join(', ')}\nFROM (${profile}) AS p\n${joins.join('\n')}` : profile;
}

/** How a table check rides in the profile's statement: by its aggregates when it has them. */
export function tableCheckSql<C>(e: TableExpectation<C>, ctx: DatasetContext<C>, relation: string): TableCheckSql {
  return e.aggregate ? { aggregate: e.aggregate(ctx) } : { measure: e.measure(ctx, relation) };
}

/** A check's aggregates as a query of their own: its one row of `failures`, `checked` and `observed` over `relation`. */
export function aggregateMeasure(aggregate: TableAggregate, relation: string): string {
  const own = Object.entries(aggregate.own).map(([name, sql]) => `${sql} AS own_${name}`);
  const other = Object.entries(aggregate.other?.aggregates ?? {}).map(([name, sql]) => `${sql} AS other_${name}`);
  const { failures, checked, observed } = aggregate.result((name) => (name in aggregate.own ? `a.own_${name}` : `b.other_${name}`));
  const scan = own.length ? `(SELECT ${own.join(', ')} FROM ${relation} AS r) AS a` : '';
  const read = other.length ? `(SELECT ${other.join(', ')} FROM ${aggregate.other!.from}) AS b` : '';
  const from = [scan, read].filter(Boolean).join(' CROSS JOIN ') || '(SELECT 1 AS one) AS a';
  return `SELECT ${failures} AS failures, ${checked} AS checked, ${observed} AS observed FROM ${from}`;
}

/** One table check's row, out of the row `profileStatement` returns. */
export function tableCheckRow(row: Row, j: number): Row {
  return { failures: row[`t${j}_failures`], checked: row[`t${j}_checked`], observed: row[`t${j}_observed`] };
}

/**
 * The most frequent values of each of `columns`, in one statement: rows of (col, value, n). One
 * grouping of the rows by each column in turn (grouping sets), so that the rows are read once
 * however many columns are chosen, rather than once per column.
 */
export function topValuesSelect(d: Dialect, relation: string, columns: readonly string[]): string {
  const q = d.identifier;
  const which = (then: (column: string) => string) => `CASE ${columns.map((c) => `WHEN grouping(${q(c)}) = 0 THEN ${then(c)}`).join(' ')} END`;
  const counted = `SELECT ${which((c) => d.quote(c))} AS col, ${which((c) => `CAST(${q(c)} AS ${d.textType})`)} AS value, count(*) AS n
  FROM ${relation} AS t GROUP BY GROUPING SETS (${columns.map((c) => `(${q(c)})`).join(', ')})`;
  return `SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (${counted}) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= ${TOP_VALUES}`;
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
