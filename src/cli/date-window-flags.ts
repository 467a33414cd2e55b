import type { Command } from 'commander';
import type { PipelineConfig } from '../model/config.js';
import type { Pipeline } from '../model/pipeline.js';
import { UserError } from '../model/errors.js';
import { givesWindow, windowFor, type WindowFlags } from '../run/incremental/run-window.js';

/** `--date`, `--from/--to` and `--full-refresh`: runs over a window of days, for pipelines partitioned by day. */
export function addDateWindowOptions(command: Command): Command {
  return command
    .option('--date <day>', 'ingest one day (YYYY-MM-DD) and rebuild only what it changes (pipelines partitioned by day)')
    .option('--from <day>', 'with --to: ingest the days of this range not processed yet (a backfill)')
    .option('--to <day>', 'the last day of --from')
    .option('--full-refresh', 'rebuild everything from the days of --from/--to (default: the days processed)');
}

/** Each run's config with its window of days; `skipped` are runs whose range holds no day left to process. */
export function withDateWindows<R extends { pipeline: Pipeline; config: PipelineConfig }>(runs: readonly R[], flags: WindowFlags & { readonly select?: readonly string[] }): { runs: R[]; skipped: R[] } {
  // The processed days are those every dataset holds: a run of some datasets cannot count them.
  if (flags.select?.length && givesWindow(flags)) throw new UserError('--select cannot be used with --date, --from/--to or --full-refresh: a run over days rebuilds every dataset they change');
  const out: R[] = [];
  const skipped: R[] = [];
  for (const r of runs) {
    const window = windowFor(r.pipeline, r.config, flags);
    if (!window) out.push(r);
    else if (!window.days.length) skipped.push(r);
    else out.push({ ...r, config: r.config.withWindow(window) });
  }
  return { runs: out, skipped };
}
