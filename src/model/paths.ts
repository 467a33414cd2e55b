import { homedir } from 'node:os';

/** `~` and `~/…` as the shell would expand them. */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/** True for a URL such as `hdfs://…` or `s3a://…`, which this process cannot write with file operations. */
export function isRemotePath(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path);
}
