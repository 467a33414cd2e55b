import { LAYERS } from '../model/dataset.js';
import { datasetAnchor, pipelineAnchor } from './anchors.js';
import { datasetSection } from './dataset-section.js';
import { countOf, formatBytes, formatCompact, formatInstant, formatSeconds } from './format.js';
import type { RenderedChart } from './gold-charts.js';
import { html, trusted, type SafeHtml } from './html.js';
import { lineageGraph } from './lineage-graph.js';
import { COLUMN_LINEAGE_SCRIPT, columnLineagePanel } from './column-lineage-panel.js';
import { latestColumnLineage } from './run-records.js';
import type { PipelineReport } from './pipeline-report.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_CSS } from './report-style.js';
import { runHistory } from './run-history.js';

export interface PipelinePage {
  readonly report: PipelineReport;
  readonly charts: readonly RenderedChart[];
}

/**
 * The whole report as one HTML document: styles and script inlined, charts as SVG, no external
 * resource of any kind (the Content-Security-Policy says so too), so it opens from disk, offline.
 */
export function reportPage(pages: readonly PipelinePage[], pageDir: string, generatedAt: Date, version: string): string {
  const title = `medallion report: ${pages.map((p) => p.report.pipeline).join(' + ')}`;
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
<header class="top">
  <h1><span class="medal" style="background:#b8763a"></span><span class="medal" style="background:#aeb8c4"></span><span class="medal" style="background:#e0b32a"></span> ${title}</h1>
  <p>Generated ${formatInstant(generatedAt.toISOString())} by medallion ${version} from the run manifests and the current datasets.</p>
  <nav class="pipelines">${pages.map((p) => html`<a href="#${pipelineAnchor(p.report.pipeline)}">${p.report.pipeline}</a>`)}</nav>
</header>
<main>
${pages.map((p) => pipelineSection(p, pageDir))}
<footer>medallion ${version} · one self-contained page · open <span class="mono">catalog.duckdb</span> beside the data for SQL tools</footer>
</main>
<script>${trusted(REPORT_SCRIPT + COLUMN_LINEAGE_SCRIPT)}</script>
</body>
</html>
`;
  return body.text;
}

function pipelineSection({ report, charts }: PipelinePage, pageDir: string): SafeHtml {
  const last = report.runs.at(-1)!;
  const built = report.datasets.filter((d) => d.latest);
  const expectations = report.datasets.flatMap((d) => (d.last ?? d.latest)?.expectations ?? []);
  const count = (status: string) => expectations.filter((e) => e.status === status).length;
  const quarantined = built.reduce((s, d) => s + Object.values(d.latest!.quarantined).reduce((a, b) => a + b, 0), 0);
  const rowsOf = (layer: string) => built.filter((d) => d.layer === layer).reduce((s, d) => s + d.latest!.rows, 0);
  const bytes = built.reduce((s, d) => s + d.latest!.bytes, 0);
  const outcome = last.outcome === 'succeeded' ? 'ok' : 'failed';
  // A rollback after the last run changed what readers see: the card says so rather than "succeeded".
  const rollback = report.rollbacks.at(-1);
  const rolledBack = rollback && rollback.at > last.startedAt ? rollback : undefined;
  return html`<section class="pipeline" id="${pipelineAnchor(report.pipeline)}" data-pipeline="${report.pipeline}">
<h2>${report.pipeline} <span class="path">${report.dataDir}</span></h2>
<div class="kpis">
  ${rolledBack
    ? html`<div class="card kpi warn"><div class="label">last change</div><div class="value">rolled back</div><div class="sub">to run <span class="mono">${rolledBack.toRun}</span> · ${formatInstant(rolledBack.at)}; last run ${last.outcome}</div></div>`
    : html`<div class="card kpi ${outcome}"><div class="label">last run</div><div class="value">${last.outcome}</div><div class="sub">${formatInstant(last.startedAt)}</div></div>`}
  <div class="card kpi"><div class="label">duration</div><div class="value">${formatSeconds(last.seconds)}</div><div class="sub">${last.engine.name} · ${report.runs.length} runs recorded</div></div>
  ${LAYERS.map((l) => html`<div class="card kpi"><div class="label">${l} rows</div><div class="value">${formatCompact(rowsOf(l))}</div><div class="sub">${countOf(built.filter((d) => d.layer === l).length, 'dataset')}</div></div>`)}
  <div class="card kpi ${count('fail') ? 'failed' : count('warn') ? 'warn' : 'ok'}"><div class="label">expectations</div><div class="value">${count('pass')} ✓</div><div class="sub">${count('warn')} warned · ${count('fail')} failed</div></div>
  <div class="card kpi ${quarantined ? 'warn' : ''}"><div class="label">quarantined</div><div class="value">${formatCompact(quarantined)}</div><div class="sub">${formatBytes(bytes)} on disk</div></div>
</div>
<h3>Lineage</h3>
<div class="card lineage-card" data-lineage="${report.pipeline}">${lineageGraph(report)}
<div class="legend"><span><i style="background:var(--ok)"></i>passed</span><span><i style="background:var(--warn)"></i>warnings</span><span><i style="background:var(--failed)"></i>failed</span><span><i style="background:var(--never)"></i>not built</span><span>click a dataset for its details</span><span class="narrow-only">swipe sideways for every layer</span></div>
${columnLineagePanel(latestColumnLineage(report.runs))}
</div>
${charts.length ? html`<h3>Gold at a glance</h3><div class="charts">${charts.map(
    (c) => html`<figure class="card chart" data-chart="${c.dataset}"><figcaption>${c.title}${c.subtitle ? html`<span>${c.subtitle} · <a href="#${datasetAnchor(report.pipeline, c.dataset)}" data-target="${datasetAnchor(report.pipeline, c.dataset)}">${c.dataset}</a></span>` : html`<span><a href="#${datasetAnchor(report.pipeline, c.dataset)}" data-target="${datasetAnchor(report.pipeline, c.dataset)}">${c.dataset}</a></span>`}</figcaption>
${c.svg ? html`<div class="chart-wide">${c.svg}</div><div class="chart-narrow">${c.narrowSvg ?? c.svg}</div>` : html`<div class="chart-problem">Chart unavailable: ${c.problem}</div>`}</figure>`,
  )}</div>` : ''}
<h3>Datasets</h3>
<div class="ds-tools"><input type="search" class="ds-search" placeholder="filter by name, e.g. gold or customer" aria-label="filter the ${report.pipeline} datasets by name">
<button type="button" class="ds-expand">expand all</button><button type="button" class="ds-collapse">collapse all</button><span class="ds-shown muted small" aria-live="polite"></span></div>
<div class="ds-list">${report.datasets.map((d) => datasetSection(report, d))}</div>
<h3>Run history</h3>
<div class="card runs-card">${runHistory(report, pageDir)}</div>
</section>`;
}
