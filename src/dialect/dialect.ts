/**
 * Everything the SQL of our pipelines needs that DuckDB and Spark SQL spell differently.
 * Each member is a small pure function from SQL fragments to a SQL fragment, so a pipeline
 * never asks which engine it runs on.
 */
export interface Dialect {
  readonly name: 'duckdb' | 'spark';
  /** Type name of a UTF-8 string column in CAST. */
  readonly textType: string;
  /** A table of `n` rows with one BIGINT column `id` = 0 … n-1, in order. */
  range(n: number | bigint): string;
  /** Statements a run sends first so that the ranges of these sizes read fast (none on most engines). */
  prepareRanges(sizes: readonly number[]): string[];
  /**
   * Rows per part when a large dataset that is built row by row is written as several part files,
   * each by a statement of its own (undefined: one statement writes a whole dataset). A part that
   * is one unit of the engine's parallel work is written in order whatever the timing, so its
   * bytes are fixed by its rows; the parts run side by side on the engine's connections.
   */
  readonly partRows?: number;
  /** Rows `from` … `to`-1 of `range(n)`, as a table of `id`s (for engines with `partRows`). */
  rangePart?(n: number, from: number, to: number): string;
  /** A table expression reading one Parquet file (for engines with `partRows`). */
  readParquetFile?(path: string): string;
  /** Bitwise exclusive or of two non-negative integers. */
  xor(a: string, b: string): string;
  /** Logical right shift of a non-negative integer. */
  shiftRight(a: string, bits: number): string;
  /** The `index`-th (0-based) element of a constant list of string literals. */
  pick(values: readonly string[], index: string): string;
  /** A 64-bit hash of a value, for duplicate analysis on wide columns. */
  hash64(expr: string): string;
  /** TIMESTAMP from seconds since the Unix epoch (UTC). */
  timestampFromEpoch(seconds: string): string;
  /** Seconds since the Unix epoch of a TIMESTAMP (UTC). */
  epochSeconds(ts: string): string;
  /** ISO-8601 text `YYYY-MM-DDTHH:MM:SS` of a TIMESTAMP. */
  isoTimestampText(ts: string): string;
  /** `YYYY-MM-DD` text of a TIMESTAMP or DATE. */
  isoDateText(ts: string): string;
  /** Day of the week of a TIMESTAMP or DATE as an INTEGER, ISO numbering: 1 Monday … 7 Sunday. */
  isoWeekday(ts: string): string;
  /** The Monday (a DATE) of the ISO week of a TIMESTAMP or DATE. */
  weekStart(ts: string): string;
  /**
   * TIMESTAMP parsed from ISO-8601 text (`YYYY-MM-DD`, then optionally `T` or a space and
   * `HH:MM[:SS[.ffffff][Z|±HH[:MM]]]`), NULL for anything else: both engines accept exactly the
   * same texts (`ISO_TIMESTAMP_PATTERN`). A text with an offset is its instant, in UTC
   * (`10:00:00+02:00` is 08:00:00); a text without one, or with `Z`, is UTC as written.
   */
  tryParseTimestamp(text: string): string;
  /** DATE parsed from `YYYY-MM-DD` text, NULL for anything else (on both engines alike). */
  tryParseDate(text: string): string;
  /** Text joined from SQL text expressions; NULL when any part is NULL, as standard SQL and Spark's concat. */
  concat(parts: readonly string[]): string;
  /** Cast that yields NULL instead of failing. */
  tryCast(expr: string, type: 'INTEGER' | 'BIGINT' | 'DOUBLE'): string;
  /**
   * A whole number of `type` from text, exactly or not at all: digits with an optional sign and an
   * optional fraction of zeros (`42`, `-7`, `3.0`), within the type's range; NULL for anything
   * else (`70.5`, `1e3`, `abc`). A plain cast would round `70.5` on one engine and truncate it on
   * the other.
   */
  tryInteger(text: string, type: 'INTEGER' | 'BIGINT'): string;
  /** A finite DOUBLE from text; NULL for text that is not a number, and for Infinity and NaN (`1e400` overflows to Infinity). */
  tryFiniteDouble(text: string): string;
  /** Length in bytes (UTF-8) of a text. */
  byteLength(text: string): string;
  /** TRUE when the whole of `text` matches the regular expression `pattern`. */
  fullMatch(text: string, pattern: string): string;
  /**
   * TRUE when the text is one well-formed JSON document. With `objectKeys`, a column that holds
   * `objectKeysOrNull(text)`, the check reads the keys from it instead of parsing the text again.
   */
  isJson(text: string, objectKeys?: string): string;
  /**
   * The top-level keys of `text` as `jsonKeys` lists them when it is a JSON object, and NULL for any
   * other text, valid JSON or not. Only on engines that read keys without a validity check first
   * (elsewhere keys need valid JSON): there a line's validity and keys come from one parse.
   */
  objectKeysOrNull?(text: string): string;
  /**
   * The top-level `fields` of a JSON object, parsed once, as a struct whose members are text
   * (strings unquoted, numbers and nested values as JSON text) and NULL when absent.
   * Only called on text for which `isJson` holds.
   */
  jsonFields(text: string, fields: readonly string[]): string;
  /** The top-level keys of a JSON object, in order, a key given twice listed twice. Only called on objects. */
  jsonKeys(text: string): string;
  /** The first element of an array of text that an earlier element repeats; NULL when all differ. */
  firstRepeated(array: string): string;
  /** The number of elements of an array (NULL for NULL). */
  arrayLength(array: string): string;
  /** A select-list expression that emits one row per `sep`-separated piece of `text` (a generator). */
  explodeSplit(text: string, sep: string): string;
  /** A table expression reading every Parquet file of a dataset directory. */
  readParquet(dir: string): string;
  /**
   * A table expression with one row per line of text files (gzip by extension; a path may be
   * a glob): `line` exactly as received (without its line break) and `source`, the file it came from.
   */
  readLines(paths: readonly string[]): string;
  /** A table expression over CSV files with a header, JSON-lines records or Parquet files. */
  readTable(paths: readonly string[], format: 'csv' | 'parquet' | 'jsonl'): string;
  /**
   * A table expression over CSV files whose header lines are known: one row per record, with each
   * file's header columns as text (NULL for an empty field) and `_malformed`: NULL, or why the
   * record does not fit its header (too few or too many fields), naming its file and line.
   */
  readCsvRecords(files: readonly CsvFile[]): string;
  /** A quoted column name. */
  identifier(name: string): string;
  /** Hint that the relation `alias` is small and should be broadcast (map-side join). */
  broadcastHint(alias: string): string;
  /** Hint that the relation `alias` should be joined by shuffling both sides (reduce-side join). */
  shuffleHint(alias: string): string;
  /** A SQL string literal. */
  quote(value: string): string;
}

/** A CSV file and the columns its header line names. */
export interface CsvFile {
  readonly path: string;
  readonly header: readonly string[];
}

/** The texts `tryInteger` accepts: surrounding spaces, a sign, digits, and a fraction only of zeros. */
export const INTEGER_TEXT_PATTERN = ' *[+-]?[0-9]+([.]0+)? *';
/** The fraction of zeros `tryInteger` removes before the exact cast. */
export const ZERO_FRACTION_PATTERN = '[.]0+$';

/**
 * A UTC offset after the seconds of a timestamp: `Z`, or `+HH:MM`, `+HHMM` or `+HH` (either sign;
 * hours 00–14 as on real clocks, minutes 00–59).
 */
const ISO_OFFSET = '[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?';
const ISO_DAY = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const ISO_SECONDS = '[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,6})?';

/**
 * The texts `tryParseTimestamp` accepts: a day, optionally `T` or a space and `HH:MM`, optionally
 * seconds and a fraction, and after the seconds optionally a zone (`Z` or an offset). Spark's
 * cast alone also takes `2026`, `2026-01`, `2026-1-1`, `today`, `yesterday` and zone names, and
 * DuckDB's cast to TIMESTAMP drops an offset: a shape check before the cast makes the two engines
 * agree.
 */
export const ISO_TIMESTAMP_PATTERN = `${ISO_DAY}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|${ISO_OFFSET})?)?)?`;
/** The texts of `ISO_TIMESTAMP_PATTERN` without an offset: their time is UTC as written (`Z` says so). */
export const ISO_UTC_TIMESTAMP_PATTERN = `${ISO_DAY}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)Z?)?)?`;
/** The texts of `ISO_TIMESTAMP_PATTERN` with an offset: their instant is the time written minus the offset. */
export const ISO_OFFSET_TIMESTAMP_PATTERN = `${ISO_DAY}${ISO_SECONDS}${ISO_OFFSET}`;
/** The texts `tryParseDate` accepts. */
export const ISO_DATE_PATTERN = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
/** `ISO_DATE_PATTERN` as a glob: the same texts. */
export const ISO_DATE_GLOB = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';
/** The most common shape `ISO_TIMESTAMP_PATTERN` accepts, to seconds with a `T`, as a glob. */
export const ISO_SECONDS_GLOB = `${ISO_DATE_GLOB}T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]`;
/** The most common shape of a log's timestamps, to seconds in UTC (`…T10:00:00Z`), as a glob. */
export const ISO_SECONDS_UTC_GLOB = `${ISO_SECONDS_GLOB}Z`;

/** Standard SQL string literal: single quotes doubled. Both engines accept it. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
