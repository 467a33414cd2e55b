import type { Dialect } from '../dialect/dialect.js';
import type { PipelineConfig } from '../model/config.js';
import { dataset, shortName, type Dataset, type DatasetContext } from '../model/dataset.js';
import { UserError } from '../model/errors.js';
import type { TableExpectation } from '../model/expectation.js';

/** The columns a history adds to the snapshot's own, with their docs. */
export const HISTORY_COLUMNS = {
  valid_from: 'First day this version was in a snapshot (DATE).',
  valid_to: 'Day of the snapshot that replaced or deleted it (DATE, exclusive); NULL while current.',
  is_current: 'True for the version in the latest snapshot; a deleted key has none.',
} as const;

export interface Scd2Definition<C> {
  /** The full snapshot read each day, e.g. `bronze.customers`: every one of its columns is tracked. */
  readonly snapshot: Dataset<C>;
  /** The column that identifies a row across snapshots. */
  readonly key: string;
  /** `silver.<name>`: one row per insert, update and delete, for every day processed. */
  readonly changes: string;
  /** `silver.<name>`: every version of every key with `valid_from`, `valid_to` and `is_current`. */
  readonly history: string;
  /** The snapshot's day (default: the run's as-of date). */
  readonly day?: (config: C) => string;
}

/** The change set and the type-2 history of one snapshot source. */
export interface Scd2Datasets<C> {
  readonly changes: Dataset<C>;
  readonly history: Dataset<C>;
}

/**
 * Change data capture of a full snapshot, kept as a slowly changing dimension of type 2. Each run
 * compares the snapshot of its day with the history as it was before that day, so re-running a
 * day gives the same rows (its earlier results are replaced, not added to), and a day earlier
 * than the one the history was last built for is refused: it would lose the later days.
 *
 * `changes` accumulates one row per changed key and day (`insert`, `update` or `delete`, the
 * columns that changed as comma-separated text, the day and the run); `history` holds every
 * version. A key deleted and given again later gets a new version.
 */
export function scd2<C extends PipelineConfig>(definition: Scd2Definition<C>): Scd2Datasets<C> {
  const { snapshot, key, changes: changesName, history: historyName } = definition;
  const columns = Object.keys(snapshot.columns);
  if (!columns.includes(key)) throw new UserError(`scd2: key '${key}' is not a column of ${snapshot.name} (columns: ${columns.join(', ')})`);
  const tracked = columns.filter((c) => c !== key);
  const dayOf = (ctx: DatasetContext<C>) => {
    const day = (definition.day ?? ((config: C) => config.asOf))(ctx.config);
    refuseEarlierDay(ctx, historyName, day);
    refuseEarlierDay(ctx, changesName, day);
    return day;
  };

  const changes = dataset<C>({
    name: changesName,
    description: `Changes of ${snapshot.name} per day: ${key}s inserted, updated or deleted since the day before.`,
    columns: {
      [key]: snapshot.columns[key]!,
      change_type: 'insert, update or delete.',
      changed_columns: 'Columns whose value changed, comma-separated in column order (for an insert or delete: those with a value).',
      change_date: 'Day of the snapshot that showed the change (DATE).',
      run_id: 'The run that computed it.',
    },
    expect: [uniqueInSnapshot<C>(snapshot.name, key)],
    sql: (ctx) => {
      const d = ctx.dialect;
      const day = dateLiteral(dayOf(ctx));
      const before = currentBefore(ctx, historyName, [key, ...tracked], day);
      const today = changeSet(d, ctx.ref(snapshot.name), before, key, tracked, day, ctx.runId);
      const earlier = ctx.previous(changesName);
      const kept = earlier ? `SELECT ${[key, 'change_type', 'changed_columns', 'change_date', 'run_id'].map(d.identifier).join(', ')} FROM ${earlier} AS e WHERE change_date < ${day}\nUNION ALL\n` : '';
      return `SELECT * FROM (\n${kept}${today}\n) AS all_changes\nORDER BY change_date, ${d.identifier(key)}`;
    },
  });

  const history = dataset<C>({
    name: historyName,
    description: `Every version of every ${key} of ${snapshot.name}, with the days it was valid (a type-2 slowly changing dimension).`,
    columns: { ...snapshot.columns, ...HISTORY_COLUMNS },
    expect: [oneCurrentVersion<C>(key)],
    sql: (ctx) => {
      const d = ctx.dialect;
      const day = dateLiteral(dayOf(ctx));
      const cols = [key, ...tracked].map(d.identifier);
      const k = d.identifier(key);
      const todays = `(SELECT ${k}, change_type FROM ${ctx.ref(changesName)} AS c WHERE change_date = ${day})`;
      const opened = `SELECT ${cols.map((c) => `s.${c}`).join(', ')}, ${day} AS valid_from, CAST(NULL AS DATE) AS valid_to, true AS is_current
FROM ${ctx.ref(snapshot.name)} AS s JOIN ${todays} AS c ON s.${k} = c.${k} AND c.change_type IN ('insert', 'update')`;
      const earlier = historyBefore(ctx, historyName, [key, ...tracked], day);
      // Versions of earlier days stay; today's updates and deletes close the version that was current.
      const kept = earlier
        ? `SELECT ${cols.map((c) => `h.${c}`).join(', ')}, h.valid_from,
       CASE WHEN h.valid_to IS NULL AND c.${k} IS NOT NULL THEN ${day} ELSE h.valid_to END AS valid_to,
       (h.valid_to IS NULL AND c.${k} IS NULL) AS is_current
FROM ${earlier} AS h LEFT JOIN (SELECT ${k} FROM ${todays} AS t WHERE change_type IN ('update', 'delete')) AS c ON h.${k} = c.${k}
UNION ALL
`
        : '';
      return `SELECT * FROM (\n${kept}${opened}\n) AS versions\nORDER BY ${k}, valid_from`;
    },
  });
  return { changes, history };
}

/** The rows of a history that are current: what the latest snapshot holds, with the snapshot's columns. */
export function currentRows<C>(ctx: DatasetContext<C>, history: string, columns: readonly string[]): string {
  return `(SELECT ${columns.map(ctx.dialect.identifier).join(', ')} FROM ${ctx.ref(history)} AS h WHERE is_current)`;
}

/**
 * The published history as it was before `day` (a SQL DATE), with the snapshot's `columns`,
 * `valid_from` and `valid_to`: versions that began on or after that day are left out and those it
 * closed are open again. Undefined when the history was never published.
 */
export function historyBefore<C>(ctx: DatasetContext<C>, history: string, columns: readonly string[], day: string): string | undefined {
  const previous = ctx.previous(history);
  if (!previous) return undefined;
  return `(SELECT ${columns.map(ctx.dialect.identifier).join(', ')}, valid_from, CASE WHEN valid_to >= ${day} THEN CAST(NULL AS DATE) ELSE valid_to END AS valid_to
FROM ${previous} AS p WHERE valid_from < ${day})`;
}

/** The current rows of the history as it was before `day`, with `columns`; undefined without a history. */
export function currentBefore<C>(ctx: DatasetContext<C>, history: string, columns: readonly string[], day: string): string | undefined {
  const earlier = historyBefore(ctx, history, columns, day);
  return earlier ? `(SELECT ${columns.map(ctx.dialect.identifier).join(', ')} FROM ${earlier} AS h WHERE valid_to IS NULL)` : undefined;
}

/**
 * The state of a source before `day`, from its history: the `current` rows, the last version of
 * each deleted key (`ended`) and every version (`known`), with `columns`. Undefined without a
 * published history; empty relations when the history holds nothing before that day.
 */
export function stateBefore<C>(
  ctx: DatasetContext<C>,
  history: string,
  columns: readonly string[],
  key: string,
  day: string,
): { current: string; ended: string; known: string } | undefined {
  const known = historyBefore(ctx, history, columns, day);
  if (!known) return undefined;
  const d = ctx.dialect;
  const cols = columns.map(d.identifier).join(', ');
  const k = d.identifier(key);
  return {
    known,
    current: `(SELECT ${cols} FROM ${known} AS h WHERE valid_to IS NULL)`,
    ended: `(SELECT ${cols} FROM (SELECT ${cols}, row_number() OVER (PARTITION BY ${k} ORDER BY valid_from DESC) AS newest,
       count(CASE WHEN valid_to IS NULL THEN 1 END) OVER (PARTITION BY ${k}) AS open_versions FROM ${known} AS h) AS v
WHERE newest = 1 AND open_versions = 0)`,
  };
}

/** A SQL DATE literal. */
export function dateLiteral(day: string): string {
  return `DATE '${day}'`;
}

/** The changes of one day: the snapshot against the rows current before it (none on a first run). */
function changeSet(d: Dialect, snapshot: string, before: string | undefined, key: string, tracked: readonly string[], day: string, runId: string): string {
  const k = d.identifier(key);
  const cols = tracked.map(d.identifier);
  const tail = `${day} AS change_date, ${d.quote(runId)} AS run_id`;
  if (!before) {
    const listed = `concat_ws(',', ${tracked.map((c, i) => `CASE WHEN s.${cols[i]} IS NOT NULL THEN ${d.quote(c)} END`).join(', ')})`;
    return `SELECT s.${k}, 'insert' AS change_type, ${listed} AS changed_columns, ${tail}\nFROM ${snapshot} AS s WHERE s.${k} IS NOT NULL`;
  }
  const differs = tracked.map((c, i) => `CASE WHEN b.${cols[i]} IS DISTINCT FROM s.${cols[i]} THEN ${d.quote(c)} END`);
  return `SELECT coalesce(s.${k}, b.${k}) AS ${k},
       CASE WHEN b.${k} IS NULL THEN 'insert' WHEN s.${k} IS NULL THEN 'delete' ELSE 'update' END AS change_type,
       concat_ws(',', ${differs.join(', ')}) AS changed_columns, ${tail}
FROM ${before} AS b FULL OUTER JOIN (SELECT * FROM ${snapshot} AS n WHERE ${k} IS NOT NULL) AS s ON b.${k} = s.${k}
WHERE b.${k} IS NULL OR s.${k} IS NULL OR ${cols.map((c) => `b.${c} IS DISTINCT FROM s.${c}`).join(' OR ')}`;
}

/** A run for a day before the one a history was last built for would silently drop the later days. */
function refuseEarlierDay<C>(ctx: DatasetContext<C>, name: string, day: string): void {
  const last = ctx.previousAsOf(name);
  if (last === undefined || last <= day) return;
  throw new UserError(
    `${name} was last built for ${last}; a snapshot of ${day}, an earlier day, cannot be applied after it without losing ${last}: ` +
      `run ${last} or a later day, or roll the data dir back to a run of ${day} or before ('medallion history' lists them)`,
  );
}

/** A snapshot that gives a key twice cannot say which row is the key's state: the run stops. */
function uniqueInSnapshot<C>(snapshot: string, key: string): TableExpectation<C> {
  const duplicated = (ctx: DatasetContext<C>) => {
    const k = ctx.dialect.identifier(key);
    return `(SELECT ${k}, count(*) AS occurrences FROM ${ctx.ref(snapshot)} AS s WHERE ${k} IS NOT NULL GROUP BY ${k} HAVING count(*) > 1)`;
  };
  return {
    scope: 'table',
    kind: 'unique',
    action: 'fail',
    name: `unique(${key}) in ${shortName(snapshot)}`,
    description: `each ${key} is given once in the snapshot ${snapshot}`,
    columns: [key],
    measure: (ctx) => `
SELECT coalesce(sum(occurrences), 0) AS failures, (SELECT count(*) FROM ${ctx.ref(snapshot)} AS all_rows) AS checked,
       CASE WHEN count(*) > 0 THEN ${ctx.dialect.concat([`CAST(count(*) AS ${ctx.dialect.textType})`, `' ${key} values given more than once'`])} END AS observed
FROM ${duplicated(ctx)} AS d`,
    examples: (ctx) => `SELECT * FROM ${duplicated(ctx)} AS d ORDER BY occurrences DESC, ${ctx.dialect.identifier(key)} LIMIT 3`,
  };
}

/** A key has at most one current version: two would mean the history forked. */
function oneCurrentVersion<C>(key: string): TableExpectation<C> {
  return {
    scope: 'table',
    kind: 'unique',
    action: 'fail',
    name: `one_current_version(${key})`,
    description: `no ${key} has two current versions`,
    columns: [key],
    measure: (ctx, relation) => {
      const k = ctx.dialect.identifier(key);
      return `
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM ${relation} AS all_rows WHERE is_current) AS checked, CAST(count(*) AS ${ctx.dialect.textType}) AS observed
FROM (SELECT ${k}, count(*) AS n FROM ${relation} AS r WHERE is_current GROUP BY ${k} HAVING count(*) > 1) AS forked`;
    },
  };
}
