import type { Dialect } from '../dialect/dialect.js';

/**
 * A seeded, counter-based pseudo-random generator written as SQL, so that rows are generated
 * where the data lives and the same seed gives the same rows on every engine.
 *
 * Every value is an integer in [0, P) with P = 2^31 - 1 (prime). Each round is
 * `x -> ((x xor (x >> s)) * m) mod P`: both factors stay below 2^31, so the product stays below
 * 2^62 and never overflows a BIGINT (DuckDB and Spark's ANSI mode raise on overflow).
 * The xor-shift breaks the linearity of the modular multiply, so that streams derived from the
 * same row are not simple shifts of one another.
 */
export const PRNG_MODULUS = 2147483647;

const ROUNDS: ReadonlyArray<readonly [shift: number, multiplier: number]> = [
  [16, 1103515245],
  [13, 1664525397],
  [15, 2013265921 - 16],
];

/** The integer mixing of the JS side, identical to the SQL one; used by tests and for seeds. */
export function mixNumber(x: number, rounds = ROUNDS): number {
  let h = BigInt(x) % BigInt(PRNG_MODULUS);
  for (const [shift, multiplier] of rounds) {
    h = ((h ^ (h >> BigInt(shift))) * BigInt(multiplier)) % BigInt(PRNG_MODULUS);
  }
  return Number(h);
}

function mixSql(d: Dialect, x: string, rounds = ROUNDS): string {
  let h = x;
  for (const [shift, multiplier] of rounds) {
    h = `((${d.xor(h, d.shiftRight(h, shift))} * ${multiplier}) % ${PRNG_MODULUS})`;
  }
  return h;
}

/**
 * Random draws for one generated table. `rowHash(id)` is computed once per row (three rounds);
 * each column then derives its own stream from it with two more rounds.
 */
export class Prng {
  readonly #d: Dialect;
  readonly #seedOffset: number;

  constructor(dialect: Dialect, seed: number, table: string) {
    this.#d = dialect;
    let tableSalt = 0;
    for (const ch of table) tableSalt = (tableSalt * 31 + ch.charCodeAt(0)) % PRNG_MODULUS;
    this.#seedOffset = mixNumber((mixNumber(seed) + tableSalt) % PRNG_MODULUS);
  }

  /** SQL for the per-row hash of the row counter `id` (a non-negative BIGINT). */
  rowHash(id: string): string {
    return mixSql(this.#d, `((${id} % ${PRNG_MODULUS}) + ${this.#seedOffset}) % ${PRNG_MODULUS}`);
  }

  /** SQL for stream `stream` of the row hash column `h`: an integer in [0, P). */
  draw(h: string, stream: number): string {
    const salt = mixNumber(stream + 1);
    return mixSql(this.#d, `((${h} + ${salt}) % ${PRNG_MODULUS})`, ROUNDS.slice(0, 2));
  }

  /** Integer uniform in [lo, hi]. */
  int(h: string, stream: number, lo: number, hi: number): string {
    return `(${lo} + ${this.draw(h, stream)} % ${hi - lo + 1})`;
  }

  /** Double uniform in [lo, hi), rounded to `decimals`. */
  money(h: string, stream: number, lo: number, hi: number, decimals = 2): string {
    return `round(${lo} + CAST(${this.draw(h, stream)} AS DOUBLE) * ${hi - lo} / ${PRNG_MODULUS}, ${decimals})`;
  }

  /** Double uniform in [0, 1). */
  unit(h: string, stream: number): string {
    return `(CAST(${this.draw(h, stream)} AS DOUBLE) / ${PRNG_MODULUS})`;
  }

  /** One of `values`, uniformly. */
  choice(h: string, stream: number, values: readonly string[]): string {
    return this.#d.pick(values, `${this.draw(h, stream)} % ${values.length}`);
  }
}
