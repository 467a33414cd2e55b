import { UserError } from './errors.js';

/**
 * The days a run ingests and rebuilds (`--date`, `--from/--to`), in order. With `fullRefresh` the
 * run replaces everything with these days; otherwise it replaces only these days' partitions.
 */
export interface DateWindow {
  readonly days: readonly string[];
  readonly fullRefresh: boolean;
}

const DAY_MS = 86_400_000;

/** True for a real calendar date YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `value` as a calendar date, or a `UserError` naming the flag. */
export function parseDay(flag: string, value: string): string {
  if (!isCalendarDate(value)) throw new UserError(`${flag} must be a calendar date YYYY-MM-DD, got '${value}'`);
  return value;
}

/** The day after (or `n` days after) `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Unix seconds at the start of `day` (UTC). */
export function dayStartSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}
