import { INTEGER_TEXT_PATTERN, ISO_DATE_PATTERN, ISO_TIMESTAMP_PATTERN, ZERO_FRACTION_PATTERN, type Dialect } from './dialect.js';
import { UserError } from '../model/errors.js';

/**
 * A Spark SQL string literal. Spark's lexer has no `''` escape (adjacent literals are
 * concatenated instead, so `'it''s'` reads as `its`): quotes and backslashes are escaped with a
 * backslash, which Spark 3.5 and 4 both read under the default `escapedStringLiterals=false`.
 */
export function sparkString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;
}

/** A Spark SQL identifier: backticks, doubled inside. Double quotes are string literals in Spark. */
export function sparkIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** TRUE when the whole of `text` matches; \z, not $: Java's $ also matches before a final line break. */
function sparkFullMatch(text: string, pattern: string): string {
  return `(${text} RLIKE ${sparkString(`^(?:${pattern})\\z`)})`;
}

/**
 * A path as Spark should read it: a local absolute path becomes a `file://` URI, because a
 * cluster whose default file system is HDFS would resolve a bare `/abs/path` there. URLs
 * (`hdfs://`, `s3a://`, `file:`) are kept as given.
 */
export function sparkPath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.startsWith('/') ? `file://${trimmed}` : trimmed;
}

/** `text` made a Java regular expression that matches it literally. */
function regexLiteral(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

/** A JSON scalar (string, number, true, false, null) with optional surrounding white space. */
const JSON_SCALAR =
  '\\s*(?:"(?:[^"\\\\\\x00-\\x1f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*"' +
  '|-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)\\s*';

/**
 * Spark SQL (3.5 and 4, with or without ANSI mode). Functions that could fail under ANSI mode
 * (casts, JSON parsing) are spelled in their NULL-returning forms, and every integer argument
 * that ANSI coercion would refuse to narrow is cast explicitly.
 */
export const sparkDialect: Dialect = {
  name: 'spark',
  textType: 'STRING',
  range: (n) => `(SELECT id FROM range(${n}))`,
  prepareRanges: () => [],
  xor: (a, b) => `(${a} ^ ${b})`,
  shiftRight: (a, bits) => `shiftright(${a}, ${bits})`,
  // element_at takes an INT index; ANSI coercion will not narrow a BIGINT to it implicitly.
  pick: (values, index) => `element_at(array(${values.map(sparkString).join(', ')}), CAST(${index} AS INT) + 1)`,
  hash64: (expr) => `xxhash64(${expr})`,
  timestampFromEpoch: (seconds) => `timestamp_seconds(CAST(${seconds} AS BIGINT))`,
  // DOUBLE seconds, like DuckDB's epoch(): sub-second precision kept, and arithmetic on it stays DOUBLE.
  epochSeconds: (ts) => `(CAST(unix_micros(${ts}) AS DOUBLE) / 1000000)`,
  isoTimestampText: (ts) => `date_format(${ts}, ${sparkString("yyyy-MM-dd'T'HH:mm:ss")})`,
  isoDateText: (ts) => `date_format(${ts}, 'yyyy-MM-dd')`,
  // weekday() counts 0 = Monday; dayofweek() would count 1 = Sunday.
  isoWeekday: (ts) => `(weekday(${ts}) + 1)`,
  // trunc() of a DATE to 'WEEK' is its Monday, as a DATE (date_trunc would give a TIMESTAMP).
  weekStart: (ts) => `trunc(CAST(${ts} AS DATE), 'WEEK')`,
  tryParseTimestamp: (text) => `CASE WHEN ${sparkFullMatch(text, ISO_TIMESTAMP_PATTERN)} THEN try_cast(${text} AS TIMESTAMP) END`,
  tryParseDate: (text) => `CASE WHEN ${sparkFullMatch(text, ISO_DATE_PATTERN)} THEN try_cast(${text} AS DATE) END`,
  concat: (parts) => `concat(${parts.join(', ')})`,
  tryCast: (expr, type) => `try_cast(${expr} AS ${type})`,
  tryInteger: (text, type) =>
    `CASE WHEN ${sparkFullMatch(text, INTEGER_TEXT_PATTERN)} THEN try_cast(regexp_replace(trim(${text}), ${sparkString(ZERO_FRACTION_PATTERN)}, '') AS ${type}) END`,
  // NaN compares above every number in Spark, Infinity included, so this keeps finite values only.
  tryFiniteDouble: (text) => `CASE WHEN abs(try_cast(${text} AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(${text} AS DOUBLE) END`,
  byteLength: (text) => `octet_length(${text})`,
  fullMatch: sparkFullMatch,
  // Spark 3.5 has no json_valid. json_object_keys / json_array_length return NULL for anything
  // that is not a complete object / array (truncated text, plain text); scalars are matched by shape.
  isJson: (text, objectKeys) =>
    `(${objectKeys ?? `json_object_keys(${text})`} IS NOT NULL OR json_array_length(${text}) IS NOT NULL OR ${text} RLIKE ${sparkString(`^${JSON_SCALAR}\\z`)})`,
  // Every field as STRING: from_json keeps strings unquoted and writes other values as JSON text.
  jsonFields: (text, fields) =>
    `from_json(${text}, ${sparkString(`struct<${fields.map((f) => `${sparkIdentifier(f)}: string`).join(', ')}>`)})`,
  // json_object_keys walks the object's tokens, so a key given twice is listed twice.
  jsonKeys: (text) => `json_object_keys(${text})`,
  objectKeysOrNull: (text) => `json_object_keys(${text})`,
  // filter's index is 0-based, array_position's 1-based: an element whose first position is before its own is a repeat.
  firstRepeated: (array) => `try_element_at(filter(${array}, (k, i) -> array_position(${array}, k) <= i), 1)`,
  arrayLength: (array) => `size(${array})`,
  // split() takes a regular expression; the separator is matched literally.
  explodeSplit: (text, sep) => `explode(split(${text}, ${sparkString(regexLiteral(sep))}))`,
  readParquet: (dir) => `parquet.${sparkIdentifier(sparkPath(dir))}`,
  // Spark's text source reads gzip by extension and expands globs, one row per line.
  readLines: (paths) =>
    `(${paths.map((p) => `SELECT value AS line, input_file_name() AS source FROM text.${sparkIdentifier(sparkPath(p))}`).join(' UNION ALL ')})`,
  readTable: (paths, format) => {
    if (format === 'csv') {
      // The `csv.\`path\`` shorthand cannot say that the first line is a header.
      throw new UserError('CSV inputs are read by the DuckDB engine only; on Spark, give Parquet files');
    }
    const reader = format === 'jsonl' ? 'json' : 'parquet';
    return `(${paths.map((p) => `SELECT * FROM ${reader}.${sparkIdentifier(sparkPath(p))}`).join(' UNION ALL ')})`;
  },
  readCsvRecords: () => {
    throw new UserError('CSV inputs are read by the DuckDB engine only; on Spark, give Parquet files');
  },
  identifier: sparkIdentifier,
  broadcastHint: (alias) => `/*+ BROADCAST(${alias}) */`,
  // A sort-merge join: both sides are shuffled by key and joined in the reducers, even when one
  // side is small enough that Spark (or AQE at run time) would otherwise broadcast it.
  shuffleHint: (alias) => `/*+ MERGE(${alias}) */`,
  quote: sparkString,
};
