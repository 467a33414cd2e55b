import type { DatasetContext } from '../../model/dataset.js';
import { dailySnapshot, firstOrChanged, type DailyChanges } from '../../generate/daily-changes.js';
import { dateLiteral, stateBefore } from '../../define/scd2.js';
import type { DataPipelineConfig } from './config.js';

/** A generated snapshot source: its rows on a first day, its history, and how a day changes it. */
export interface SnapshotSource extends Omit<DailyChanges, 'seed' | 'day' | 'rate'> {
  /** The generated rows of the run's day, for a first run. */
  readonly first: string;
  /** The SCD2 history kept of the source, from which the state before the day is read. */
  readonly history: string;
}

/**
 * A source as the source system holds it on the run's day: with no history before that day, its
 * generated rows of that day; otherwise the rows current the day before, changed by the day's
 * draws of the run's seed at the run's change rate.
 */
export function snapshotOfDay(ctx: DatasetContext<DataPipelineConfig>, source: SnapshotSource): string {
  const { config } = ctx;
  const { first, history, ...changes } = source;
  const state = stateBefore(ctx, history, changes.columns, changes.key, dateLiteral(config.asOf));
  if (!state) return first;
  const changed = dailySnapshot(ctx.dialect, { ...changes, seed: config.seed, day: config.asOf, rate: config.changeRate }, state);
  return firstOrChanged(first, state, changed);
}
