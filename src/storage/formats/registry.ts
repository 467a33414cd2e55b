import { deltaFormat } from './delta/delta-format.js';
import type { StorageFormat, TableFormatName } from './format.js';
import { parquetVersionsFormat } from './parquet-versions/parquet-versions-format.js';
import { remoteFormat } from './remote/remote-format.js';

/** Every table format, one line each. */
export const STORAGE_FORMATS: readonly StorageFormat[] = [
  parquetVersionsFormat,
  deltaFormat,
  remoteFormat,
];

/** The format registered under `name`. */
export function storageFormat(name: TableFormatName): StorageFormat {
  const format = STORAGE_FORMATS.find((f) => f.name === name);
  if (!format) throw new Error(`no storage format '${name}' is registered`);
  return format;
}
