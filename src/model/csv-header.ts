import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { InputError, errorMessage } from './errors.js';
import { shortened } from './excerpt.js';

/** A header line longer than this is not a header: the file has no line ends, or is not CSV. */
const MAX_HEADER_CHARS = 1024 * 1024;

/** The field separator of a CSV file (`.tsv` files are tab-separated). */
export function csvDelimiter(file: string): string {
  return /\.tsv(\.gz)?$/i.test(file) ? '\t' : ',';
}

/**
 * The column names of a CSV file's header record (gzip accepted), read by a CSV parser as the
 * engine reads them: quoted names may hold the separator (`"city, state"`) and doubled quotes,
 * a byte-order mark is dropped, and `\n`, `\r\n` and `\r` all end the record. Only the header is
 * read. An empty file has no columns.
 */
export async function readCsvHeader(flag: string, file: string): Promise<string[]> {
  const source = createReadStream(file);
  const stream: Readable = /\.gz$/i.test(file) ? source.pipe(createGunzip()) : source;
  source.on('error', (error) => stream.destroy(error));
  const parser = parse({ bom: true, delimiter: csvDelimiter(file), to: 1, max_record_size: MAX_HEADER_CHARS, relax_column_count: true });
  stream.on('error', (error) => parser.destroy(error));
  try {
    for await (const record of stream.pipe(parser)) return (record as string[]).map((name) => name.trim());
    return [];
  } catch (error) {
    throw new InputError(`${flag}: '${file}' has no readable CSV header (${errorMessage(error).split('\n')[0]!.slice(0, 200)}); the first line must name the columns`);
  } finally {
    parser.destroy();
    stream.destroy();
    source.destroy();
  }
}

/** The name the reader gives the `index`-th (0-based) field of a header that names it twice or not at all. */
const unnamed = (index: number) => `_medallion_field_${index + 1}`;

/**
 * Checks a CSV header against the columns a source needs, and returns the names the engine reads
 * its fields under: each field its header name, except that a field without a name (a trailing
 * separator, as spreadsheets write) or with a name an earlier field has is read under a name of
 * its own and not kept. Names are compared as the engine does, without regard to case. A needed
 * column that is missing, or named twice (which value would count?), is an `InputError`.
 */
export function readerColumns(flag: string, file: string, header: readonly string[], required: readonly string[]): string[] {
  const first = new Map<string, number>();
  const columns = header.map((name, i) => {
    const key = name.toLowerCase();
    if (name === '' || first.has(key)) return unnamed(i);
    first.set(key, i);
    return name;
  });
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    const shown = header.map((name) => (/[,"\p{Cc}]/u.test(name) ? JSON.stringify(name) : name)).join(', ');
    throw new InputError(`${flag}: '${file}' lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (its header: ${shown ? shortened(shown, 200) : 'empty'})`);
  }
  for (const column of required) {
    const fields = header.flatMap((name, i) => (name.toLowerCase() === column.toLowerCase() ? [i + 1] : []));
    if (fields.length > 1) {
      throw new InputError(`${flag}: '${file}' names column ${column} twice in its header (fields ${fields.join(' and ')}); rename or remove one`);
    }
  }
  return columns;
}
