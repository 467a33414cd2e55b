import type { CommitInfoAction } from './actions.js';
import { commitInfoOf, listLog } from './replay.js';

/** One commit as `DESCRIBE HISTORY` lists it. */
export interface DeltaCommit {
  readonly version: number;
  readonly timestamp: Date;
  readonly operation: string;
  readonly operationParameters: Readonly<Record<string, string>>;
  readonly engineInfo: string | undefined;
  /** The medallion run (or rollback) that made it, when medallion did. */
  readonly runId: string | undefined;
  readonly info: CommitInfoAction | undefined;
}

/** Every commit still in the log, newest first. */
export function readHistory(tableDir: string): DeltaCommit[] {
  return listLog(tableDir)
    .commits.map((version) => {
      const { info, timestamp } = commitInfoOf(tableDir, version);
      return {
        version,
        timestamp: new Date(timestamp),
        operation: info?.operation ?? 'UNKNOWN',
        operationParameters: info?.operationParameters ?? {},
        engineInfo: info?.engineInfo,
        runId: typeof info?.['medallionRunId'] === 'string' ? info['medallionRunId'] : undefined,
        info,
      };
    })
    .reverse();
}
