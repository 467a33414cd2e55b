import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DuckDBEngine } from '../engines/duckdb/duckdb-engine.js';
import { MEDALLION_VERSION } from '../version.js';
import { renderGoldCharts, type DeclaredCharts } from './gold-charts.js';
import { loadPipelineReport, type PipelineReport } from './pipeline-report.js';
import { reportPage, type PipelinePage } from './report-page.js';

export interface WrittenReport {
  readonly path: string;
  readonly bytes: number;
  readonly charts: number;
  readonly datasets: number;
}

/**
 * Writes the report of the pipelines whose data dirs are given to `<outDir>/index.html`. It reads
 * the run manifests and each dataset's current snapshot through its store; it never runs a pipeline. The page is
 * written beside its old self and renamed over it, so a browser never loads half a report.
 */
export async function writeReport(dataDirs: readonly string[], outDir: string, declared: DeclaredCharts = () => undefined): Promise<WrittenReport> {
  const reports: PipelineReport[] = [];
  for (const dir of dataDirs) reports.push(await loadPipelineReport(dir));
  const reader = await DuckDBEngine.create({ threads: 2 });
  const pages: PipelinePage[] = [];
  try {
    for (const report of reports) pages.push({ report, charts: await renderGoldCharts(report, reader, declared) });
  } finally {
    await reader.close();
  }
  const dir = resolve(outDir);
  const path = join(dir, 'index.html');
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, reportPage(pages, dir, new Date(), MEDALLION_VERSION));
  renameSync(temp, path);
  return {
    path,
    bytes: statSync(path).size,
    charts: pages.reduce((s, p) => s + p.charts.length, 0),
    datasets: pages.reduce((s, p) => s + p.report.datasets.length, 0),
  };
}
