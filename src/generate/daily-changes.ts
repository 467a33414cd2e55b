import type { Dialect } from '../dialect/dialect.js';
import { PRNG_MODULUS, Prng } from './prng.js';

/** Of the rows a day changes, this share is deleted; the rest are updated. */
export const DELETED_SHARE = 0.2;
/** New rows per day, as a share of the day's changes (of the source's size). */
export const INSERTED_SHARE = 0.25;
/** Chance that a deleted row comes back on a given day. */
export const RETURN_CHANCE = 0.25;

/** How one generated snapshot source changes from one day to the next. */
export interface DailyChanges {
  readonly seed: number;
  /** Salt of the source's draws, e.g. `customers`; the day is added to it. */
  readonly table: string;
  /** The day `YYYY-MM-DD`: its changes depend on the seed and the day only. */
  readonly day: string;
  /** Fraction of the current rows changed (updated or deleted) on the day. */
  readonly rate: number;
  /** Size of the source, from which the day's new rows are counted. */
  readonly size: number;
  readonly key: string;
  /** The output columns, key included, in order. */
  readonly columns: readonly string[];
  /** A non-negative whole number for a key value (the draws of a row are keyed by it). */
  readonly keyNumber: (key: string) => string;
  /**
   * The updated value of each column an update changes, over the row's columns (`c.<column>`) and
   * its draws `w.r2` … `w.r<UPDATE_DRAWS + 1>` (integers uniform in [0, P)); others stay as they were.
   */
  readonly update: (draw: (n: number) => string) => Readonly<Record<string, string>>;
  /** Draws each new row uses (`r1` …). */
  readonly insertDraws: number;
  /**
   * The output columns of a new row, in order, over its draws (`r1` …) and `number`, the SQL whole
   * number it gets (above every number used so far).
   */
  readonly insertColumns: (number: string, draw: (n: number) => string) => readonly string[];
}

/** Draws each update may use besides the one choosing whether the row changes. */
export const UPDATE_DRAWS = 4;

/**
 * The snapshot of a day from the rows current before it (`current`) and the rows deleted before
 * it (`ended`, the last version of each): about `rate` of the current rows are updated or deleted,
 * some deleted rows come back as they were, and new rows get numbers above every number used so
 * far (`known`, a relation of every key ever seen). Nothing else changes, so the same state and
 * day always give the same snapshot.
 */
export function dailySnapshot(d: Dialect, spec: DailyChanges, state: { current: string; ended: string; known: string }): string {
  // A rate of 0 is a source that does not change: no updates, deletions, returns or new rows.
  if (spec.rate === 0) return `SELECT ${spec.columns.map((c) => `c.${d.identifier(c)}`).join(', ')} FROM ${state.current} AS c`;
  const prng = new Prng(d, spec.seed, `${spec.table}@${spec.day}`);
  const k = d.identifier(spec.key);
  const draws = prng.keyed(`(SELECT ${spec.keyNumber(k)} AS n FROM ${state.known} AS all_keys)`, 'n', UPDATE_DRAWS + 2);
  const bound = (share: number) => Math.floor(share * PRNG_MODULUS);
  const updated = spec.update((n) => `draws.r${n + 1}`);
  const columns = spec.columns.map((c) => {
    const value = updated[c];
    return value === undefined ? `c.${d.identifier(c)}` : `CASE WHEN draws.r1 < ${bound(spec.rate)} THEN ${value} ELSE c.${d.identifier(c)} END AS ${d.identifier(c)}`;
  });
  const plain = spec.columns.map((c) => `c.${d.identifier(c)}`).join(', ');
  const newRows = Math.round(spec.size * spec.rate * INSERTED_SHARE);
  // Numbered after the largest number ever used, deleted rows included; none without earlier rows.
  const inserts = newRows
    ? `
UNION ALL
SELECT ${spec.insertColumns('(m.last_number + 1 + id)', (n) => `r${n}`).join(', ')}
FROM ${new Prng(d, spec.seed, `${spec.table}@${spec.day}+new`).table(newRows, spec.insertDraws)}
CROSS JOIN (SELECT max(${spec.keyNumber(k)}) AS last_number FROM ${state.known} AS all_keys HAVING count(*) > 0) AS m`
    : '';
  return `
SELECT ${columns.join(', ')}
FROM ${state.current} AS c JOIN ${draws} ON ${spec.keyNumber(`c.${k}`)} = draws.id
WHERE draws.r1 >= ${bound(spec.rate * DELETED_SHARE)}
UNION ALL
SELECT ${plain}
FROM ${state.ended} AS c JOIN ${draws} ON ${spec.keyNumber(`c.${k}`)} = draws.id
WHERE draws.r${UPDATE_DRAWS + 2} < ${bound(RETURN_CHANCE)}${inserts}`;
}

/**
 * A day's snapshot: the rows `changed` from the state before the day, or, when the history holds
 * nothing before that day (a re-run of the first day), the day's `first` generated rows.
 */
export function firstOrChanged(first: string, state: { known: string }, changed: string): string {
  return `SELECT * FROM (${first}) AS first_day WHERE NOT EXISTS (SELECT 1 FROM ${state.known} AS earlier)
UNION ALL
SELECT * FROM (${changed}) AS changed`;
}
