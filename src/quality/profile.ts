import type { Engine } from '../engines/engine.js';

export interface ColumnProfile {
  readonly name: string;
  readonly nulls: number;
  /** Share of non-null values, in percent. */
  readonly completeness: number;
}

export interface DuplicateReport {
  readonly key: string;
  /** Rows whose key value already appeared in another row (NULL keys not counted). */
  readonly duplicates: number;
}

/** The original project's checks, run on every bronze and silver dataset: nulls, completeness, duplicate keys. */
export interface QualityReport {
  readonly rows: number;
  readonly totalNulls: number;
  /** Share of non-null cells over all columns, in percent. */
  readonly completeness: number;
  readonly columns: readonly ColumnProfile[];
  readonly duplicates: readonly DuplicateReport[];
}

/** Computes the whole report in one scan of the dataset. */
export async function profileDataset(
  engine: Engine,
  relation: string,
  columns: readonly string[],
  keys: readonly string[],
): Promise<QualityReport> {
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const select = [
    'count(*) AS n',
    ...columns.map((c, i) => `count(${q(c)}) AS c${i}`),
    ...keys.map((k, i) => `count(${q(k)}) - count(DISTINCT ${engine.dialect.hash64(q(k))}) AS d${i}`),
  ];
  const [row = {}] = await engine.query(`SELECT ${select.join(', ')} FROM ${relation} AS profiled`);
  const rows = Number(row['n'] ?? 0);
  const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((part / whole) * 10000) / 100);
  const profiles = columns.map((name, i) => {
    const present = Number(row[`c${i}`] ?? 0);
    return { name, nulls: rows - present, completeness: percent(present, rows) };
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
