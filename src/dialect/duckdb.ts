import { ISO_DATE_PATTERN, ISO_TIMESTAMP_PATTERN, sqlString, type Dialect } from './dialect.js';

/** DuckDB's row-group size: ranges longer than one are read from a table, in parallel. */
const ROW_GROUP = 122_880;
const idsTable = (n: number | bigint) => `medallion_ids_${n}`;

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  textType: 'VARCHAR',
  // range() is a single-threaded source, and a generated source inherits that: all its columns
  // would be computed on one core. A table of ids is scanned in parallel, one row group per task,
  // and in order, so a generator over it runs on every core and still writes the same bytes.
  range: (n) => (Number(n) > ROW_GROUP ? `(SELECT id FROM ${idsTable(n)})` : `(SELECT range AS id FROM range(${n}))`),
  prepareRanges: (sizes) =>
    [...new Set(sizes)].filter((n) => n > ROW_GROUP).sort((a, b) => a - b).map((n) => `CREATE TABLE IF NOT EXISTS ${idsTable(n)} AS SELECT range AS id FROM range(${n})`),
  xor: (a, b) => `xor(${a}, ${b})`,
  shiftRight: (a, bits) => `(${a} >> ${bits})`,
  pick: (values, index) => `([${values.map(sqlString).join(', ')}])[(${index}) + 1]`,
  hash64: (expr) => `hash(${expr})`,
  timestampFromEpoch: (seconds) => `make_timestamp(CAST(${seconds} AS BIGINT) * 1000000)`,
  epochSeconds: (ts) => `epoch(${ts})`,
  isoTimestampText: (ts) => `strftime(${ts}, '%Y-%m-%dT%H:%M:%S')`,
  isoDateText: (ts) => `strftime(${ts}, '%Y-%m-%d')`,
  tryParseTimestamp: (text) => `CASE WHEN regexp_full_match(${text}, ${sqlString(ISO_TIMESTAMP_PATTERN)}) THEN TRY_CAST(${text} AS TIMESTAMP) END`,
  tryParseDate: (text) => `CASE WHEN regexp_full_match(${text}, ${sqlString(ISO_DATE_PATTERN)}) THEN TRY_CAST(${text} AS DATE) END`,
  // `||` propagates NULL; DuckDB's concat() would skip it, where Spark's gives NULL.
  concat: (parts) => `(${parts.join(' || ')})`,
  tryCast: (expr, type) => `TRY_CAST(${expr} AS ${type})`,
  fullMatch: (text, pattern) => `regexp_full_match(${text}, ${sqlString(pattern)})`,
  isJson: (text) => `json_valid(${text})`,
  jsonFields: (text, fields) =>
    `json_transform(${text}, ${sqlString(JSON.stringify(Object.fromEntries(fields.map((f) => [f, 'VARCHAR']))))})`,
  explodeSplit: (text, sep) => `unnest(string_split(${text}, ${sqlString(sep)}))`,
  readParquet: (dir) => `read_parquet(${sqlString(dir.replace(/\/+$/, '') + '/**/*.parquet')})`,
  readLines: (paths) =>
    // A delimiter no text line contains and no quoting: each line is one column, as received.
    `(SELECT coalesce(line, '') AS line, filename AS source FROM read_csv([${paths.map(sqlString).join(', ')}],
       columns = {'line': 'VARCHAR'}, header = false, delim = chr(1) || chr(2) || chr(3) || chr(4), quote = '', escape = '',
       auto_detect = false, new_line = '\\n', filename = true))`,
  readTable: (paths, format) => {
    const list = `[${paths.map(sqlString).join(', ')}]`;
    if (format === 'csv') return `read_csv(${list}, header = true, all_varchar = true, union_by_name = true)`;
    if (format === 'jsonl') return `read_json(${list}, format = 'newline_delimited', union_by_name = true)`;
    return `read_parquet(${list}, union_by_name = true)`;
  },
  identifier: (name) => `"${name.replaceAll('"', '""')}"`,
  broadcastHint: () => '',
  shuffleHint: () => '',
  quote: sqlString,
};
