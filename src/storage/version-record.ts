import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION_RECORD } from './version-layout.js';
import type { PartitionRecord } from './formats/parquet-versions/kept-partitions.js';

/** A column as the engine names it. */
export interface SchemaColumn {
  readonly name: string;
  readonly type: string;
}

/** One data file of a version, relative to the version directory. */
export interface VersionFile {
  readonly path: string;
  readonly bytes: number;
  /** The sha256 of its content, kept for versions partitioned by day so that the next version can reuse it for the days it keeps. */
  readonly sha256?: string;
}

/**
 * What a version is: written into the version directory before it is published, never changed
 * after. `checksum` covers the names, sizes and contents of the files a reader reads, so a reader
 * (or a test) can prove it sees exactly this version.
 */
export interface VersionRecord {
  readonly dataset: string;
  /** The id of the run that built it; also the name of its directory. */
  readonly versionId: string;
  readonly createdAt: string;
  /** Unknown (null) only for a directory adopted from before versioning. */
  readonly rows: number | null;
  readonly bytes: number;
  readonly columns: readonly SchemaColumn[];
  readonly files: readonly VersionFile[];
  /** `sha256:` of one line per file: path, size and sha256 of its content. */
  readonly checksum: string;
  readonly legacy?: boolean;
  /** For a dataset partitioned by day: its column and rows per day. */
  readonly partitions?: PartitionRecord;
}

export function readVersionRecord(dir: string): VersionRecord | undefined {
  const path = join(dir, VERSION_RECORD);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as VersionRecord;
}

/** Files a reader reads: everything below `dir` except names starting with `_` or `.`, as Spark does. */
export function dataFiles(dir: string, prefix = ''): VersionFile[] {
  const files: VersionFile[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...dataFiles(dir, rel));
    else if (entry.isFile()) files.push({ path: rel, bytes: statSync(join(dir, rel)).size });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The checksum of a version's data files, as recorded in its `VersionRecord`. */
export async function checksumOf(dir: string, files: readonly VersionFile[] = dataFiles(dir)): Promise<string> {
  return (await digestsOf(dir, files)).checksum;
}

/**
 * The checksum of a version's data files and each file's sha256. A digest in `known` (by path)
 * is taken as it is: the file is a hard link to a file of a version whose record holds it.
 */
export async function digestsOf(dir: string, files: readonly VersionFile[], known: ReadonlyMap<string, VersionFile> = new Map()): Promise<{ checksum: string; files: VersionFile[] }> {
  const digests = await Promise.all(
    files.map((f) => {
      const before = known.get(f.path);
      return before?.sha256 && before.bytes === f.bytes ? before.sha256 : fileDigest(join(dir, f.path));
    }),
  );
  const list = createHash('sha256');
  files.forEach((f, i) => list.update(`${f.path}\t${f.bytes}\t${digests[i]}\n`));
  return { checksum: `sha256:${list.digest('hex')}`, files: files.map((f, i) => ({ ...f, sha256: digests[i]! })) };
}

function fileDigest(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
