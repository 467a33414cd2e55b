import type { Column, Engine } from '../engines/engine.js';

export interface ColumnProfile {
  readonly name: string;
  readonly type: string;
  readonly nulls: number;
  /** Share of non-null values, in percent. */
  readonly completeness: number;
  /** Distinct non-null values (HyperLogLog estimate, exact for small counts). */
  readonly distinct: number;
  /** Smallest and largest value, for numbers, dates and timestamps. */
  readonly min?: string | number;
  readonly max?: string | number;
  /** The most frequent values of a text column with few distinct values. */
  readonly top?: ReadonlyArray<{ readonly value: string; readonly count: number }>;
}

export interface DuplicateReport {
  readonly key: string;
  /** Rows whose key value already appeared in another row (NULL keys not counted). */
  readonly duplicates: number;
}

/** A dataset's profile: per column nulls, completeness, distinct values, range and top values; duplicate keys. */
export interface QualityReport {
  readonly rows: number;
  readonly totalNulls: number;
  /** Share of non-null cells over all columns, in percent. */
  readonly completeness: number;
  readonly columns: readonly ColumnProfile[];
  readonly duplicates: readonly DuplicateReport[];
}

const TOP_VALUES = 5;
/** Top values are worth showing only for categorical columns. */
const MAX_DISTINCT_FOR_TOP = 100;
const RANGED = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|FLOAT|REAL|DOUBLE|DECIMAL.*|DATE|TIMESTAMP.*|LONG|SHORT|BYTE)$/i;
const TEXT = /^(VARCHAR|STRING|TEXT)$/i;

/** Profiles a dataset in one scan, plus one grouped scan for the top values of its categorical text columns. */
export async function profileDataset(
  engine: Engine,
  relation: string,
  columns: readonly Column[],
  keys: readonly string[],
): Promise<QualityReport> {
  const d = engine.dialect;
  const q = d.identifier;
  const select = ['count(*) AS n'];
  columns.forEach((c, i) => {
    // A key's distinct count follows from its exact duplicate count: no second sketch of it.
    select.push(`count(${q(c.name)}) AS c${i}`, keys.includes(c.name) ? `0 AS u${i}` : `approx_count_distinct(${q(c.name)}) AS u${i}`);
    if (RANGED.test(c.type)) {
      select.push(`CAST(min(${q(c.name)}) AS ${d.textType}) AS lo${i}`, `CAST(max(${q(c.name)}) AS ${d.textType}) AS hi${i}`);
    }
  });
  keys.forEach((k, i) => select.push(`count(${q(k)}) - count(DISTINCT ${d.hash64(q(k))}) AS d${i}`));
  const [row = {}] = await engine.query(`SELECT ${select.join(', ')} FROM ${relation} AS profiled`);
  const rows = Number(row['n'] ?? 0);
  const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((part / whole) * 10000) / 100);

  const categorical = columns
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => TEXT.test(c.type) && !keys.includes(c.name) && Number(row[`u${i}`] ?? 0) <= MAX_DISTINCT_FOR_TOP && Number(row[`c${i}`] ?? 0) > 0);
  const top = new Map<string, Array<{ value: string; count: number }>>();
  if (categorical.length) {
    const parts = categorical.map(
      ({ c }, k) => `SELECT * FROM (SELECT ${d.quote(c.name)} AS col, CAST(${q(c.name)} AS ${d.textType}) AS value, count(*) AS n
                 FROM ${relation} AS t WHERE ${q(c.name)} IS NOT NULL GROUP BY ${q(c.name)} ORDER BY n DESC, value LIMIT ${TOP_VALUES}) AS top_${k}`,
    );
    for (const r of await engine.query(parts.join('\nUNION ALL\n'))) {
      const list = top.get(String(r['col'])) ?? [];
      list.push({ value: String(r['value']), count: Number(r['n']) });
      top.set(String(r['col']), list);
    }
  }

  const profiles: ColumnProfile[] = columns.map((c, i) => {
    const present = Number(row[`c${i}`] ?? 0);
    const lo = row[`lo${i}`];
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
      ...(lo === null || lo === undefined ? {} : { min: numeric(lo), max: numeric(hi) }),
      ...(values ? { top: values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)) } : {}),
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
