import { homedir, userInfo } from 'node:os';
import { UserError } from './errors.js';

/** `~` and `~/…` as the shell would expand them. */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homeDirectory() + path.slice(1) : path;
}

/**
 * The user's home directory: $HOME, or the account's home from the password database when $HOME
 * is empty (as under some service managers), never '' (which would put `~/x` at `/x`).
 */
function homeDirectory(): string {
  const fromEnv = homedir();
  if (fromEnv) return fromEnv;
  let fromAccount = '';
  try {
    fromAccount = userInfo().homedir;
  } catch {
    // No password entry for this uid (a container's arbitrary user, say).
  }
  if (!fromAccount) throw new UserError('no home directory: $HOME is empty and the account has none; set HOME or pass --data-dir');
  return fromAccount;
}

/** True for a URL such as `hdfs://…` or `s3a://…`, which this process cannot write with file operations. */
export function isRemotePath(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path);
}
