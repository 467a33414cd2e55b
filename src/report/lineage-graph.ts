import { LAYERS } from '../model/dataset.js';
import { shortName } from '../model/dataset.js';
import { datasetAnchor, pipelineAnchor } from './anchors.js';
import { countOf, formatSeconds } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { PipelineReport } from './pipeline-report.js';

const NODE_WIDTH = 224;
const NODE_HEIGHT = 50;
const ROW_GAP = 14;
const COLUMN_GAP = 76;
const TOP = 30;
const PAD = 8;

/**
 * The pipeline as a layered graph: one column per layer, one node per dataset, an edge per ref.
 * Within a column, a node sits near the average place of its inputs, which keeps edges short and
 * mostly uncrossed for pipelines of this size. Nodes are links to their dataset's section.
 */
export function lineageGraph(report: PipelineReport): SafeHtml {
  const arrowId = `${pipelineAnchor(report.pipeline)}-arrow`;
  const rows = new Map<string, number>();
  const columns = LAYERS.map((layer) => report.datasets.filter((d) => d.layer === layer));
  columns.forEach((column) => {
    const placed = column
      .map((d, i) => {
        const known = d.inputs.map((input) => rows.get(input)).filter((r): r is number => r !== undefined);
        return { d, key: known.length ? known.reduce((a, b) => a + b, 0) / known.length : i };
      })
      .sort((a, b) => a.key - b.key);
    placed.forEach(({ d }, i) => rows.set(d.name, i));
  });
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const width = PAD * 2 + LAYERS.length * NODE_WIDTH + (LAYERS.length - 1) * COLUMN_GAP;
  const height = TOP + tallest * (NODE_HEIGHT + ROW_GAP) + PAD;
  const position = (name: string) => {
    const layerIndex = LAYERS.findIndex((l) => name.startsWith(`${l}.`));
    const column = columns[layerIndex] ?? [];
    // Shorter columns are centred against the tallest one.
    const offset = ((tallest - column.length) * (NODE_HEIGHT + ROW_GAP)) / 2;
    return { x: PAD + layerIndex * (NODE_WIDTH + COLUMN_GAP), y: TOP + offset + (rows.get(name) ?? 0) * (NODE_HEIGHT + ROW_GAP) };
  };

  const known = new Set(report.datasets.map((d) => d.name));
  const edges = report.datasets.flatMap((d) =>
    d.inputs.filter((input) => known.has(input)).map((input) => {
      const from = position(input);
      const to = position(d.name);
      if (from.x === to.x) {
        // Within a layer: a loop on the right-hand side, out of the way of the boxes between.
        const x = from.x + NODE_WIDTH;
        const y1 = from.y + NODE_HEIGHT / 2;
        const y2 = to.y + NODE_HEIGHT / 2;
        return html`<path class="edge" data-from="${input}" data-to="${d.name}" d="M${x} ${y1} C${x + 36} ${y1} ${x + 36} ${y2} ${x + 4} ${y2}" marker-end="url(#${arrowId})"/>`;
      }
      const x1 = from.x + NODE_WIDTH;
      const y1 = from.y + NODE_HEIGHT / 2;
      const x2 = to.x;
      const y2 = to.y + NODE_HEIGHT / 2;
      const bend = Math.max(30, (x2 - x1) / 2);
      return html`<path class="edge" data-from="${input}" data-to="${d.name}" d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2 - 4} ${y2}" marker-end="url(#${arrowId})"/>`;
    }),
  );
  const nodes = report.datasets.map((d) => {
    const { x, y } = position(d.name);
    const result = d.latest;
    const facts = result ? `${countOf(result.rows, 'row')} · ${formatSeconds(result.seconds)}` : d.status === 'failed' ? 'failed' : 'not built';
    return html`<g class="node status-${d.status} layer-${d.layer}" data-dataset="${d.name}" data-target="${datasetAnchor(report.pipeline, d.name)}" tabindex="0" role="button" aria-label="${d.name}: ${d.status}, ${facts}">
<title>${d.name}${d.description ? ` — ${d.description}` : ''}</title>
<rect class="node-box" x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="9"/>
<rect class="node-layer" x="${x}" y="${y}" width="6" height="${NODE_HEIGHT}" rx="3"/>
<circle class="node-dot" cx="${x + NODE_WIDTH - 14}" cy="${y + NODE_HEIGHT - 15}" r="5"/>
<text class="node-name" x="${x + 16}" y="${y + 21}">${shortName(d.name)}</text>
<text class="node-facts" x="${x + 16}" y="${y + 39}">${facts}</text>
</g>`;
  });
  const headers = LAYERS.map(
    (layer, i) => html`<text class="lane-title" x="${PAD + i * (NODE_WIDTH + COLUMN_GAP) + 4}" y="16">${layer.toUpperCase()}</text>`,
  );
  return html`<svg class="lineage" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="lineage of the ${report.pipeline} pipeline">
<defs><marker id="${arrowId}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L8 4 L0 8 z" class="arrow-head"/></marker></defs>
${headers}${edges}${nodes}
</svg>`;
}
