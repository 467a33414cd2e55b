import { daysBetween, parseDay, type DateWindow } from '../../model/date-window.js';
import type { PipelineConfig } from '../../model/config.js';
import { UserError } from '../../model/errors.js';
import { isRemotePath } from '../../model/paths.js';
import type { Pipeline } from '../../model/pipeline.js';
import { datasetDir } from '../../storage/layout.js';
import { isComplete } from '../../storage/publish.js';
import { daysOf, readLedger } from './ledger.js';
import { isPartitioned, partitionColumns } from './windowed-datasets.js';

/** The flags that make a run cover a window of days. */
export interface WindowFlags {
  readonly date?: string;
  readonly from?: string;
  readonly to?: string;
  readonly fullRefresh?: boolean;
}

export function givesWindow(flags: WindowFlags): boolean {
  return flags.date !== undefined || flags.from !== undefined || flags.to !== undefined || flags.fullRefresh === true;
}

/**
 * The days a run of `pipeline` covers, from its flags and the days already processed in its data
 * dir; undefined for a plain run. `--date` (re)builds that day; `--from/--to` builds the days of
 * the range that are not processed yet (its gaps); `--full-refresh` rebuilds everything from the
 * range (or from the days processed). Every mistake is a `UserError`, before anything is written.
 */
export function windowFor<C extends PipelineConfig>(pipeline: Pipeline<C>, config: C, flags: WindowFlags): DateWindow | undefined {
  if (!givesWindow(flags)) return undefined;
  const used = [flags.date !== undefined && '--date', flags.from !== undefined && '--from', flags.to !== undefined && '--to', flags.fullRefresh && '--full-refresh'].filter(Boolean).join(', ');
  if (!isPartitioned(pipeline)) {
    throw new UserError(`${used}: pipeline ${pipeline.name} declares no partition column (partitionBy), so it always runs whole; leave out ${used}`);
  }
  if (isRemotePath(config.dataDir)) {
    throw new UserError(`${used}: runs by day keep the days they do not rebuild as links to the previous version, which ${config.dataDir} cannot hold; use a local (or POSIX-mounted) data dir`);
  }
  if (flags.date !== undefined && (flags.from !== undefined || flags.to !== undefined)) throw new UserError('--date cannot be used with --from/--to: give one day, or a range');
  if (flags.date !== undefined && flags.fullRefresh) throw new UserError('--full-refresh rebuilds everything: give it --from/--to (or nothing, for the days processed), not --date');
  if ((flags.from === undefined) !== (flags.to === undefined)) throw new UserError(`${flags.from === undefined ? '--to' : '--from'} needs ${flags.from === undefined ? '--from' : '--to'} too: a range has both ends`);

  const processed = daysOf(readLedger(config.dataDir, pipeline.name).processed);
  let days: string[];
  if (flags.date !== undefined) {
    days = [parseDay('--date', flags.date)];
  } else if (flags.from !== undefined) {
    const from = parseDay('--from', flags.from);
    const to = parseDay('--to', flags.to!);
    if (from > to) throw new UserError(`--from ${from} is after --to ${to}`);
    const range = daysBetween(from, to);
    if (range.length > 3660) throw new UserError(`--from/--to spans ${range.length} days; at most 3660 (ten years) at once`);
    const done = new Set(processed);
    days = flags.fullRefresh ? range : range.filter((d) => !done.has(d));
  } else {
    if (!processed.length) throw new UserError(`--full-refresh: no day is processed in ${config.dataDir} yet; give the days with --from/--to`);
    days = processed;
  }

  if (days.length > 1 && config.readsRealInputs) {
    throw new UserError(`--from/--to covers ${days.length} days, but input files are one day's data: give them with --date, one day per run`);
  }
  if (!flags.fullRefresh && !processed.length) {
    const built = [...partitionColumns(pipeline).keys()].find((name) => isComplete(datasetDir(config.dataDir, name)));
    if (built) {
      throw new UserError(
        `${built} in ${config.dataDir} was built by a run without --date; rebuild it once by days with --full-refresh --from <day> --to <day>`,
      );
    }
  }
  return { days, fullRefresh: flags.fullRefresh ?? false };
}
