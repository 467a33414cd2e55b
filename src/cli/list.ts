import type { Command } from 'commander';
import { printOut } from './print.js';
import { layerOf } from '../model/dataset.js';
import type { PipelineRegistry } from '../project/registry.js';

/** `medallion list`: every pipeline a command can name, with its datasets and what they hold. */
export function registerList(program: Command, registry: PipelineRegistry): void {
  program
    .command('list')
    .description('list the pipelines (built-in and this project\'s) and their datasets')
    .action(() => {
      const out: string[] = [];
      for (const p of registry.pipelines) {
        const origin = registry.project?.pipelines.includes(p) ? ` (${registry.project.file})` : ' (built-in)';
        out.push(`${p.name}${origin}${p.description ? `: ${p.description}` : ''}`);
        const width = Math.max(...p.datasets.map((d) => d.name.length));
        for (const layer of ['bronze', 'silver', 'gold'] as const) {
          for (const d of p.datasets.filter((x) => layerOf(x.name) === layer)) out.push(`  ${d.name.padEnd(width)}  ${d.description}`);
        }
        out.push('');
      }
      for (const [group, names] of Object.entries(registry.groups)) out.push(`${group}: runs ${names.join(' and ')} side by side (--no-parallel: one after the other)`);
      printOut(out.join('\n') + '\n');
    });
}
