import type { Dialect } from '../dialect/dialect.js';
import type { Column } from '../model/values.js';

/**
 * A relation with `columns` and no rows, written as SQL: what a dataset's SQL is bound against
 * in place of its inputs, so that the engine checks it without reading a file or a row.
 */
export function standIn(dialect: Dialect, columns: readonly Column[]): string {
  const list = columns.length ? columns.map((c) => `CAST(NULL AS ${c.type}) AS ${dialect.identifier(c.name)}`).join(', ') : 'CAST(NULL AS INTEGER) AS no_columns';
  return `(SELECT ${list} LIMIT 0)`;
}

/** Columns all of the engine's text type, as the readers of a user's files give them. */
export function textColumns(dialect: Dialect, names: readonly string[]): Column[] {
  return names.map((name) => ({ name, type: dialect.textType }));
}

/**
 * The dialect a dataset is checked with: its readers of the user's files and of generated row ids
 * are relations without rows, of the columns they would have (`contract`: the columns a source's
 * files must have). The SQL around them is the dialect's own.
 */
export function checkingDialect(dialect: Dialect, contract: readonly string[]): Dialect {
  const text = (names: readonly string[]) => standIn(dialect, textColumns(dialect, names));
  return {
    ...dialect,
    range: () => standIn(dialect, [{ name: 'id', type: 'BIGINT' }]),
    prepareRanges: () => [],
    readTable: () => text(contract),
    readCsvRecords: () => text([...contract, '_malformed']),
    readLines: () => text(['line', 'source']),
  };
}
