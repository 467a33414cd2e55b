import { SchemaDriftError } from '../schema-drift.js';

/** The store's schema policy error, with a Delta version as the current version. */
export function schemaDiffError(table: string, version: number, diff: readonly string[]): SchemaDriftError {
  return new SchemaDriftError(table, `v${version}`, diff);
}
