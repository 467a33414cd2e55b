import type { Command } from 'commander';
import { printOut } from './print.js';
import { daysBetween, parseDay } from '../model/date-window.js';
import { UserError } from '../model/errors.js';
import type { PipelineRegistry } from '../project/registry.js';
import { daysOf, gapsOf, intervalsOf, readLedger, type DayInterval } from '../run/incremental/ledger.js';
import { partitionColumns } from '../run/incremental/windowed-datasets.js';
import { pipelineAndDataDir } from './pipeline-arg.js';

interface StatusFlags {
  dataDir?: string;
  json?: boolean;
  from?: string;
  to?: string;
}

/** `medallion status <pipeline>`: the days processed in its data dir, as ranges, and the days missing. */
export function registerStatus(program: Command, registry: PipelineRegistry): void {
  program
    .command('status')
    .description('show the days a pipeline partitioned by day has processed, as ranges, and the days missing')
    .argument('<pipeline>', registry.names.join(', '))
    .option('--data-dir <dir>', 'data directory of the pipeline')
    .option('--from <day>', 'with --to: report the days missing in this range (default: between the first and last day processed)')
    .option('--to <day>', 'the last day of --from')
    .option('--json', 'print one JSON object')
    .action((pipelineArg: string, flags: StatusFlags) => {
      const { pipeline, dataDir } = pipelineAndDataDir(registry, pipelineArg, flags.dataDir);
      const columns = partitionColumns(pipeline);
      if (!columns.size) throw new UserError(`pipeline ${pipeline.name} declares no partition column (partitionBy): it runs whole, so it has no days to report`);
      if ((flags.from === undefined) !== (flags.to === undefined)) throw new UserError(`${flags.from === undefined ? '--to' : '--from'} needs ${flags.from === undefined ? '--from' : '--to'} too: a range has both ends`);
      const range = flags.from === undefined ? undefined : { from: parseDay('--from', flags.from), to: parseDay('--to', flags.to!) };
      if (range && range.from > range.to) throw new UserError(`--from ${range.from} is after --to ${range.to}`);

      const processed = readLedger(dataDir, pipeline.name).processed;
      const done = new Set(daysOf(processed));
      const missing = range ? intervalsOf(daysBetween(range.from, range.to).filter((d) => !done.has(d))) : gapsOf(processed);
      const status = {
        pipeline: pipeline.name,
        dataDir,
        partitionedBy: Object.fromEntries(columns),
        processed: processed.map(withDays),
        processedDays: done.size,
        missing: missing.map(withDays),
        missingDays: missing.reduce((n, i) => n + withDays(i).days, 0),
        ...(range ? { range } : {}),
      };
      if (flags.json) {
        printOut(JSON.stringify(status, null, 2) + '\n');
        return;
      }
      const list = (intervals: ReadonlyArray<DayInterval & { days: number }>) =>
        intervals.length ? intervals.map((i) => `  ${i.from === i.to ? i.from : `${i.from} … ${i.to}`}  (${i.days} ${i.days === 1 ? 'day' : 'days'})`).join('\n') : '  none';
      const by = [...columns].map(([d, c]) => `${d} by ${c}`).join(', ');
      printOut(
        [
          `${pipeline.name} in ${dataDir}`,
          `partitioned by day: ${by}`,
          `processed (${status.processedDays} ${status.processedDays === 1 ? 'day' : 'days'}):`,
          processed.length ? list(status.processed) : "  none yet (run it with --date or --from/--to)",
          `missing${range ? ` from ${range.from} to ${range.to}` : ' between the first and last day processed'} (${status.missingDays} ${status.missingDays === 1 ? 'day' : 'days'}):`,
          list(status.missing),
        ].join('\n') + '\n',
      );
    });
}

function withDays(interval: DayInterval): DayInterval & { days: number } {
  return { ...interval, days: daysBetween(interval.from, interval.to).length };
}
