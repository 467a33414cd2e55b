import type { DatasetContext } from '../core/dataset.js';
import type { InputSource } from '../core/inputs.js';
import { expect } from '../quality/expect.js';
import type { Expectation } from '../quality/expectation.js';

/** The type each bronze column must have, as `CAST` spells it. */
export type ColumnTypes = Readonly<Record<string, 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'TEXT'>>;

const raw = (column: string) => `_in_${column}`;

/**
 * A user's CSV or Parquet file as a bronze source: every contract column cast to its type (NULL
 * when it does not convert), next to the value as received in `_in_<column>`, so that a row
 * whose values do not convert can be quarantined with what it really held.
 */
export function typedInput<C>(ctx: DatasetContext<C>, source: InputSource, types: ColumnTypes): string {
  const d = ctx.dialect;
  const columns = Object.entries(types).map(([column, type]) => {
    const text = `CAST(${d.identifier(column)} AS ${d.textType})`;
    const typed =
      type === 'TEXT' ? text : type === 'BOOLEAN' ? `TRY_CAST(${text} AS BOOLEAN)` : d.tryCast(text, type);
    return `${typed} AS ${d.identifier(column)}, ${text} AS ${raw(column)}`;
  });
  return `SELECT ${columns.join(',\n       ')} FROM ${d.readTable(source.paths, source.format === 'csv' ? 'csv' : 'parquet')} AS input`;
}

/**
 * Quarantines rows of a real input whose values do not have the contract's types, naming the
 * columns and what they held. Generated sources are typed by construction and skip the check.
 */
export function valuesHaveTypes<C>(types: ColumnTypes, hasInput: (config: C) => boolean): Expectation<C> {
  const checked = Object.entries(types).filter(([, type]) => type !== 'TEXT').map(([column]) => column);
  return expect.custom<C>('values_have_contract_types', (ctx) =>
    hasInput(ctx.config) ? checked.map((c) => `(${raw(c)} IS NULL OR ${ctx.dialect.identifier(c)} IS NOT NULL)`).join(' AND ') : '1 = 1',
  {
    action: 'quarantine',
    description: `${checked.join(', ')} convert to their types`,
    columns: checked.map(raw),
    reason: (ctx) =>
      `concat('not a valid ', concat_ws(', ', ${checked
        .map((c) => `CASE WHEN ${raw(c)} IS NOT NULL AND ${ctx.dialect.identifier(c)} IS NULL THEN concat('${types[c]!.toLowerCase()} ${c}: ', ${raw(c)}) END`)
        .join(', ')}))`,
  });
}

/** Quarantines rows of a real input without their key; generated sources always have one. */
export function keyIsPresent<C>(key: string, hasInput: (config: C) => boolean): Expectation<C> {
  return expect.custom<C>(`not_null(${key})`, (ctx) => (hasInput(ctx.config) ? `${ctx.dialect.identifier(key)} IS NOT NULL` : '1 = 1'), {
    action: 'quarantine',
    description: `${key} is not null`,
    columns: [key],
  });
}
