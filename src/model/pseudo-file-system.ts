import { statfsSync } from 'node:fs';

/**
 * Kernel file systems that look like directories but hold no files of ours: writing there fails
 * in odd ways (a write to /proc can spin forever, /sys refuses with EACCES deep in a run), even
 * for root, whom the permission check lets through. Their magic numbers are statfs(2)'s.
 */
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
]);

/** The name of the kernel pseudo file system `path` is on (`proc`, `sysfs`, …), or undefined for a real one. */
export function pseudoFileSystemOf(path: string): string | undefined {
  try {
    return PSEUDO_FILE_SYSTEMS.get(Number(statfsSync(path).type));
  } catch {
    return undefined;
  }
}
