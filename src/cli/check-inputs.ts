import { inputFlag, type PipelineConfig } from '../model/config.js';
import { UserError } from '../model/errors.js';
import { readCsvHeader, readerColumns } from '../model/csv-header.js';
import { isGlob } from '../model/inputs.js';
import type { Pipeline } from '../model/pipeline.js';

/**
 * Checks the user's files against their sources' contracts before anything runs, so that a file
 * with a missing column is a one-line error (exit 2) and not a failed run.
 */
export async function assertInputColumns(pipeline: Pipeline, config: PipelineConfig): Promise<void> {
  for (const dataset of pipeline.datasets) {
    const source = dataset.source;
    const input = source ? config.inputs[source.input] : undefined;
    if (!source || !input || !source.requiredColumns.length) continue;
    const flag = inputFlag(source.input, pipeline.config.inputs![source.input]!);
    if (input.format === 'csv') {
      // Globs are expanded, gzip files read to their end, and every header checked again when the
      // run starts (checkInputFiles); this early look spares a group of runs a late refusal.
      for (const file of input.paths) if (!isGlob(file) && !/\.gz$/i.test(file)) readerColumns(flag, file, await readCsvHeader(flag, file), source.requiredColumns);
      continue;
    }
    if (input.format !== 'parquet') continue;
    const { DuckDBEngine } = await import('../engines/duckdb/duckdb-engine.js');
    const engine = await DuckDBEngine.create({ threads: 1 });
    try {
      for (const file of input.paths) {
        const columns = (await engine.describe(`SELECT * FROM read_parquet(${engine.dialect.quote(file)})`)).map((c) => c.name);
        const missing = source.requiredColumns.filter((c) => !columns.includes(c));
        if (missing.length) {
          throw new UserError(`${flag}: '${file}' lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it has: ${columns.join(', ')})`);
        }
      }
    } finally {
      await engine.close();
    }
  }
}
