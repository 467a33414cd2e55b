import type { DatasetContext } from '../model/dataset.js';
import type { InputSource } from '../model/inputs.js';
import type { Expectation } from '../model/expectation.js';
import { expect } from '../quality/expect.js';
import type { COLUMN_TYPES } from '../model/definition-schemas.js';

/** The types a source column may have. Values of a user's file are converted to them, or quarantined. */
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** The type each source column must have. */
export type ColumnTypes = Readonly<Record<string, ColumnType>>;

const raw = (column: string) => `_in_${column}`;

function typedValue<C>(ctx: DatasetContext<C>, text: string, type: ColumnType): string {
  const d = ctx.dialect;
  switch (type) {
    case 'TEXT':
      return text;
    case 'BOOLEAN':
      return `TRY_CAST(${text} AS BOOLEAN)`;
    case 'INTEGER':
    case 'BIGINT':
      return d.tryInteger(text, type);
    case 'DOUBLE':
      return d.tryFiniteDouble(text);
    case 'DATE':
      return d.tryParseDate(text);
    case 'TIMESTAMP':
      return d.tryParseTimestamp(text);
  }
}

/**
 * A user's file as a bronze source: every contract column cast to its type (NULL when it does
 * not convert), next to the value as received in `_in_<column>`, so that a row whose values do
 * not convert can be quarantined with what it really held.
 */
export function typedInput<C>(ctx: DatasetContext<C>, source: InputSource, types: ColumnTypes): string {
  const d = ctx.dialect;
  const columns = Object.entries(types).map(([column, type]) => {
    const text = `CAST(${d.identifier(column)} AS ${d.textType})`;
    return `${typedValue(ctx, text, type)} AS ${d.identifier(column)}, ${text} AS ${d.identifier(raw(column))}`;
  });
  if (readsCsvRecords(source)) {
    const files = source.paths.map((path, i) => ({ path, header: source.headers[i]! }));
    return `SELECT ${[...columns, MALFORMED].join(',\n       ')} FROM ${d.readCsvRecords(files)} AS input`;
  }
  return `SELECT ${columns.join(',\n       ')} FROM ${d.readTable(source.paths, source.format)} AS input`;
}

/** The column of CSV records saying why a record does not fit its header. */
const MALFORMED = '_malformed';

/** CSV whose headers were read when the run started: each record is checked against its header. */
function readsCsvRecords(source: InputSource | undefined): source is InputSource & { headers: ReadonlyArray<readonly string[]> } {
  return source?.format === 'csv' && source.headers !== undefined && source.headers.length === source.paths.length;
}

/**
 * Quarantines CSV records with fewer or more fields than their file's header, with the file and
 * line; the fields they had are kept next to the reason. Other sources skip the check.
 */
export function recordFitsHeader<C>(inputOf: (config: C) => InputSource | undefined): Expectation<C> {
  return expect.custom<C>('record_fits_header', (ctx) => (readsCsvRecords(inputOf(ctx.config)) ? `${MALFORMED} IS NULL` : '1 = 1'), {
    action: 'quarantine',
    description: 'a CSV record has one field per column of its header',
    columns: [MALFORMED],
    reason: () => MALFORMED,
  });
}

/**
 * Quarantines rows of a user's file whose values do not have the contract's types, naming the
 * columns and what they held. Generated sources are typed by construction and skip the check.
 */
export function valuesHaveTypes<C>(types: ColumnTypes, readsFile: (config: C) => boolean): Expectation<C> {
  const checked = Object.entries(types).filter(([, type]) => type !== 'TEXT').map(([column]) => column);
  return expect.custom<C>(
    'values_have_contract_types',
    (ctx) =>
      readsFile(ctx.config) && checked.length
        ? checked.map((c) => `(${ctx.dialect.identifier(raw(c))} IS NULL OR ${ctx.dialect.identifier(c)} IS NOT NULL)`).join(' AND ')
        : '1 = 1',
    {
      action: 'quarantine',
      description: `${checked.join(', ')} convert to their types`,
      columns: checked.map(raw),
      reason: (ctx) =>
        `concat('not a valid ', concat_ws(', ', ${checked
          .map((c) => `CASE WHEN ${ctx.dialect.identifier(raw(c))} IS NOT NULL AND ${ctx.dialect.identifier(c)} IS NULL THEN concat(${ctx.dialect.quote(`${types[c]!.toLowerCase()} ${c}: `)}, ${ctx.dialect.identifier(raw(c))}) END`)
          .join(', ')}))`,
    },
  );
}

/** Quarantines rows of a user's file without their key; generated sources always have one. */
export function keyIsPresent<C>(key: string, readsFile: (config: C) => boolean): Expectation<C> {
  return expect.custom<C>(`not_null(${key})`, (ctx) => (readsFile(ctx.config) ? `${ctx.dialect.identifier(key)} IS NOT NULL` : '1 = 1'), {
    action: 'quarantine',
    description: `${key} is not null`,
    reason: (ctx) => ctx.dialect.quote(`${key} is null (expected not null)`),
    columns: [key],
  });
}
