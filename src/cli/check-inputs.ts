import type { PipelineConfig } from '../core/config.js';
import { UserError } from '../core/errors.js';
import { assertCsvColumns } from '../core/inputs.js';
import { REQUIRED_INPUT_COLUMNS } from '../pipelines/data/bronze.js';

/**
 * Checks the user's files against the bronze contract before anything runs, so that a file
 * with a missing column is a one-line error (exit 2) and not a failed run.
 */
export async function assertInputColumns(config: PipelineConfig): Promise<void> {
  if (config.pipeline !== 'data') return;
  for (const [name, source] of Object.entries(config.inputs)) {
    const required = REQUIRED_INPUT_COLUMNS[name as keyof typeof REQUIRED_INPUT_COLUMNS];
    const flag = `--input-${name}`;
    if (source.format === 'csv') {
      assertCsvColumns(flag, source, required);
      continue;
    }
    const { DuckDBEngine } = await import('../engines/duckdb/duckdb-engine.js');
    const engine = await DuckDBEngine.create({ threads: 1 });
    try {
      for (const file of source.paths) {
        const columns = (await engine.describe(`SELECT * FROM read_parquet(${engine.dialect.quote(file)})`)).map((c) => c.name);
        const missing = required.filter((c) => !columns.includes(c));
        if (missing.length) {
          throw new UserError(`${flag}: '${file}' lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it has: ${columns.join(', ')})`);
        }
      }
    } finally {
      await engine.close();
    }
  }
}
