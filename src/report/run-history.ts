import { relative } from 'node:path';
import { LAYERS } from '../model/dataset.js';
import { manifestPath } from '../storage/layout.js';
import { formatInstant, formatInt, formatSeconds } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { PipelineReport } from './pipeline-report.js';
import type { RollbackRecord } from '../storage/rollback-to-run.js';

/** Runs listed, newest first. */
const SHOWN_RUNS = 30;

/** Each run with its outcome, duration, rows per layer, and a link to its manifest relative to the page. */
export function runHistory(report: PipelineReport, pageDir: string): SafeHtml {
  const runs = [...report.runs].reverse().slice(0, SHOWN_RUNS);
  // Rollbacks among the runs they come between, newest first: what readers see changed then too.
  const events: Array<{ at: string; row: SafeHtml }> = [
    ...runs.map((run) => ({ at: run.startedAt, row: runRow(report, run, pageDir) })),
    ...report.rollbacks.filter((r) => !runs.length || r.at >= runs.at(-1)!.startedAt).map((r) => ({ at: r.at, row: rollbackRow(r) })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return html`<div class="table-wrap"><table class="runs">
<thead><tr><th>run</th><th>started</th><th>outcome</th><th class="num">duration</th>${LAYERS.map((l) => html`<th class="num">${l} rows</th>`)}<th>manifest</th></tr></thead>
<tbody>${events.map((e) => e.row)}</tbody></table></div>${report.runs.length > SHOWN_RUNS ? html`<p class="muted small">${report.runs.length - SHOWN_RUNS} older runs are in the catalog's medallion.runs.</p>` : ''}`;
}

/** A rollback as a row of the history: which run's versions it made current, and how many datasets moved. */
function rollbackRow(record: RollbackRecord): SafeHtml {
  const moved = record.changed.length;
  return html`<tr class="run-rollback"><td class="mono">${record.rollbackId}</td><td>${formatInstant(record.at)}</td>
<td><span class="chip status-rollback">rollback</span><div class="small muted">to run <span class="mono">${record.toRun}</span>: ${moved} dataset${moved === 1 ? '' : 's'} changed${record.untouched.length ? `, ${record.untouched.length} left as they were` : ''}</div></td>
<td class="num">–</td>${LAYERS.map(() => html`<td class="num">–</td>`)}<td class="small muted">_rollbacks/${record.rollbackId}.json</td></tr>`;
}

function runRow(report: PipelineReport, run: PipelineReport['runs'][number], pageDir: string): SafeHtml {
  {
    const rows = (layer: string) => run.datasets.filter((d) => d.layer === layer && d.status === 'built').reduce((s, d) => s + d.rows, 0);
    const href = relative(pageDir, manifestPath(report.dataDir, run.runId)).split('\\').join('/');
    return html`<tr class="run-${run.outcome}"><td class="mono">${run.runId}</td><td>${formatInstant(run.startedAt)}</td>
<td><span class="chip status-${run.outcome === 'succeeded' ? 'ok' : 'failed'}">${run.outcome}</span>${run.error ? html`<div class="small error">${run.error.message}</div>` : ''}${run.select.length ? html`<div class="small muted">--select ${run.select.join(' ')}</div>` : ''}</td>
<td class="num">${formatSeconds(run.seconds)}</td>${LAYERS.map((l) => html`<td class="num">${formatInt(rows(l))}</td>`)}
<td><a class="mono small" href="${encodeURI(href)}">${run.runId}.json</a></td></tr>`;
  }
}
