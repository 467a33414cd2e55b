import { shortName } from '../model/dataset.js';
import type { Row } from '../engines/engine.js';
import type { ColumnProfile } from '../quality/profile.js';
import type { ExpectationResult } from '../quality/checks.js';
import { datasetAnchor } from './anchors.js';
import { renderChartSvg } from './chart-svg.js';
import { formatBytes, formatInstant, formatInt, formatSeconds } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { DatasetReport, PipelineReport } from './pipeline-report.js';

const STATUS_LABEL = { ok: 'passed', warn: 'warnings', failed: 'failed', never: 'not built' } as const;

/** One dataset's section: what it is, its schema with docs and profile, its checks and its trend. */
export function datasetSection(report: PipelineReport, d: DatasetReport): SafeHtml {
  const r = d.latest;
  const usedBy = report.datasets.filter((o) => o.inputs.includes(d.name)).map((o) => o.name);
  const link = (name: string) => html`<a class="ref" href="#${datasetAnchor(report.pipeline, name)}" data-target="${datasetAnchor(report.pipeline, name)}">${name}</a>`;
  const removed = r ? { ...r.filtered, ...r.dropped, ...r.quarantined } : {};
  return html`<details class="dataset layer-${d.layer}" id="${datasetAnchor(report.pipeline, d.name)}" data-dataset="${d.name}">
<summary>
  <span class="layer-badge">${d.layer}</span>
  <span class="ds-name">${shortName(d.name)}</span>
  <span class="chip status-${d.status}">${STATUS_LABEL[d.status]}</span>
  <span class="ds-facts">${r ? `${formatInt(r.rows)} rows · ${formatBytes(r.bytes)} · ${formatSeconds(r.seconds)}` : ''}</span>
</summary>
<div class="ds-body">
  ${d.description ? html`<p class="description">${d.description}</p>` : ''}
  ${d.last?.status === 'failed' ? html`<p class="error">Last run failed: ${d.last.error ?? 'unknown error'}</p>` : ''}
  <div class="ds-top">
    <dl class="facts">
      ${r ? html`<div><dt>rows in</dt><dd>${formatInt(r.rowsIn)}</dd></div>
      <div><dt>rows</dt><dd>${formatInt(r.rows)}</dd></div>
      <div><dt>bytes</dt><dd>${formatBytes(r.bytes)}</dd></div>
      <div><dt>time</dt><dd>${formatSeconds(r.seconds)}</dd></div>
      <div><dt>version</dt><dd class="mono">${r.version ?? '–'}</dd></div>
      ${d.latestRun ? html`<div><dt>built</dt><dd>${formatInstant(d.latestRun.startedAt)}</dd></div><div class="wide"><dt>figures from run</dt><dd class="mono">${d.latestRun.runId}</dd></div>` : ''}` : ''}
      <div class="wide"><dt>reads</dt><dd>${d.inputs.length ? d.inputs.map((i, k) => html`${k ? ', ' : ''}${link(i)}`) : '–'}</dd></div>
      <div class="wide"><dt>read by</dt><dd>${usedBy.length ? usedBy.map((i, k) => html`${k ? ', ' : ''}${link(i)}`) : '–'}</dd></div>
    </dl>
    ${trend(d)}
  </div>
  ${Object.keys(removed).length ? html`<h4>Rows set aside</h4><ul class="removed">${Object.entries(removed).map(
    ([rule, n]) => html`<li><span class="mono">${rule}</span> <b>${formatInt(n)}</b> ${r && rule in r.quarantined ? html`<span class="chip status-warn">quarantined</span>` : r && rule in r.filtered ? 'filtered' : 'dropped'}</li>`,
  )}</ul>` : ''}
  ${r?.quality ? schemaTable(r.quality.columns, d.docs) : r ? schemaTable(r.columns.map((c) => ({ ...c, nulls: 0, completeness: 100, distinct: 0 })), d.docs) : ''}
  ${r?.quality?.duplicates.length ? html`<p class="muted">Duplicate keys: ${r.quality.duplicates.map((k) => `${k.key} ${formatInt(k.duplicates)}`).join(', ')}</p>` : ''}
  ${(d.last ?? r)?.expectations.length ? expectationsTable((d.last ?? r)!.expectations) : ''}
</div>
</details>`;
}

function trend(d: DatasetReport): SafeHtml | string {
  const built = d.history.filter((h) => h.status === 'built');
  if (built.length < 2) return html`<div class="trend muted">Trend appears after a second run.</div>`;
  const svg = renderChartSvg(
    {
      grid: { left: 44, right: 40, top: 22, bottom: 18 },
      legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 6, textStyle: { fontSize: 12, color: '#556' } },
      xAxis: { type: 'category', data: built.map((h) => h.runId.slice(4, 13)), axisLabel: { show: false }, axisTick: { show: false } },
      yAxis: [
        { type: 'value', splitNumber: 2, axisLabel: { fontSize: 12, color: '#778' }, splitLine: { lineStyle: { color: '#eef0f4' } } },
        { type: 'value', splitNumber: 2, axisLabel: { fontSize: 12, color: '#778', formatter: '{value}s' }, splitLine: { show: false } },
      ],
      series: [
        { type: 'line', name: 'rows', data: built.map((h) => h.rows), showSymbol: false, areaStyle: { opacity: 0.12 } },
        { type: 'line', name: 'seconds', yAxisIndex: 1, data: built.map((h) => Number(h.seconds.toFixed(3))), showSymbol: false, lineStyle: { type: 'dashed' } },
      ],
    },
    340,
    110,
  );
  return html`<figure class="trend" data-chart="trend"><figcaption>last ${built.length} runs</figcaption>${svg}</figure>`;
}

function schemaTable(columns: readonly ColumnProfile[], docs: Readonly<Record<string, string>>): SafeHtml {
  const range = (c: ColumnProfile) => (c.min === undefined ? '' : `${c.min} … ${c.max}`);
  return html`<h4>Schema and profile</h4>
<div class="table-wrap"><table class="schema">
<thead><tr><th>column</th><th>type</th><th>doc</th><th class="num">nulls</th><th class="num">distinct</th><th>range</th><th>top values</th></tr></thead>
<tbody>${columns.map(
    (c) => html`<tr><td class="mono">${c.name}</td><td class="mono type">${c.type}</td><td>${docs[c.name] ?? ''}</td>
<td class="num">${c.nulls ? html`<span class="nulls">${formatInt(c.nulls)}</span>` : '0'}</td><td class="num">${c.distinctApprox ? html`<span title="estimated (a sketch, within a few percent)">≈${formatInt(c.distinct)}</span>` : formatInt(c.distinct)}</td>
<td class="mono small">${range(c)}</td><td class="small">${(c.top ?? []).map((t) => html`<span class="top-value">${truncate(t.value, 40)} <b>${formatInt(t.count)}</b></span>`)}</td></tr>`,
  )}</tbody></table></div>`;
}

function expectationsTable(results: readonly ExpectationResult[]): SafeHtml {
  return html`<h4>Expectations</h4>
<div class="table-wrap"><table class="expectations">
<thead><tr><th>status</th><th>expectation</th><th>action</th><th class="num">checked</th><th class="num">failed</th><th>observed and examples</th></tr></thead>
<tbody>${results.map(
    (e) => html`<tr><td><span class="chip status-${e.status === 'pass' ? 'ok' : e.status === 'warn' ? 'warn' : 'failed'}">${e.status}</span></td>
<td><span class="mono">${e.name}</span><div class="muted small">${e.description}</div></td><td>${e.action}</td>
<td class="num">${formatInt(e.checked)}</td><td class="num">${formatInt(e.failures)}</td>
<td class="small">${e.observed ? html`<div>observed ${e.observed}</div>` : ''}${e.examples.length ? examples(e.examples) : ''}</td></tr>`,
  )}</tbody></table></div>`;
}

function examples(rows: readonly Row[]): SafeHtml {
  return html`<ul class="examples">${rows.slice(0, 5).map(
    (row) => html`<li>${Object.entries(row).map(([k, v], i) => html`${i ? ', ' : ''}<span class="muted">${k}</span>=<code>${truncate(v === null ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v), 80)}</code>`)}</li>`,
  )}</ul>`;
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
