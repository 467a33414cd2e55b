import { existsSync, readFileSync } from 'node:fs';
import { manifestPath } from './layout.js';

/**
 * The as-of date of run `runId` of this data dir, from its manifest: the day a version it
 * published describes. Undefined when the run left no readable manifest (adopted or pruned data).
 */
export function asOfOfRun(dataDir: string, runId: string | undefined): string | undefined {
  if (runId === undefined) return undefined;
  const path = manifestPath(dataDir, runId);
  if (!existsSync(path)) return undefined;
  try {
    const asOf = (JSON.parse(readFileSync(path, 'utf8')) as { config?: { asOf?: unknown } }).config?.asOf;
    return typeof asOf === 'string' ? asOf : undefined;
  } catch {
    // A manifest cut short by a crash says nothing about its day; the run's data says the rest.
    return undefined;
  }
}
