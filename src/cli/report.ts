import { spawn } from 'node:child_process';
import { printOut } from './print.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { formatBytes, formatSeconds } from '../report/format.js';
import type { PipelineRegistry } from '../project/registry.js';
import { baseDirOf } from './options.js';
import { dataDirFor } from '../model/config.js';
import { isRemotePath } from '../model/paths.js';

/** `medallion report <pipeline|both>`: the self-contained HTML report of what the runs wrote. */
export function registerReport(program: Command, registry: PipelineRegistry): void {
  program
    .command('report')
    .description('write a self-contained HTML report (lineage, datasets, quality, charts, run history) from the runs in the data dir')
    .argument('<pipeline>', `${[...registry.names, ...Object.keys(registry.groups)].join(', ')}`)
    .option('--data-dir <dir>', 'data directory (with several pipelines: <dir>/<pipeline>)')
    .option('--out <dir>', 'where to write index.html (default <data-dir>/report; with both or all, <dir>/report for --data-dir <dir>, else ~/pipeline-data/report-both or report-all)')
    .option('--open', 'open the report in the default browser')
    .action(async (pipelineArg: string, flags: { dataDir?: string; out?: string; open?: boolean }) => {
      const members = membersOf(registry, pipelineArg, flags.dataDir);
      const dataDirs = members.map((m) => m.dataDir);
      // One pipeline's page is <its data dir>/report; several pipelines' page must not overwrite it:
      // <dir>/report for --data-dir <dir>, else report-<group> beside the first pipeline's.
      const out = dataDirs.length === 1 ? join(dataDirs[0]!, 'report') : flags.dataDir !== undefined ? join(flags.dataDir, 'report') : join(dataDirs[0]!, `report-${pipelineArg}`);
      const started = performance.now();
      // Loaded when asked for: the chart library is the heaviest of our imports.
      const { writeReport } = await import('../report/write-report.js');
      const written = await writeReport(dataDirs, flags.out ?? out, (name) => (registry.names.includes(name) ? registry.get(name).charts : undefined));
      const seconds = (performance.now() - started) / 1000;
      printOut(
        `Report: ${written.path} (${formatBytes(written.bytes)}, ${written.datasets} datasets, ${written.charts} charts, ${formatSeconds(seconds)})\n`,
      );
      if (members.length > 1 && !members.some((m) => isRemotePath(m.dataDir))) {
        // Several pipelines: one catalog over all of them too, so a BI tool needs one connection.
        const { combinedCatalogPath, writeCombinedCatalog } = await import('../report/combined-catalog.js');
        const path = combinedCatalogPath(pipelineArg, dataDirs, flags.dataDir);
        const views = await writeCombinedCatalog({ path, members });
        printOut(`Catalog: ${path} (${views} views of ${members.map((m) => m.pipeline).join(' and ')}, in schemas ${members.map((m) => `${m.pipeline}_gold`).join(', ')}, …)\n`);
      }
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

/** The pipelines `target` names with their data dirs, without reading their inputs. */
function membersOf(registry: PipelineRegistry, target: string, dataDir: string | undefined): Array<{ pipeline: string; dataDir: string }> {
  const pipelines = registry.expand(target);
  return pipelines.map((p) => ({
    pipeline: p.name,
    dataDir: dataDirFor(p.config, dataDir === undefined ? undefined : pipelines.length > 1 ? `${dataDir.replace(/\/+$/, '')}/${p.name}` : dataDir, baseDirOf(registry, p)),
  }));
}
