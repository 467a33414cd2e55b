import type { SchemaColumn } from './version-record.js';

/**
 * A new version's columns differ from the current version's. The message lists the difference
 * one column per line (`+ added`, `- removed`, `~ changed type`) and names the flag that allows it.
 */
export class SchemaDriftError extends Error {
  override readonly name = 'SchemaDriftError';
  constructor(
    readonly dataset: string,
    readonly currentVersion: string,
    readonly diff: readonly string[],
  ) {
    super(
      `columns differ from the current version ${currentVersion}, so it was not published ` +
        `(run with --allow-schema-change to publish it):\n${diff.map((d) => `  ${d}`).join('\n')}`,
    );
  }
}

/**
 * The differences between two schemas, empty when they are the same. Type names are compared
 * case-insensitively with common aliases folded (Spark's `string` is DuckDB's `VARCHAR`), so that
 * the same table written by two engines is not reported as drift.
 */
export function schemaDiff(before: readonly SchemaColumn[], after: readonly SchemaColumn[]): string[] {
  const old = new Map(before.map((c) => [c.name, c.type]));
  const now = new Map(after.map((c) => [c.name, c.type]));
  const diff: string[] = [];
  for (const c of before) if (!now.has(c.name)) diff.push(`- ${c.name} ${c.type}`);
  for (const c of after) {
    const was = old.get(c.name);
    if (was === undefined) diff.push(`+ ${c.name} ${c.type}`);
    else if (canonicalType(was) !== canonicalType(c.type)) diff.push(`~ ${c.name} ${was} -> ${c.type}`);
  }
  if (!diff.length) {
    const kept = before.map((c) => c.name).join(', ');
    const order = after.map((c) => c.name).join(', ');
    if (kept !== order) diff.push(`column order ${kept} -> ${order}`);
  }
  return diff;
}

const ALIASES: Readonly<Record<string, string>> = {
  string: 'varchar',
  text: 'varchar',
  int: 'integer',
  int4: 'integer',
  int32: 'integer',
  long: 'bigint',
  int8: 'bigint',
  int64: 'bigint',
  short: 'smallint',
  byte: 'tinyint',
  float8: 'double',
  float: 'real',
  float4: 'real',
  bool: 'boolean',
  timestamp_ntz: 'timestamp',
  'timestamp with time zone': 'timestamptz',
};

function canonicalType(type: string): string {
  const t = type.trim().toLowerCase().replace(/\s+/g, ' ');
  return ALIASES[t] ?? t;
}
