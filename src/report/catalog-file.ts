import { readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from '../engines/duckdb/load-duckdb.js';
import { isProcessAlive } from '../storage/process-alive.js';

/**
 * Builds the DuckDB file `target` with `write` beside the old one and renames it over it: a reader
 * sees the old catalog or the new one, never half of one. `write` runs in one transaction:
 * committing each view and comment on its own would write the log each time.
 */
export async function replaceCatalogFile(target: string, write: (connection: DuckDBConnection) => Promise<void>): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  removeAbandoned(dir, basename(target));
  removeDatabase(temp);
  const instance = await duckdb().DuckDBInstance.create(temp);
  const connection = await instance.connect();
  try {
    await connection.run('BEGIN TRANSACTION');
    await write(connection);
    await connection.run('COMMIT');
    await connection.run('CHECKPOINT');
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    removeDatabase(temp);
    throw error;
  }
  connection.closeSync();
  instance.closeSync();
  renameSync(temp, target);
}

/** Temporary catalogs of processes that died while writing one (a run killed at its very end). */
function removeAbandoned(dir: string, file: string): void {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${escaped}\\.(\\d+)\\.tmp$`);
  for (const name of readdirSync(dir)) {
    const pid = pattern.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !isProcessAlive(Number(pid))) removeDatabase(join(dir, name));
  }
}

function removeDatabase(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
