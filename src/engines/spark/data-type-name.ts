import type { DataType } from './messages.js';

const SIMPLE: Readonly<Record<string, string>> = {
  null: 'void',
  binary: 'binary',
  boolean: 'boolean',
  byte: 'tinyint',
  short: 'smallint',
  integer: 'int',
  long: 'bigint',
  float: 'float',
  double: 'double',
  string: 'string',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  calendar_interval: 'interval',
  year_month_interval: 'interval year to month',
  day_time_interval: 'interval day to second',
  variant: 'variant',
};

/** Spark's own name of a type (its `simpleString`: `int`, `decimal(12,2)`, `array<string>`). */
export function dataTypeName(type: DataType | undefined): string {
  const kind = type?.kind;
  if (!type || !kind) return 'unknown';
  if (kind in SIMPLE) return SIMPLE[kind]!;
  switch (kind) {
    case 'decimal':
      return `decimal(${type.decimal?.precision ?? 10},${type.decimal?.scale ?? 0})`;
    case 'char':
      return `char(${type.char?.length ?? 0})`;
    case 'var_char':
      return `varchar(${type.var_char?.length ?? 0})`;
    case 'array':
      return `array<${dataTypeName(type.array?.element_type)}>`;
    case 'map':
      return `map<${dataTypeName(type.map?.key_type)},${dataTypeName(type.map?.value_type)}>`;
    case 'struct':
      return `struct<${(type.struct?.fields ?? []).map((f) => `${f.name}:${dataTypeName(f.data_type)}`).join(',')}>`;
    default:
      return kind;
  }
}
