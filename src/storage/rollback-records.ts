import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { joinPath } from './layout.js';
import type { RollbackRecord } from './rollback-to-run.js';
import { rollbacksDir } from './version-layout.js';

/** Every rollback recorded in a data dir, oldest first; a record that cannot be parsed is skipped, not fatal. */
export function readRollbackRecords(dataDir: string): RollbackRecord[] {
  const dir = rollbacksDir(dataDir);
  if (!existsSync(dir)) return [];
  const records: RollbackRecord[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    try {
      const record = JSON.parse(readFileSync(joinPath(dir, file), 'utf8')) as RollbackRecord;
      if (typeof record.rollbackId === 'string' && typeof record.at === 'string' && typeof record.toRun === 'string') records.push(record);
    } catch {
      // A half-written record must not hide the others from the report.
    }
  }
  return records.sort((a, b) => a.at.localeCompare(b.at));
}
