import { DataType, Type, tableFromIPC, util, type Field } from 'apache-arrow';
import type { Row } from '../engine.js';

/**
 * Rows of the Arrow IPC streams Spark Connect sends, one stream per batch, as plain JS values
 * like the DuckDB engine's: numbers (bigint beyond 2^53), strings, booleans, Dates, null,
 * arrays and objects for nested types.
 */
export function arrowBatchesToRows(batches: readonly Uint8Array[]): Row[] {
  const rows: Row[] = [];
  for (const batch of batches) {
    const table = tableFromIPC(batch);
    const fields = table.schema.fields;
    const columns = fields.map((_f, i) => table.getChildAt(i));
    for (let r = 0; r < table.numRows; r++) {
      const row: Row = {};
      fields.forEach((field, i) => {
        row[field.name] = toPlain(columns[i]?.get(r), field.type);
      });
      rows.push(row);
    }
  }
  return rows;
}

function toPlain(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case Type.Int:
      return typeof value === 'bigint' ? safeNumber(value) : value;
    case Type.Decimal:
      return decimal(value, (type as DataType<Type.Decimal> & { scale: number }).scale);
    case Type.Date:
    case Type.Timestamp:
      // apache-arrow gives both as milliseconds since the epoch (UTC).
      return new Date(Number(value));
    case Type.List:
    case Type.FixedSizeList:
    case Type.LargeList:
      return listValues(value, (type.children[0] as Field).type);
    case Type.Struct:
      return structValue(value, type.children as Field[]);
    case Type.Map:
      return mapValue(value, type);
    default:
      return value;
  }
}

function safeNumber(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A DECIMAL as a number, as DuckDB's client gives it; exact up to 15 significant digits. */
function decimal(value: unknown, scale: number): number {
  const unscaled = util.bigNumToBigInt(value as Parameters<typeof util.bigNumToBigInt>[0]);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return Number(negative ? `-${text}` : text);
}

function listValues(value: unknown, element: DataType): unknown[] {
  const items = value as Iterable<unknown>;
  return Array.from(items, (item) => toPlain(item, element));
}

function structValue(value: unknown, fields: readonly Field[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f.name, toPlain(source[f.name], f.type)]));
}

/** A MAP as an object when its keys are strings, else as [key, value] pairs. */
function mapValue(value: unknown, type: DataType): unknown {
  const entryFields = ((type.children[0] as Field).type.children ?? []) as Field[];
  const [keyField, valueField] = entryFields;
  const entries = Array.from(value as Iterable<[unknown, unknown]>, ([k, v]) => [
    keyField ? toPlain(k, keyField.type) : k,
    valueField ? toPlain(v, valueField.type) : v,
  ]);
  return entries.every(([k]) => typeof k === 'string') ? Object.fromEntries(entries) : entries;
}
