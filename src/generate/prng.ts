import type { Dialect } from '../dialect/dialect.js';

/**
 * A seeded, counter-based pseudo-random generator written as SQL, so that rows are generated
 * where the data lives and the same seed gives the same rows on every engine.
 *
 * Every draw is an integer in [0, P) with P = 2^31 - 1 (prime). Each mixing round is
 * `x -> ((x xor (x >> s)) * m) mod P`: both factors stay below 2^31, so the product stays below
 * 2^62 and never overflows a BIGINT (DuckDB and Spark's ANSI mode raise on overflow). The
 * xor-shift breaks the linearity of the modular multiply, so that streams derived from the same
 * row are not simple shifts of one another.
 *
 * Rounds are applied one subquery level at a time, so each level refers to a plain column:
 * written inline, every round would repeat its input twice and the SQL would double in size
 * (and in work) with each round.
 */
export const PRNG_MODULUS = 2147483647;

type Round = readonly [shift: number, multiplier: number];
const ROW_ROUNDS: readonly Round[] = [
  [16, 1103515245],
  [13, 1664525397],
  [15, 2013265905],
];

/**
 * Each stream is one more round over the row hash plus a salt, with its own multiplier: the
 * row hash is already well mixed, and a second round per stream would double the cost of
 * generation for no visible gain (the tests check pairwise independence of streams).
 */
function streamRound(k: number): Round {
  return [11 + (k % 7), 16777216 + (mixNumber(k * 7919) % (PRNG_MODULUS - 16777216))];
}

function mixRound(h: bigint, [shift, multiplier]: Round): bigint {
  return ((h ^ (h >> BigInt(shift))) * BigInt(multiplier)) % BigInt(PRNG_MODULUS);
}

/** The row hash of the JS side, identical to the SQL one; used for seeds and by tests. */
export function mixNumber(x: number | bigint, rounds: readonly Round[] = ROW_ROUNDS): number {
  let h = BigInt(x) % BigInt(PRNG_MODULUS);
  for (const round of rounds) h = mixRound(h, round);
  return Number(h);
}

/** Draw `stream` of row `id` computed in JS, exactly as the SQL of `Prng.table` computes it. */
export function drawNumber(seed: number, table: string, id: number, stream: number): number {
  const offset = seedOffset(seed, table);
  const h = mixNumber((BigInt(id) % BigInt(PRNG_MODULUS) + BigInt(offset)) % BigInt(PRNG_MODULUS));
  return mixNumber((BigInt(h) + BigInt(mixNumber(stream))) % BigInt(PRNG_MODULUS), [streamRound(stream)]);
}

function seedOffset(seed: number, table: string): number {
  let salt = 0;
  for (const ch of table) salt = (salt * 31 + ch.charCodeAt(0)) % PRNG_MODULUS;
  return mixNumber((mixNumber(seed) + salt) % PRNG_MODULUS);
}

/** Random draws for one generated table; see `table`. */
export class Prng {
  readonly #d: Dialect;
  readonly #offset: number;

  constructor(dialect: Dialect, seed: number, table: string) {
    this.#d = dialect;
    this.#offset = seedOffset(seed, table);
  }

  /**
   * A derived table of `rows` rows with the row counter `id` (0 … rows-1) and the draws
   * `r1` … `r<streams>`, each an independent integer uniform in [0, P).
   */
  table(rows: number, streams: number): string {
    return this.#draws(`${this.#d.range(rows)} AS ids`, streams);
  }

  /**
   * Draws `r1` … `r<streams>` for each distinct non-negative whole number `id` of `relation` (an
   * expression over its columns): the draws of rows that exist already, keyed by their ids, so
   * that a row gets the same draws whichever rows are beside it.
   */
  keyed(relation: string, id: string, streams: number): string {
    return this.#draws(`(SELECT DISTINCT ${id} AS id FROM ${relation} AS keyed) AS ids`, streams);
  }

  #draws(ids: string, streams: number): string {
    const P = PRNG_MODULUS;
    const streamIds = Array.from({ length: streams }, (_, i) => i + 1);
    const round = (x: string, [shift, multiplier]: Round) =>
      `((${this.#d.xor(x, this.#d.shiftRight(x, shift))} * ${multiplier}) % ${P})`;

    let sql = `SELECT id, ((id % ${P}) + ${this.#offset}) % ${P} AS h FROM ${ids}`;
    ROW_ROUNDS.forEach((r, level) => {
      sql = `SELECT id, ${round('h', r)} AS h FROM (${sql}) AS row_round_${level}`;
    });
    sql = `SELECT id, ${streamIds.map((k) => `(h + ${mixNumber(k)}) % ${P} AS r${k}`).join(', ')} FROM (${sql}) AS row_hash`;
    sql = `SELECT id, ${streamIds.map((k) => `${round(`r${k}`, streamRound(k))} AS r${k}`).join(', ')} FROM (${sql}) AS stream_round`;
    return `(${sql}) AS draws`;
  }

  /** Integer uniform in [lo, hi]. */
  int(draw: string, lo: number, hi: number): string {
    return `(${lo} + ${draw} % ${hi - lo + 1})`;
  }

  /** Double uniform in [lo, hi), rounded to `decimals`. */
  money(draw: string, lo: number, hi: number, decimals = 2): string {
    return `round(${lo} + CAST(${draw} AS DOUBLE) * ${hi - lo} / ${PRNG_MODULUS}, ${decimals})`;
  }

  /** One of the values, each with probability weight / Σ weights. */
  weighted(draw: string, entries: ReadonlyArray<readonly [value: string, weight: number]>): string {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let bound = 0;
    const branches = entries.slice(0, -1).map(([value, w]) => {
      bound += w;
      return `WHEN ${draw} % ${total} < ${bound} THEN ${this.#d.quote(value)}`;
    });
    return `CASE ${branches.join(' ')} ELSE ${this.#d.quote(entries.at(-1)![0])} END`;
  }

  /** One of `values`, uniformly. */
  choice(draw: string, values: readonly string[]): string {
    return this.#d.pick(values, `${draw} % ${values.length}`);
  }
}
