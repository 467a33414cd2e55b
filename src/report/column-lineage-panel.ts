import type { DatasetLineage } from '../model/lineage.js';
import { columnKey } from '../model/lineage.js';
import { html, trusted, type SafeHtml } from './html.js';

/**
 * A column picker under the lineage graph: choosing a column lights the datasets and edges its
 * values flow through, from bronze to the gold that reads it, and lists each hop. The lineage
 * travels as JSON in an attribute (escaped like every value of the page); the script reads it.
 */
export function columnLineagePanel(lineage: readonly DatasetLineage[]): SafeHtml {
  if (!lineage.length) return html``;
  const hops = Object.fromEntries(
    lineage.flatMap((d) =>
      d.columns.map((c) => [
        `${d.dataset}.${c.column}`,
        { t: c.transform, s: c.sources.map(columnKey), r: c.rowsOf ?? [], p: (c.previous ?? []).map(columnKey), u: c.unresolved ?? [] },
      ]),
    ),
  );
  return html`<div class="column-lineage" data-columns="${JSON.stringify(hops)}">
<style>${trusted(COLUMN_LINEAGE_CSS)}</style>
<label>Column lineage <select class="column-pick" aria-label="column whose lineage to show"><option value="">choose a column…</option>${lineage.map(
    (d) => html`<optgroup label="${d.dataset}">${d.columns.map((c) => html`<option value="${d.dataset}.${c.column}">${d.dataset}.${c.column}</option>`)}</optgroup>`,
  )}</select></label>
<ul class="column-path"></ul>
</div>`;
}

const COLUMN_LINEAGE_CSS = `.column-lineage{margin-top:10px;font-size:13px}.column-lineage select{margin-left:6px;max-width:100%}
.column-path{list-style:none;padding:0;margin:8px 0 0}.column-path li{padding:2px 0;font-family:ui-monospace,monospace}.column-path li.chosen{font-weight:700}
.lineage-card.column-chosen .node .node-box{opacity:.45}.lineage-card.column-chosen .node.on-path .node-box{opacity:1;stroke:var(--accent);stroke-width:2.6}`;

/** The picker's behaviour; it only reads the page's own attributes and makes no request. */
export const COLUMN_LINEAGE_SCRIPT = `
(function () {
  document.querySelectorAll('.column-lineage').forEach(function (panel) {
    var hops = JSON.parse(panel.getAttribute('data-columns'));
    var card = panel.closest('.lineage-card');
    var readers = {};
    Object.keys(hops).forEach(function (c) { hops[c].s.forEach(function (s) { (readers[s] = readers[s] || []).push(c); }); });
    function datasetOf(c) { return c.slice(0, c.lastIndexOf('.')); }
    function reach(start, next) {
      var seen = {}; var todo = [start];
      while (todo.length) { var c = todo.pop(); if (seen[c]) continue; seen[c] = true; (next(c) || []).forEach(function (n) { todo.push(n); }); }
      return seen;
    }
    panel.querySelector('.column-pick').addEventListener('change', function (event) {
      var chosen = event.target.value;
      var list = panel.querySelector('.column-path');
      list.textContent = '';
      card.classList.toggle('column-chosen', !!chosen);
      var up = chosen ? reach(chosen, function (c) { return hops[c] && hops[c].s; }) : {};
      var down = chosen ? reach(chosen, function (c) { return readers[c]; }) : {};
      var path = Object.keys(up).concat(Object.keys(down).filter(function (c) { return !up[c]; }));
      var datasets = {};
      path.forEach(function (c) { datasets[datasetOf(c)] = true; });
      card.querySelectorAll('.node').forEach(function (n) { n.classList.toggle('on-path', !!datasets[n.getAttribute('data-dataset')]); });
      card.querySelectorAll('.edge').forEach(function (e) {
        var from = e.getAttribute('data-from'); var to = e.getAttribute('data-to');
        var flows = path.some(function (c) { return datasetOf(c) === to && hops[c] && hops[c].s.some(function (s) { return datasetOf(s) === from && (up[s] || down[s]); }); });
        e.classList.toggle('lit', flows);
      });
      var order = ['bronze', 'silver', 'gold'];
      path.sort(function (a, b) { return order.indexOf(a.split('.')[0]) - order.indexOf(b.split('.')[0]) || (a < b ? -1 : 1); });
      path.forEach(function (c) {
        var h = hops[c]; var li = document.createElement('li');
        var words = c + (h ? ' : ' + h.t : '');
        if (h && h.s.length) words += ' \\u2190 ' + h.s.join(', ');
        if (h && h.r.length) words += ' (counts the rows of ' + h.r.join(', ') + ')';
        if (h && h.p.length) words += ' (and its previous version)';
        if (h && h.u.length) words += ' ? not followed: ' + h.u.join('; ');
        li.textContent = words;
        if (c === chosen) li.className = 'chosen';
        list.appendChild(li);
      });
    });
  });
})();
`;
