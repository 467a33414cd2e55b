/** Delta Lake tables written and read by medallion itself, following the Delta Transaction Log Protocol. */
export { DeltaConflictError } from './exclusive-commit.js';
export { readHistory, type DeltaCommit } from './history.js';
export { isDeltaTable } from './replay.js';
export { moveIntoTable } from './data-files.js';
export { readSnapshot, versionAsOfTimestamp, type AsOf, type DeltaSnapshot } from './snapshot.js';
export { restoreVersion, type DeltaRestoreResult } from './restore.js';
export { vacuum, type VacuumResult } from './vacuum.js';
export { commitWrite, ENGINE_INFO, type DeltaCommitResult, type DeltaWrite } from './write-commit.js';
