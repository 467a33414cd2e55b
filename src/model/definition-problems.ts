import { AsyncLocalStorage } from 'node:async_hooks';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProblemsError } from './errors.js';

/** A mistake in a definition, with where the user made it (`pipelines/orders.ts:31`) when known. */
export interface DefinitionProblem {
  readonly at?: string;
  readonly message: string;
}

const PROBLEMS = Symbol('medallion.definitionProblems');
const collecting = new AsyncLocalStorage<true>();
/** This package's own compiled files: frames inside them are not where the user wrote a definition. */
const OWN_FILES = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs `load` (the import of a user's project) so that definitions with mistakes do not throw
 * but carry their problems, and the loader can report every mistake of every file at once.
 */
export function collectingDefinitionProblems<T>(load: () => Promise<T>): Promise<T> {
  return collecting.run(true, load);
}

/** The problems a definition (dataset, expectation, pipeline) carries; none for a sound one. */
export function problemsOf(value: unknown): readonly DefinitionProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  return (value as { [PROBLEMS]?: readonly DefinitionProblem[] })[PROBLEMS] ?? [];
}

/** A definition's problems as lines: `pipelines/orders.ts:31: dataset silver.x: …`. */
export function problemLines(problems: readonly DefinitionProblem[]): string[] {
  return problems.map((p) => (p.at ? `${p.at}: ${p.message}` : p.message));
}

/**
 * What a definition function returns when its definition has `messages` wrong: outside a project
 * load it throws them (one `ProblemsError`); while a project loads, `placeholder` carries them,
 * with the file and line of the user's call, for the loader to report with everything else.
 */
export function refuseDefinition<T extends object>(
  messages: readonly string[],
  placeholder: () => T,
  inherited: readonly DefinitionProblem[] = [],
  options: { readonly always?: boolean } = {},
): T {
  const at = messages.length ? callSite() : undefined;
  const problems = [...messages.map((message) => ({ ...(at ? { at } : {}), message })), ...inherited];
  // A definition whose own shape is wrong cannot stand in for itself: it is refused at once.
  if (!collecting.getStore() || options.always) throw new ProblemsError(problemLines(problems));
  const value = placeholder();
  Object.defineProperty(value, PROBLEMS, { value: Object.freeze(problems), enumerable: false });
  return Object.freeze(value);
}

/** The problems of parts (a dataset's expectations), said of their whole (`dataset silver.x: …`). */
export function inheritedProblems(parts: readonly unknown[], subject: string): DefinitionProblem[] {
  return parts.flatMap((part) => problemsOf(part).map((p) => ({ ...p, message: `${subject}: ${p.message}` })));
}

/** The first frame of the stack outside this package: the user's file and line. */
function callSite(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const frame = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    if (!frame) continue;
    const file = frame[1]!.startsWith('file://') ? fileURLToPath(frame[1]!) : frame[1]!;
    if (file.startsWith(OWN_FILES) || file.includes('/node_modules/')) continue;
    return `${relative(process.cwd(), file) || file}:${frame[2]}`;
  }
  return undefined;
}
