/**
 * The project's performance goals on a 2-core machine, which the benchmark prints its figures
 * against: a whole `medallion run both` process per scale, the peak memory of one at scale 100
 * with no memory setting, and what a run may cost beyond its own write statements.
 */
export const RUN_BOTH_SECONDS: Readonly<Record<number, number>> = { 1: 0.6, 10: 2.4, 100: 20 };
export const PEAK_RSS_MIB_AT_100 = 1024;
export const MAX_RUN_OVER_FLOOR = 1.15;

export interface ScaleFigures {
  readonly scale: number;
  /** Median seconds of a whole `medallion run both` process. */
  readonly runBoth: number;
  /** The write floors of the two pipelines, one after the other, when measured. */
  readonly floors?: readonly number[];
  readonly ratios?: readonly number[];
  readonly peakRssMiB: number;
}

/** Lines that set each measured figure beside its goal, and the write floor beside a time goal. */
export function goalLines(figures: readonly ScaleFigures[]): string[] {
  const lines = ['goals (a 2-core machine):'];
  const mark = (met: boolean) => (met ? 'met' : 'not met');
  for (const f of figures) {
    const goal = RUN_BOTH_SECONDS[f.scale];
    if (goal !== undefined) {
      const floor = f.floors?.reduce((a, b) => a + b, 0);
      const floorNote = floor === undefined ? '' : `; the writes alone take ${floor.toFixed(2)} s${floor > goal ? ', more than the goal' : ''}`;
      lines.push(`  scale ${f.scale}: run both ${f.runBoth.toFixed(2)} s, goal ≤ ${goal} s: ${mark(f.runBoth <= goal)}${floorNote}`);
    }
    if (f.scale === 100) lines.push(`  scale 100: peak RSS ${f.peakRssMiB.toFixed(0)} MiB, goal ≤ ${PEAK_RSS_MIB_AT_100} MiB: ${mark(f.peakRssMiB <= PEAK_RSS_MIB_AT_100)}`);
    if (f.ratios?.length) {
      lines.push(`  scale ${f.scale}: run/floor ${f.ratios.map((r) => r.toFixed(2)).join(' (data), ')} (mapreduce), goal ≤ ${MAX_RUN_OVER_FLOOR}: ${mark(f.ratios.every((r) => r <= MAX_RUN_OVER_FLOOR))}`);
    }
  }
  return lines;
}
