import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProblemsError, UserError } from '../model/errors.js';
import { definitionIssues } from '../model/definition-issues.js';
import { collectingDefinitionProblems, problemLines, problemsOf } from '../model/definition-problems.js';
import { projectConfigSchema } from '../model/definition-schemas.js';
import type { Pipeline } from '../model/pipeline.js';

/** The file names a project's config may have, in the order they are looked for. */
export const CONFIG_FILES = ['medallion.config.ts', 'medallion.config.mts', 'medallion.config.js', 'medallion.config.mjs'] as const;

/** A user's project: its folder, its config file and the pipelines it declares. */
export interface Project {
  readonly dir: string;
  readonly file: string;
  readonly pipelines: readonly Pipeline[];
}

/** The config file of the project in `dir`, if there is one. */
export function findProjectConfig(dir: string): string | undefined {
  return CONFIG_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
}

/**
 * Loads the project whose config is `file`. TypeScript loads without a build step; the project's
 * `import … from 'medallion'` resolves to this running medallion, so its pipelines are made of
 * the same classes. A mistake in the user's files is a `UserError` naming the file (and the line,
 * when the loader knows it).
 */
export async function loadProject(file: string): Promise<Project> {
  const dir = dirname(file);
  const { createJiti } = await import('jiti');
  const self = fileURLToPath(new URL('../index.js', import.meta.url));
  const jiti = createJiti(import.meta.url, { alias: { medallion: self }, moduleCache: false, fsCache: false, interopDefault: true });
  let loaded: unknown;
  try {
    // Definitions with mistakes carry them instead of throwing, so that every mistake is told at once.
    loaded = await collectingDefinitionProblems(() => jiti.import(file, { default: true }));
  } catch (error) {
    if (error instanceof ProblemsError) throw error;
    throw new UserError(`cannot load ${relative(process.cwd(), file) || file}: ${describeLoadError(error)}`);
  }
  const config = loaded as { pipelines?: unknown } | undefined;
  if (!config || !Array.isArray(config.pipelines)) {
    throw new UserError(`${relative(process.cwd(), file)} must export default defineConfig({ pipelines: [...] })`);
  }
  const shape = definitionIssues(projectConfigSchema, config).map((m) => `${relative(process.cwd(), file)}: defineConfig: ${m}`);
  const pipelines = config.pipelines as Pipeline[];
  for (const p of pipelines) {
    if (!p || typeof p.name !== 'string' || !Array.isArray(p.datasets) || typeof p.configure !== 'function') {
      throw new UserError(`${relative(process.cwd(), file)}: every entry of pipelines must be made with pipeline()`);
    }
  }
  const problems = [...shape, ...problemLines(pipelines.flatMap((p) => problemsOf(p)))];
  if (problems.length) throw new ProblemsError(problems);
  return { dir, file, pipelines };
}

/** The loader's message on one line: a syntax error keeps its file, line and column. */
function describeLoadError(error: unknown): string {
  if (error instanceof UserError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n').find((l) => l.trim()) ?? message;
  // The loader names the file, line and column of a syntax error on a line of its own; a runtime
  // error, in the user's frame of its stack.
  const location =
    /(\/[^\s():]+\.(?:[cm]?[tj]s)):(\d+):(\d+)/.exec(message) ??
    (error instanceof Error ? /\(([^()]+\.(?:[cm]?[tj]s)):(\d+):(\d+)\)/.exec((error.stack ?? '').split('\n').filter((l) => !l.includes('node_modules')).join('\n')) : null);
  const where = location && !first.includes(location[1]!) ? ` (at ${relative(process.cwd(), location[1]!)}:${location[2]}:${location[3]})` : '';
  return `${first.trim()}${where}`;
}
