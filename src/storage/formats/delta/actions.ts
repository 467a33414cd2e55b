/**
 * The actions of the Delta transaction log that medallion reads and writes, as they appear in a
 * commit file: one JSON object per line with exactly one of these keys. Fields other writers add
 * (tags, deletion vectors, row tracking) are kept when read and never required.
 */
export interface ProtocolAction {
  readonly minReaderVersion: number;
  readonly minWriterVersion: number;
  readonly readerFeatures?: readonly string[];
  readonly writerFeatures?: readonly string[];
}

export interface MetadataAction {
  readonly id: string;
  readonly name?: string | null;
  readonly description?: string | null;
  readonly format: { readonly provider: string; readonly options: Readonly<Record<string, string>> };
  /** The table schema as Spark's StructType JSON. */
  readonly schemaString: string;
  readonly partitionColumns: readonly string[];
  readonly createdTime?: number | null;
  readonly configuration: Readonly<Record<string, string>>;
}

export interface AddAction {
  /** Relative to the table directory, URI-encoded. */
  readonly path: string;
  readonly partitionValues: Readonly<Record<string, string | null>>;
  readonly size: number;
  readonly modificationTime: number;
  readonly dataChange: boolean;
  /** numRecords, minValues, maxValues and nullCount as a JSON string. */
  readonly stats?: string | null;
  readonly deletionVector?: unknown;
}

export interface RemoveAction {
  readonly path: string;
  readonly deletionTimestamp?: number | null;
  readonly dataChange: boolean;
  readonly extendedFileMetadata?: boolean | null;
  readonly partitionValues?: Readonly<Record<string, string | null>> | null;
  readonly size?: number | null;
}

export interface CommitInfoAction {
  readonly timestamp: number;
  readonly operation: string;
  readonly operationParameters: Readonly<Record<string, string>>;
  readonly engineInfo?: string;
  readonly isBlindAppend?: boolean;
  readonly operationMetrics?: Readonly<Record<string, string>>;
  /** Free-form provenance: medallion records the run id here. */
  readonly [extra: string]: unknown;
}

export interface TxnAction {
  readonly appId: string;
  readonly version: number;
  readonly lastUpdated?: number | null;
}

export type Action =
  | { readonly protocol: ProtocolAction }
  | { readonly metaData: MetadataAction }
  | { readonly add: AddAction }
  | { readonly remove: RemoveAction }
  | { readonly commitInfo: CommitInfoAction }
  | { readonly txn: TxnAction };

/** Reader version 1 and writer version 2: no table features that a reader might not know. */
export const MEDALLION_PROTOCOL: ProtocolAction = { minReaderVersion: 1, minWriterVersion: 2 };

/** The highest versions this reader understands; a table asking for more is refused, not misread. */
export const SUPPORTED_READER_VERSION = 1;
export const SUPPORTED_WRITER_VERSION = 2;

/** One action per line, newline-terminated, as the protocol's commit files are. */
export function serializeActions(actions: readonly Action[]): string {
  return actions.map((a) => JSON.stringify(a)).join('\n') + '\n';
}

/** The actions of one commit file; blank lines are ignored, unknown action kinds kept out. */
export function parseActions(text: string, source: string): Action[] {
  const actions: Action[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${source}: line ${index + 1} is not JSON`);
    }
    if (isAction(parsed)) actions.push(parsed);
  }
  return actions;
}

const KINDS = ['protocol', 'metaData', 'add', 'remove', 'commitInfo', 'txn'] as const;

function isAction(value: unknown): value is Action {
  if (typeof value !== 'object' || value === null) return false;
  return KINDS.some((kind) => {
    const inner = (value as Record<string, unknown>)[kind];
    return typeof inner === 'object' && inner !== null;
  });
}

/**
 * Data file paths in the log are URIs relative to the table directory; `a%20b.parquet` is the
 * file `a b.parquet`. Absolute URIs (other writers may use them) keep their scheme.
 */
export function decodeDataPath(path: string): string {
  return decodeURIComponent(path.replace(/^file:\/\//, ''));
}

export function encodeDataPath(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}
