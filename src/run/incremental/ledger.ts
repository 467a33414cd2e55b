import { existsSync, readFileSync, rmSync } from 'node:fs';
import { addDays, daysBetween, type DateWindow } from '../../model/date-window.js';
import { writeFileDurably } from '../../storage/durable-fs.js';
import { joinPath } from '../../storage/layout.js';

/** A run of consecutive days, both ends included. */
export interface DayInterval {
  readonly from: string;
  readonly to: string;
}

/** What `<data-dir>/_processed_days.json` holds: the days whose data every dataset holds, as ranges. */
export interface Ledger {
  readonly pipeline: string;
  readonly processed: readonly DayInterval[];
}

const LEDGER_FILE = '_processed_days.json';

export function ledgerPath(dataDir: string): string {
  return joinPath(dataDir, LEDGER_FILE);
}

/** The days processed in a data dir; none when no run over a window of days succeeded there. */
export function readLedger(dataDir: string, pipeline: string): Ledger {
  const path = ledgerPath(dataDir);
  if (!existsSync(path)) return { pipeline, processed: [] };
  return JSON.parse(readFileSync(path, 'utf8')) as Ledger;
}

/** Sorted days as the fewest ranges of consecutive days. */
export function intervalsOf(days: Iterable<string>): DayInterval[] {
  const sorted = [...new Set(days)].sort();
  const out: Array<{ from: string; to: string }> = [];
  for (const day of sorted) {
    const last = out.at(-1);
    if (last && addDays(last.to, 1) === day) last.to = day;
    else out.push({ from: day, to: day });
  }
  return out;
}

/** Every day of the intervals. */
export function daysOf(intervals: readonly DayInterval[]): string[] {
  return intervals.flatMap((i) => daysBetween(i.from, i.to));
}

/** The days missing between the first processed day and the last, as ranges. */
export function gapsOf(intervals: readonly DayInterval[]): DayInterval[] {
  const gaps: DayInterval[] = [];
  for (let i = 1; i < intervals.length; i++) gaps.push({ from: addDays(intervals[i - 1]!.to, 1), to: addDays(intervals[i]!.from, -1) });
  return gaps;
}

/** The ledger after a successful run over `window`: its days added (or, on a full refresh, the only ones). */
export function afterRun(ledger: Ledger, window: DateWindow): Ledger {
  const days = window.fullRefresh ? window.days : [...daysOf(ledger.processed), ...window.days];
  return { pipeline: ledger.pipeline, processed: intervalsOf(days) };
}

/**
 * Records a successful run, durably (a write to a temporary file renamed over the ledger): a run
 * over days adds its days; a run without days that rebuilt a partitioned dataset made it whole
 * again, not by day, so no day counts as processed any more.
 */
export function recordRun(dataDir: string, pipeline: string, window: DateWindow | undefined, rebuiltPartitioned: boolean): void {
  if (window) writeFileDurably(ledgerPath(dataDir), JSON.stringify(afterRun(readLedger(dataDir, pipeline), window), null, 1) + '\n');
  else if (rebuiltPartitioned && existsSync(ledgerPath(dataDir))) rmSync(ledgerPath(dataDir), { force: true });
}
