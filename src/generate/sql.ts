import type { Dialect } from '../dialect/dialect.js';

/** `<prefix><n zero-padded to width>`, widening instead of truncating when n has more digits. */
export function paddedId(d: Dialect, prefix: string, n: string, width: number): string {
  const text = `CAST(${n} AS ${d.textType})`;
  return `concat(${d.quote(prefix)}, CASE WHEN ${n} < ${10 ** width} THEN lpad(${text}, ${width}, '0') ELSE ${text} END)`;
}

/** Seconds since the epoch of midnight UTC at the start of `asOf`. */
export function asOfEpochSeconds(asOf: string): number {
  return Date.parse(`${asOf}T00:00:00Z`) / 1000;
}

/** SQL TIMESTAMP literal for midnight UTC at the start of `asOf`: the instant generated sources are received. */
export function asOfTimestamp(d: Dialect, asOf: string): string {
  return d.timestampFromEpoch(String(asOfEpochSeconds(asOf)));
}
