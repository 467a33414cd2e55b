import { UserError } from '../model/errors.js';
import { TABLE_FORMATS, type TableFormat } from '../storage/open-dataset-store.js';

/** `--table-format`: absent means whatever the data dir already holds. */
export function parseTableFormat(raw: string | undefined): { tableFormat?: TableFormat } {
  if (raw === undefined) return {};
  const format = raw.trim().toLowerCase();
  if (!(TABLE_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`--table-format must be ${TABLE_FORMATS.join(' or ')}, got '${raw}'`);
  }
  return { tableFormat: format as TableFormat };
}
