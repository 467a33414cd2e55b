import type { Command } from 'commander';
import { UserError } from '../model/errors.js';
import { formatExample } from '../quality/checks.js';
import { readManifest } from '../storage/manifests.js';
import type { PipelineRegistry } from '../project/registry.js';
import { pipelineAndDataDir } from './pipeline-arg.js';
import { parseEngineName } from '../engines/registry.js';
import { printOut, renderTable } from './print.js';

export function registerQuality(program: Command, registry: PipelineRegistry): void {
  program
    .command('quality')
    .description('print every expectation of a run: dataset, kind, action, rows checked, failures, examples, status')
    .argument('<pipeline>', registry.names.join(', '))
    .option('--run <run-id>', 'the run to report (default: the latest)')
    .option('--format <format>', 'table or json', 'table')
    .option('--data-dir <dir>', 'data directory of the pipeline')
    // Accepted like every command; the report reads run manifests and needs no engine.
    .option('--engine <engine>', 'duckdb or spark (the report reads run manifests only)', 'duckdb')
    .option('--remote <url>', 'Spark Connect server (unused by this command)')
    .action(async (pipelineArg: string, flags: { run?: string; format: string; dataDir?: string; engine: string }) => {
      parseEngineName(flags.engine);
      if (flags.format !== 'table' && flags.format !== 'json') throw new UserError(`--format must be table or json, got '${flags.format}'`);
      const { dataDir } = pipelineAndDataDir(registry, pipelineArg, flags.dataDir);
      const manifest = readManifest(dataDir, flags.run);
      const rows = manifest.datasets.flatMap((d) =>
        (d.expectations ?? []).map((e) => ({ dataset: d.name, ...e })),
      );
      if (flags.format === 'json') {
        printOut(JSON.stringify({ runId: manifest.runId, pipeline: manifest.pipeline, outcome: manifest.outcome, expectations: rows }, null, 2) + '\n');
        return;
      }
      const cells: string[][] = [];
      for (const r of rows) {
        const examples = r.examples.map(formatExample).join('\n') || (r.observed ? `observed ${r.observed}` : '');
        cells.push([r.dataset, r.name, r.kind, r.action, r.checked.toLocaleString('en-US'), r.failures.toLocaleString('en-US'), examples, r.status.toUpperCase()]);
      }
      const table = await renderTable(['dataset', 'expectation', 'kind', 'action', 'checked', 'failures', 'examples', 'status'], cells, {
        colWidths: [null, 34, null, null, null, null, 46, null],
        wordWrap: true,
      });
      const count = (status: string) => rows.filter((r) => r.status === status).length;
      const failedDataset = manifest.datasets.find((d) => d.status === 'failed');
      printOut(
        `Run ${manifest.runId} (${manifest.pipeline}, ${manifest.outcome})\n${table}\n` +
          `${rows.length} expectations: ${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed\n` +
          (failedDataset ? `${failedDataset.name} failed: ${failedDataset.error}\n` : ''),
      );
    });
}
