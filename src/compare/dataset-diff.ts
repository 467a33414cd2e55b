import type { Engine } from '../engines/engine.js';
import type { TestRow } from '../model/dataset-test.js';
import type { Column } from '../model/values.js';
import { testValue } from '../testing/row-diff.js';
import { textTemporalProjection } from '../dialect/text-temporal-projection.js';

/** One side of a comparison: a version of a dataset, readable by the engine as a relation. */
export interface DiffSide {
  /** How the output names it: `run 20261203-101500-ab12`, `/other/data-dir`. */
  readonly label: string;
  readonly relation: string;
}

export interface ChangedRow {
  readonly key: TestRow;
  readonly cells: ReadonlyArray<{ column: string; from: TestRow[string]; to: TestRow[string] }>;
}

/** What changed from one version of a dataset to another. */
export interface DatasetDiff {
  readonly from: { label: string; rows: number };
  readonly to: { label: string; rows: number };
  /** The columns rows were paired by; empty when rows are compared whole. */
  readonly keys: readonly string[];
  /** Why rows were compared whole although keys were given (they are not unique on a side). */
  readonly keyNote?: string;
  readonly columnsAdded: readonly string[];
  readonly columnsRemoved: readonly string[];
  readonly added: number;
  readonly removed: number;
  /** Rows paired by key whose other cells differ (always 0 without keys). */
  readonly changed: number;
  readonly unchanged: number;
  /** Of the changed rows, how many differ in each column that differs anywhere. */
  readonly changedByColumn: Readonly<Record<string, number>>;
  readonly examples: { added: TestRow[]; removed: TestRow[]; changed: ChangedRow[] };
}

const NUMERIC = /^(tinyint|smallint|int|integer|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|float|real|double|decimal.*|long|short|byte)$/i;
const EXAMPLES = 5;

/**
 * Compares two versions of a dataset on the engine, in SQL (the versions may be far larger than
 * memory): by `keys` when they identify rows on both sides (added, removed, changed rows, and
 * which columns changed), else as multisets of whole rows (rows present on one side only). Numbers
 * differing by at most `tolerance` are equal; columns on one side only are reported, not compared.
 */
export async function diffDataset(engine: Engine, from: DiffSide, to: DiffSide, keys: readonly string[], tolerance = 0): Promise<DatasetDiff> {
  const d = engine.dialect;
  const id = (c: string) => d.identifier(c);
  const [fromColumns, toColumns] = await Promise.all([engine.describe(`SELECT * FROM ${from.relation} AS f`), engine.describe(`SELECT * FROM ${to.relation} AS t`)]);
  const toNames = new Set(toColumns.map((c) => c.name));
  const fromNames = new Set(fromColumns.map((c) => c.name));
  const common: Column[] = fromColumns.filter((c) => toNames.has(c.name));
  const columnsAdded = toColumns.filter((c) => !fromNames.has(c.name)).map((c) => c.name);
  const columnsRemoved = fromColumns.filter((c) => !toNames.has(c.name)).map((c) => c.name);
  const missingKeys = keys.filter((k) => !fromNames.has(k) || !toNames.has(k));
  if (missingKeys.length) throw new Error(`no column ${missingKeys.map((k) => `'${k}'`).join(', ')} on both sides to pair rows by`);
  // Dates and timestamps are compared and shown as text, the same on either engine.
  const list = textTemporalProjection(d, common).join(', ');
  const plain = common.map((c) => id(c.name)).join(', ');
  const a = `(SELECT ${list} FROM ${from.relation} AS f)`;
  const b = `(SELECT ${list} FROM ${to.relation} AS t)`;

  const keyList = keys.map(id).join(', ');
  const [sizes] = await engine.query(
    `SELECT (SELECT count(*) FROM ${a} AS x) AS from_rows, (SELECT count(*) FROM ${b} AS y) AS to_rows` +
      (keys.length ? `, (SELECT count(*) FROM (SELECT DISTINCT ${keyList} FROM ${a} AS x) AS k) AS from_keys, (SELECT count(*) FROM (SELECT DISTINCT ${keyList} FROM ${b} AS y) AS k) AS to_keys` : ''),
  );
  const fromRows = Number(sizes!['from_rows']);
  const toRows = Number(sizes!['to_rows']);
  const unique = keys.length > 0 && Number(sizes!['from_keys']) === fromRows && Number(sizes!['to_keys']) === toRows;
  const base = { from: { label: from.label, rows: fromRows }, to: { label: to.label, rows: toRows }, columnsAdded, columnsRemoved };
  const rows = (sql: string) => engine.query(sql).then((found) => found.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, testValue(v)]))));

  if (!unique) {
    // Rows present on one side only, counting repeats: a multiset difference each way.
    const onlyIn = (x: string, y: string) => `(SELECT ${plain} FROM ${x} AS x EXCEPT ALL SELECT ${plain} FROM ${y} AS y)`;
    const [counts] = await engine.query(`SELECT (SELECT count(*) FROM ${onlyIn(b, a)} AS p) AS added, (SELECT count(*) FROM ${onlyIn(a, b)} AS m) AS removed`);
    const added = Number(counts!['added']);
    const removed = Number(counts!['removed']);
    return {
      ...base,
      keys: [],
      ...(keys.length ? { keyNote: `${keys.join(', ')} do not identify rows on both sides: rows compared whole` } : {}),
      added,
      removed,
      changed: 0,
      unchanged: toRows - added,
      changedByColumn: {},
      examples: {
        added: added ? await rows(`SELECT * FROM ${onlyIn(b, a)} AS p LIMIT ${EXAMPLES}`) : [],
        removed: removed ? await rows(`SELECT * FROM ${onlyIn(a, b)} AS m LIMIT ${EXAMPLES}`) : [],
        changed: [],
      },
    };
  }

  const values = common.filter((c) => !keys.includes(c.name));
  const differs = (c: Column) => {
    const [x, y] = [`a.${id(c.name)}`, `b.${id(c.name)}`];
    if (NUMERIC.test(c.type) && tolerance > 0) return `((${x} IS NULL) <> (${y} IS NULL) OR abs(${x} - ${y}) > ${tolerance})`;
    return `(${x} IS DISTINCT FROM ${y})`;
  };
  const on = keys.map((k) => `a.${id(k)} IS NOT DISTINCT FROM b.${id(k)}`).join(' AND ');
  const anyDiffers = values.length ? values.map(differs).join(' OR ') : 'FALSE';
  // Markers say which side a joined row came from, whatever its keys hold (NULL keys pair too).
  const paired = `(SELECT *, 1 AS __in_from FROM ${a} AS x) AS a FULL OUTER JOIN (SELECT *, 1 AS __in_to FROM ${b} AS y) AS b ON ${on}`;
  const both = 'a.__in_from IS NOT NULL AND b.__in_to IS NOT NULL';
  const [counts] = await engine.query(`SELECT
  sum(CASE WHEN a.__in_from IS NULL THEN 1 ELSE 0 END) AS added,
  sum(CASE WHEN b.__in_to IS NULL THEN 1 ELSE 0 END) AS removed,
  sum(CASE WHEN ${both} AND (${anyDiffers}) THEN 1 ELSE 0 END) AS changed${values.map((c, i) => `,\n  sum(CASE WHEN ${both} AND ${differs(c)} THEN 1 ELSE 0 END) AS changed_${i}`).join('')}
FROM ${paired}`);
  const added = Number(counts!['added'] ?? 0);
  const removed = Number(counts!['removed'] ?? 0);
  const changed = Number(counts!['changed'] ?? 0);
  const changedByColumn = Object.fromEntries(values.flatMap((c, i) => (Number(counts![`changed_${i}`] ?? 0) ? [[c.name, Number(counts![`changed_${i}`])]] : [])));
  const order = keys.map((k) => id(k)).join(', ');
  const notIn = (x: string, y: string) => `SELECT * FROM ${x} AS x WHERE NOT EXISTS (SELECT 1 FROM ${y} AS y WHERE ${keys.map((k) => `x.${id(k)} IS NOT DISTINCT FROM y.${id(k)}`).join(' AND ')}) ORDER BY ${order} LIMIT ${EXAMPLES}`;
  const changedRows = changed
    ? await rows(`SELECT ${[...keys.map((k) => `a.${id(k)} AS ${id(`key_${k}`)}`), ...values.flatMap((c) => [`a.${id(c.name)} AS ${id(`from_${c.name}`)}`, `b.${id(c.name)} AS ${id(`to_${c.name}`)}`, `CASE WHEN ${differs(c)} THEN 1 ELSE 0 END AS ${id(`differs_${c.name}`)}`])].join(', ')}
FROM ${a} AS a JOIN ${b} AS b ON ${on} WHERE ${anyDiffers} ORDER BY ${keys.map((k) => `a.${id(k)}`).join(', ')} LIMIT ${EXAMPLES}`)
    : [];
  return {
    ...base,
    keys,
    added,
    removed,
    changed,
    unchanged: toRows - added - changed,
    changedByColumn,
    examples: {
      added: added ? await rows(notIn(b, a)) : [],
      removed: removed ? await rows(notIn(a, b)) : [],
      changed: changedRows.map((r) => ({
        key: Object.fromEntries(keys.map((k) => [k, r[`key_${k}`] ?? null])),
        cells: values.filter((c) => Number(r[`differs_${c.name}`]) === 1).map((c) => ({ column: c.name, from: r[`from_${c.name}`] ?? null, to: r[`to_${c.name}`] ?? null })),
      })),
    },
  };
}
