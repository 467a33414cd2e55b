import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { formatBytes, formatSeconds } from '../report/format.js';
import { writeReport } from '../report/write-report.js';
import { configsFor, parsePipelineName } from './options.js';

/** `medallion report <pipeline|both>`: the self-contained HTML report of what the runs wrote. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report (lineage, datasets, quality, charts, run history) from the runs in the data dir')
    .argument('<pipeline>', 'data, mapreduce or both')
    .option('--data-dir <dir>', 'data directory (with both: <dir>/data and <dir>/mapreduce)')
    .option('--out <dir>', 'where to write index.html (default <data-dir>/report; with both, <dir>/report for --data-dir <dir>, else ~/pipeline-data/report)')
    .option('--open', 'open the report in the default browser')
    .action(async (pipelineArg: string, flags: { dataDir?: string; out?: string; open?: boolean }) => {
      const target = parsePipelineName(pipelineArg, true);
      const dataDirs = configsFor(target, { dataDir: flags.dataDir }).map((c) => c.dataDir);
      const home = target === 'both' && flags.dataDir !== undefined ? flags.dataDir : dataDirs[0]!;
      const started = performance.now();
      const written = await writeReport(dataDirs, flags.out ?? join(home, 'report'));
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `Report: ${written.path} (${formatBytes(written.bytes)}, ${written.datasets} datasets, ${written.charts} charts, ${formatSeconds(seconds)})\n`,
      );
      if (flags.open) openInBrowser(written.path);
    });
}

function openInBrowser(path: string): void {
  const url = pathToFileURL(path).href;
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`medallion: could not start ${command}; open ${url} yourself\n`));
  child.unref();
}
