import type { Command } from 'commander';
import { printOut } from './print.js';
import { UserError } from '../model/errors.js';
import { formatCount } from '../observe/logger.js';
import { formatBytes } from '../report/format.js';
import type { PipelineRegistry } from '../project/registry.js';
import { pipelineAndDataDir } from './pipeline-arg.js';
import type { DatasetVersion } from '../storage/dataset-store.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import { parseDatasetArg } from './dataset-arg.js';
import { keptVersions } from './version-arg.js';

/** `medallion history <pipeline> [<layer>/<dataset>]`: the kept versions of each dataset, newest first. */
export function registerHistory(program: Command, registry: PipelineRegistry): void {
  program
    .command('history')
    .description('list the kept versions of datasets: run id, time, rows, bytes, and which one is current')
    .argument('<pipeline>', registry.names.join(', '))
    .argument('[dataset]', 'layer/dataset, e.g. gold/customer_analytics (default: every dataset)')
    .option('--data-dir <dir>', 'data directory of the pipeline')
    .action(async (pipelineArg: string, datasetArg: string | undefined, flags: { dataDir?: string }) => {
      const { pipeline: definition, dataDir } = pipelineAndDataDir(registry, pipelineArg, flags.dataDir);
      const pipeline = definition.name;
      const store = openDatasetStore(dataDir);
      const sections: string[] = [];
      if (datasetArg !== undefined) {
        const name = parseDatasetArg(datasetArg, definition);
        sections.push(section(name, await keptVersions(store, name, pipeline)));
      } else {
        let built = 0;
        for (const { name } of definition.datasets) {
          const versions = await store.versions(name);
          if (versions.length) built++;
          sections.push(versions.length ? section(name, versions) : `${name.replace('.', '/')}: never built\n`);
        }
        if (!built) throw new UserError(`nothing has been built in ${dataDir}: run 'medallion run ${pipeline}' first`);
      }
      printOut(sections.join('\n'));
    });
}

function section(name: string, versions: readonly DatasetVersion[]): string {
  const rows = [
    ['', 'run id', 'published (UTC)', 'rows', 'bytes', 'checksum'],
    ...versions.map((v) => [
      v.current ? '*' : '',
      v.versionId,
      (v.publishedAt ?? v.createdAt).replace('T', ' ').replace(/\.\d+Z$/, ''),
      v.rows === null ? '?' : formatCount(v.rows),
      formatBytes(v.bytes),
      v.checksum.slice(0, 19),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const right = new Set([3, 4]);
  const lines = rows.map((r) => r.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  const plural = versions.length === 1 ? 'version' : 'versions';
  return `${name.replace('.', '/')} (${versions.length} ${plural} kept, * = current)\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
