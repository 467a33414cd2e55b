import type { Column } from './values.js';
import type { Layer } from './dataset.js';
import type { QualityReport } from './quality-report.js';
import type { ExpectationResult } from './expectation.js';
import type { DatasetLineage } from './lineage.js';

export interface DatasetResult {
  readonly name: string;
  readonly layer: Layer;
  readonly path: string;
  readonly status: 'built' | 'failed';
  /** The version this run published (its run id); absent when it published nothing for this dataset. */
  readonly version?: string;
  /** Rows produced by the dataset's SQL, before its keep rules and expectations. */
  readonly rowsIn: number;
  /** Rows written. rowsIn = rows + Σ filtered + Σ dropped + Σ quarantined. */
  readonly rows: number;
  /** Rows removed by each keep rule (business filters such as "completed only"). */
  readonly filtered: Readonly<Record<string, number>>;
  /** Rows removed by each `drop` expectation. */
  readonly dropped: Readonly<Record<string, number>>;
  /** Rows moved to `_quarantine/` by each `quarantine` expectation. */
  readonly quarantined: Readonly<Record<string, number>>;
  readonly bytes: number;
  readonly seconds: number;
  readonly columns: readonly Column[];
  /** Counts per value of the dataset's status column (e.g. valid / parse_error). */
  readonly breakdown?: Readonly<Record<string, number>>;
  readonly expectations: readonly ExpectationResult[];
  readonly quality?: QualityReport;
  readonly error?: string;
  /** The datasets its SQL and expectations read: the lineage. Absent in manifests written before it was recorded. */
  readonly inputs?: readonly string[];
  readonly description?: string;
  /** One-line doc of each column. */
  readonly docs?: Readonly<Record<string, string>>;
}

/** The record of one run: what ran, where, with which settings, and what each dataset became. */
export interface RunManifest {
  readonly runId: string;
  readonly pipeline: string;
  readonly engine: { readonly name: string; readonly version: string };
  readonly medallionVersion: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly select: readonly string[];
  readonly dataDir: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
  /** `interrupted`: stopped by a signal (Ctrl-C, `kill`); like a failed run, it published nothing. */
  readonly outcome: 'succeeded' | 'failed' | 'interrupted';
  readonly error?: { readonly message: string; readonly stack?: string };
  readonly datasets: readonly DatasetResult[];
  /** Datasets of the run's plan it did not publish: the one that failed and all it did not reach. */
  readonly unpublished?: readonly string[];
  /** Column-level lineage of the run's datasets, one hop each (absent in manifests written before it was recorded). */
  readonly columnLineage?: readonly DatasetLineage[];
}

/**
 * Sortable, unique run id: UTC time of the start to the millisecond, then a random suffix, e.g.
 * `20260114T120000123Z-1a2b3c`. Sorting run ids sorts runs by start time.
 */
export function newRunId(start: Date): string {
  const stamp = start.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z');
  return `${stamp}-${Math.random().toString(16).slice(2, 8)}`;
}
