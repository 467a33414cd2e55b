import type { Column } from '../model/values.js';
import type { Dialect } from './dialect.js';

const TEMPORAL = /^(date|timestamp.*)$/i;

/**
 * A projection of `columns` with dates and timestamps cast to text: rows then compare, and read,
 * the same on either engine, whatever time types each gives them (a test's expected rows, a diff
 * of two versions).
 */
export function textTemporalProjection(dialect: Pick<Dialect, 'identifier'>, columns: readonly Pick<Column, 'name' | 'type'>[]): string[] {
  return columns.map((c) => (TEMPORAL.test(c.type) ? `CAST(${dialect.identifier(c.name)} AS STRING) AS ${dialect.identifier(c.name)}` : dialect.identifier(c.name)));
}
