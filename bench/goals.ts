/**
 * The project's performance goals on a 2-core machine, which the benchmark prints its figures
 * against: a whole `medallion run both` process at least 1.5× faster than a plain Polars port of
 * the two pipelines at each scale (without the port measured beside it, against the port's own
 * figures on a quiet machine), the peak memory of one at scale 100 with no memory setting, what a
 * run may cost beyond its own write statements, and on Spark each pipeline at least 2× faster than
 * the original PySpark pipelines in the same local mode.
 */
export const SPEEDUP_OVER_PORT = 1.5;
/** The port's `run both` seconds on a quiet 2-core machine, for a bench run without `--vs-port`. */
export const PORT_SECONDS: Readonly<Record<number, number>> = { 1: 1.23, 10: 4.9, 100: 41.6 };
export const PEAK_RSS_MIB_AT_100 = 1024;
export const MAX_RUN_OVER_FLOOR = 1.15;
export const SPEEDUP_OVER_PYSPARK = 2;
/** The original PySpark pipelines on a local[2] Spark, best of 3–4 runs, by scale (1 is the default size). */
export const PYSPARK_SECONDS: Readonly<Record<'data' | 'mapreduce', Readonly<Record<number, number>>>> = {
  data: { 1: 26.2, 10: 51.6 },
  mapreduce: { 1: 29.2, 10: 184 },
};

export interface ScaleFigures {
  readonly scale: number;
  /** Median seconds of a whole `medallion run both` process. */
  readonly runBoth: number;
  /** Median seconds of a whole port process, measured alternating with medallion's. */
  readonly port?: number;
  /** The write floors of the two pipelines, one after the other, when measured. */
  readonly floors?: readonly number[];
  readonly ratios?: readonly number[];
  readonly peakRssMiB: number;
}

const mark = (met: boolean) => (met ? 'met' : 'not met');

/** Lines that set each measured figure beside its goal, and the write floor beside a time goal. */
export function goalLines(figures: readonly ScaleFigures[]): string[] {
  const lines = ['goals (a 2-core machine):'];
  for (const f of figures) {
    const port = f.port ?? PORT_SECONDS[f.scale];
    if (port !== undefined) {
      const goal = port / SPEEDUP_OVER_PORT;
      const floor = f.floors?.reduce((a, b) => a + b, 0);
      const floorNote = floor === undefined ? '' : `; the writes alone take ${floor.toFixed(2)} s${floor > goal ? ', more than the goal' : ''}`;
      const against = f.port === undefined ? "the port's quiet-machine figure" : 'the port measured beside it';
      lines.push(
        `  scale ${f.scale}: run both ${f.runBoth.toFixed(2)} s, goal ≤ ${goal.toFixed(2)} s (${SPEEDUP_OVER_PORT}× faster than ${port.toFixed(2)} s, ${against}): ${mark(f.runBoth <= goal)}${floorNote}`,
      );
    }
    if (f.scale === 100) lines.push(`  scale 100: peak RSS ${f.peakRssMiB.toFixed(0)} MiB, goal ≤ ${PEAK_RSS_MIB_AT_100} MiB: ${mark(f.peakRssMiB <= PEAK_RSS_MIB_AT_100)}`);
    if (f.ratios?.length) {
      lines.push(`  scale ${f.scale}: run/floor ${f.ratios.map((r) => r.toFixed(2)).join(' (data), ')} (mapreduce), goal ≤ ${MAX_RUN_OVER_FLOOR}: ${mark(f.ratios.every((r) => r <= MAX_RUN_OVER_FLOOR))}`);
    }
  }
  return lines;
}

/** On Spark: each pipeline's median seconds beside the original PySpark pipeline's, where known. */
export function sparkGoalLines(figures: ReadonlyArray<{ scale: number; pipeline: 'data' | 'mapreduce'; seconds: number }>): string[] {
  const lines = [`goals on Spark (${SPEEDUP_OVER_PYSPARK}× faster than the original PySpark pipelines, local[2]):`];
  for (const f of figures) {
    const original = PYSPARK_SECONDS[f.pipeline][f.scale];
    if (original === undefined) continue;
    const goal = original / SPEEDUP_OVER_PYSPARK;
    lines.push(`  scale ${f.scale} ${f.pipeline}: ${f.seconds.toFixed(1)} s, original ${original} s, goal ≤ ${goal.toFixed(1)} s: ${mark(f.seconds <= goal)}`);
  }
  return lines;
}
