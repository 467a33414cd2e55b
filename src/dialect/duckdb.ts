import { INTEGER_TEXT_PATTERN, ISO_DATE_GLOB, ISO_SECONDS_GLOB, ISO_TIMESTAMP_PATTERN, sqlString, ZERO_FRACTION_PATTERN, type CsvFile, type Dialect } from './dialect.js';
import { MAX_LINE_BYTES } from '../model/inputs.js';

/** DuckDB's row-group size: ranges longer than one are read from a table, in parallel. */
const ROW_GROUP = 122_880;
const idsTable = (n: number | bigint) => `medallion_ids_${n}`;

/**
 * The longest line DuckDB's reader accepts at all: twice what a line source keeps, so that a longer
 * line still arrives to be set aside with its reason. Its read buffer is set to the same size (by
 * default DuckDB makes it 16 times the line size, which a memory limit would refuse).
 */
const READER_MAX_LINE_BYTES = 2 * MAX_LINE_BYTES;
/** Read as NULL by the CSV reader: no field holds it, so only the fields a short record lacks are NULL. */
const NO_NULL_TEXT = `chr(1) || 'medallion:absent' || chr(1)`;
const EXTRA_FIELD = '_medallion_extra_field';

/**
 * One CSV file's records, read with its own header: the reader pads a short record with NULLs and
 * puts a long record's first surplus field in an extra column, so that every record arrives and
 * the malformed ones can be set aside with their line (the header is line 1).
 */
function csvRecords(file: CsvFile): string {
  const id = (c: string) => `"${c.replaceAll('"', '""')}"`;
  const columns = [...file.header, EXTRA_FIELD].map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ');
  const fields = file.header.map((c) => `(CASE WHEN ${id(c)} IS NULL THEN 0 ELSE 1 END)`).join(' + ');
  const where = `concat('line ', ordinality + 1, ' of ', ${sqlString(`'${file.path}'`)}, ': ')`;
  const count = file.header.length;
  const malformed = `CASE WHEN ${id(EXTRA_FIELD)} IS NOT NULL THEN concat(${where}, 'more than the ${count} fields of the header')
            WHEN ${id(file.header[count - 1]!)} IS NULL THEN concat(${where}, ${fields}, ' fields where the header has ${count}') END`;
  const delim = /\.tsv(\.gz)?$/i.test(file.path) ? '\t' : ',';
  return `SELECT ${file.header.map((c) => `nullif(${id(c)}, '') AS ${id(c)}`).join(', ')}, ${malformed} AS _malformed
FROM read_csv(${sqlString(file.path)}, header = true, auto_detect = false, delim = ${sqlString(delim)}, quote = '"', escape = '"',
     columns = {${columns}}, null_padding = true, strict_mode = false, nullstr = ${NO_NULL_TEXT},
     max_line_size = ${READER_MAX_LINE_BYTES}, buffer_size = ${READER_MAX_LINE_BYTES}) WITH ORDINALITY`;
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  textType: 'VARCHAR',
  // range() is a single-threaded source, and a generated source inherits that: all its columns
  // would be computed on one core. A table of ids is scanned in parallel, one row group per task,
  // and in order, so a generator over it runs on every core and still writes the same bytes.
  range: (n) => (Number(n) > ROW_GROUP ? `(SELECT id FROM ${idsTable(n)})` : `(SELECT range AS id FROM range(${n}))`),
  prepareRanges: (sizes) =>
    [...new Set(sizes)].filter((n) => n > ROW_GROUP).sort((a, b) => a - b).map((n) => `CREATE TABLE IF NOT EXISTS ${idsTable(n)} AS SELECT range AS id FROM range(${n})`),
  // One row group of the ids table is one task of a parallel scan: a part of that size is read by
  // one thread in order. (A COPY of several such tasks may flush them out of order under load.)
  partRows: ROW_GROUP,
  rangePart: (n, from, to) => (n > ROW_GROUP ? `(SELECT id FROM ${idsTable(n)} WHERE id >= ${from} AND id < ${to})` : `(SELECT range AS id FROM range(${from}, ${to}))`),
  readParquetFile: (path) => `read_parquet(${sqlString(path)})`,
  xor: (a, b) => `xor(${a}, ${b})`,
  shiftRight: (a, bits) => `(${a} >> ${bits})`,
  pick: (values, index) => `([${values.map(sqlString).join(', ')}])[(${index}) + 1]`,
  hash64: (expr) => `hash(${expr})`,
  timestampFromEpoch: (seconds) => `make_timestamp(CAST(${seconds} AS BIGINT) * 1000000)`,
  epochSeconds: (ts) => `epoch(${ts})`,
  isoTimestampText: (ts) => `strftime(${ts}, '%Y-%m-%dT%H:%M:%S')`,
  isoDateText: (ts) => `strftime(${ts}, '%Y-%m-%d')`,
  // DuckDB's dayofweek() counts 0 = Sunday, Spark's 1 = Sunday: isodow is the one both can match.
  isoWeekday: (ts) => `CAST(isodow(${ts}) AS INTEGER)`,
  // date_trunc gives a TIMESTAMP even of a DATE; Spark's trunc gives a DATE.
  weekStart: (ts) => `CAST(date_trunc('week', ${ts}) AS DATE)`,
  // A glob of the usual full shape is cheaper than the regular expression, which then only sees
  // the other shapes it accepts (a space for `T`, no seconds, a fraction).
  tryParseTimestamp: (text) =>
    `CASE WHEN ${text} GLOB ${sqlString(ISO_SECONDS_GLOB)} OR regexp_full_match(${text}, ${sqlString(ISO_TIMESTAMP_PATTERN)}) THEN TRY_CAST(${text} AS TIMESTAMP) END`,
  tryParseDate: (text) => `CASE WHEN ${text} GLOB ${sqlString(ISO_DATE_GLOB)} THEN TRY_CAST(${text} AS DATE) END`,
  // `||` propagates NULL; DuckDB's concat() would skip it, where Spark's gives NULL.
  concat: (parts) => `(${parts.join(' || ')})`,
  tryCast: (expr, type) => `TRY_CAST(${expr} AS ${type})`,
  // A text that is the exact rendering of its own cast is a plain integer the pattern accepts:
  // most texts take that way, and only the others pay for the regular expressions.
  tryInteger: (text, type) =>
    `CASE WHEN CAST(TRY_CAST(${text} AS ${type}) AS VARCHAR) = ${text} THEN TRY_CAST(${text} AS ${type}) ` +
    `WHEN regexp_full_match(${text}, ${sqlString(INTEGER_TEXT_PATTERN)}) THEN TRY_CAST(regexp_replace(trim(${text}), ${sqlString(ZERO_FRACTION_PATTERN)}, '') AS ${type}) END`,
  tryFiniteDouble: (text) => `CASE WHEN isfinite(TRY_CAST(${text} AS DOUBLE)) THEN TRY_CAST(${text} AS DOUBLE) END`,
  byteLength: (text) => `strlen(${text})`,
  fullMatch: (text, pattern) => `regexp_full_match(${text}, ${sqlString(pattern)})`,
  isJson: (text) => `json_valid(${text})`,
  jsonFields: (text, fields) =>
    `json_transform(${text}, ${sqlString(JSON.stringify(Object.fromEntries(fields.map((f) => [f, 'VARCHAR']))))})`,
  jsonKeys: (text) => `json_keys(${text})`,
  firstRepeated: (array) => `list_filter(${array}, lambda k, i: list_position(${array}, k) < i)[1]`,
  arrayLength: (array) => `len(${array})`,
  explodeSplit: (text, sep) => `unnest(string_split(${text}, ${sqlString(sep)}))`,
  readParquet: (dir) => `read_parquet(${sqlString(dir.replace(/\/+$/, '') + '/**/*.parquet')})`,
  readLines: (paths) =>
    // A delimiter no text line contains and no quoting: each line is one column, as received.
    // Without strict mode the reader takes \n and \r\n line ends alike (Windows files), and drops
    // them; the line-size cap is above what a line source keeps (MAX_LINE_BYTES), so that a
    // longer line still arrives, to be set aside with its reason rather than stop the run.
    `(SELECT coalesce(line, '') AS line, filename AS source FROM read_csv([${paths.map(sqlString).join(', ')}],
       columns = {'line': 'VARCHAR'}, header = false, delim = chr(1) || chr(2) || chr(3) || chr(4), quote = '', escape = '',
       auto_detect = false, strict_mode = false, max_line_size = ${READER_MAX_LINE_BYTES}, buffer_size = ${READER_MAX_LINE_BYTES}, filename = true))`,
  readTable: (paths, format) => {
    const list = `[${paths.map(sqlString).join(', ')}]`;
    if (format === 'csv') return `read_csv(${list}, header = true, all_varchar = true, union_by_name = true)`;
    if (format === 'jsonl') return `read_json(${list}, format = 'newline_delimited', union_by_name = true)`;
    return `read_parquet(${list}, union_by_name = true)`;
  },
  readCsvRecords: (files) => `(${files.map(csvRecords).join('\nUNION ALL BY NAME\n')})`,
  identifier: (name) => `"${name.replaceAll('"', '""')}"`,
  broadcastHint: () => '',
  shuffleHint: () => '',
  quote: sqlString,
};
