import { UserError } from '../../../model/errors.js';
import type { SchemaColumn } from '../../version-record.js';

/** A Delta schema type: a primitive name (`long`, `decimal(12,2)`) or an array of one. */
export type SparkType = string | { readonly type: 'array'; readonly elementType: SparkType; readonly containsNull: boolean };

export interface SparkField {
  readonly name: string;
  readonly type: SparkType;
  readonly nullable: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface SparkStruct {
  readonly type: 'struct';
  readonly fields: readonly SparkField[];
}

/** DuckDB's type names and their aliases (and Spark's own lowercase names) to Delta's primitive types. */
const PRIMITIVES: Readonly<Record<string, string>> = {
  bigint: 'long',
  int8: 'long',
  long: 'long',
  int64: 'long',
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  int32: 'integer',
  smallint: 'short',
  int2: 'short',
  short: 'short',
  tinyint: 'byte',
  int1: 'byte',
  byte: 'byte',
  double: 'double',
  float8: 'double',
  float: 'float',
  real: 'float',
  float4: 'float',
  varchar: 'string',
  string: 'string',
  text: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  blob: 'binary',
  binary: 'binary',
  // Delta's `timestamp` is an instant (UTC-adjusted). DuckDB's naive TIMESTAMP is what our
  // pipelines compute in UTC, so both are the same instant on every reader whose zone is UTC.
  timestamp: 'timestamp',
  'timestamp with time zone': 'timestamp',
  timestamptz: 'timestamp',
  timestamp_ntz: 'timestamp',
  // DuckDB writes a HUGEINT (a sum of BIGINTs) to Parquet as a 38-digit decimal.
  hugeint: 'decimal(38,0)',
};

/** The Delta type of one column type; throws a `UserError` naming the column for a type Delta cannot hold. */
export function sparkTypeOf(column: SchemaColumn): SparkType {
  const type = column.type.trim().toLowerCase().replace(/\s+/g, ' ');
  if (type.endsWith('[]')) {
    return { type: 'array', elementType: sparkTypeOf({ name: column.name, type: type.slice(0, -2) }), containsNull: true };
  }
  const decimal = /^(?:decimal|numeric)(?:\s*\(\s*(\d+)\s*,\s*(\d+)\s*\))?$/.exec(type);
  if (decimal) {
    // DuckDB's bare DECIMAL is DECIMAL(18,3).
    const [precision, scale] = decimal[1] ? [Number(decimal[1]), Number(decimal[2])] : [18, 3];
    if (precision > 38) throw new UserError(`column ${column.name} has type ${column.type}: a Delta decimal holds at most 38 digits`);
    return `decimal(${precision},${scale})`;
  }
  const primitive = PRIMITIVES[type];
  if (!primitive) throw new UserError(`column ${column.name} has type ${column.type}, which a Delta table cannot hold; cast it in the dataset's SQL`);
  return primitive;
}

/** The Delta schema (Spark's StructType) of a table with these columns; every column nullable, as Parquet writers leave them. */
export function sparkSchemaOf(columns: readonly SchemaColumn[]): SparkStruct {
  return { type: 'struct', fields: columns.map((c) => ({ name: c.name, type: sparkTypeOf(c), nullable: true, metadata: {} })) };
}

export function parseSparkSchema(schemaString: string): SparkStruct {
  const parsed = JSON.parse(schemaString) as SparkStruct;
  if (parsed.type !== 'struct' || !Array.isArray(parsed.fields)) throw new Error('a Delta schemaString must be a struct');
  return parsed;
}

const DUCKDB_NAMES: Readonly<Record<string, string>> = {
  long: 'BIGINT',
  integer: 'INTEGER',
  short: 'SMALLINT',
  byte: 'TINYINT',
  double: 'DOUBLE',
  float: 'FLOAT',
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'DATE',
  binary: 'BLOB',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  timestamp_ntz: 'TIMESTAMP',
};

/** A Delta type as DuckDB names it, so that a table written by another writer lists its columns as ours do. */
export function duckdbTypeOf(type: SparkType): string {
  if (typeof type !== 'string') {
    return type.type === 'array' ? `${duckdbTypeOf(type.elementType)}[]` : 'JSON';
  }
  const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) return `DECIMAL(${decimal[1]},${decimal[2]})`;
  return DUCKDB_NAMES[type] ?? type.toUpperCase();
}

export function columnsOfSchema(schema: SparkStruct): SchemaColumn[] {
  return schema.fields.map((f) => ({ name: f.name, type: duckdbTypeOf(f.type) }));
}

/** The differences between two Delta schemas, one line per column, empty when they are the same. */
export function sparkSchemaDiff(before: SparkStruct, after: SparkStruct): string[] {
  const render = (t: SparkType): string => (typeof t === 'string' ? t : `array<${render(t.elementType)}>`);
  const old = new Map(before.fields.map((f) => [f.name, render(f.type)]));
  const now = new Map(after.fields.map((f) => [f.name, render(f.type)]));
  const diff: string[] = [];
  for (const [name, type] of old) if (!now.has(name)) diff.push(`- ${name} ${type}`);
  for (const [name, type] of now) {
    const was = old.get(name);
    if (was === undefined) diff.push(`+ ${name} ${type}`);
    else if (was !== type) diff.push(`~ ${name} ${was} -> ${type}`);
  }
  if (!diff.length && [...old.keys()].join(',') !== [...now.keys()].join(',')) {
    diff.push(`column order ${[...old.keys()].join(', ')} -> ${[...now.keys()].join(', ')}`);
  }
  return diff;
}
