import type { Command } from 'commander';
import { printOut } from './print.js';
import { scaffoldProject } from '../project/scaffold.js';

/** `medallion init <dir>`: a small project of one's own, ready to run. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a project with one example pipeline (CSV source, bronze → silver → gold, expectations) in <dir>')
    .argument('<dir>', 'a new or empty directory')
    .action((dir: string) => {
      const { dir: created, files, pipeline } = scaffoldProject(dir);
      // Say it the way it was started: `npx medallion` works inside a clone, `medallion` once installed.
      const medallion = process.env['npm_command'] === 'exec' ? 'npx medallion' : 'medallion';
      const lines = [
        `Created a medallion project in ${created}:`,
        ...files.map((f) => `  ${f}`),
        '',
        'Next:',
        `  cd ${dir}`,
        `  ${medallion} run ${pipeline}`,
        `  ${medallion} show ${pipeline} gold/revenue_by_country`,
      ];
      printOut(lines.join('\n') + '\n');
    });
}
