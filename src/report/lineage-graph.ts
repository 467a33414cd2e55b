import dagre, { type GraphLabel, type NodeLabel, type EdgeLabel, type Edge, type Point } from '@dagrejs/dagre';
import { LAYERS } from '../model/dataset.js';
import { shortName } from '../model/dataset.js';
import { datasetAnchor, pipelineAnchor } from './anchors.js';
import { countOf, formatSeconds } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { PipelineReport } from './pipeline-report.js';

const NODE_WIDTH = 200;
const NODE_HEIGHT = 50;
const TOP = 30;
const PAD = 8;
const SOURCE = '__sources';

interface Placed {
  readonly x: number;
  readonly y: number;
}

/**
 * Where each dataset and edge goes: a layered layout (dagre's longest-path ranking and crossing
 * reduction), left to right, so a dataset always stands right of its inputs, silver reading
 * silver included, and every edge enters a node from the left.
 */
function layout(report: PipelineReport): { nodes: Map<string, Placed>; edges: Array<{ from: string; to: string; points: Placed[] }>; width: number; height: number } {
  const graph = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>();
  graph.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 44, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const d of report.datasets) graph.setNode(d.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  // A hidden source feeding every bronze dataset, with heavy edges: all of bronze stands in the
  // first column, where a reader looks for what came in, not beside the dataset reading it.
  graph.setNode(SOURCE, { width: 0, height: 0 });
  const known = new Set(report.datasets.map((d) => d.name));
  for (const d of report.datasets) {
    if (d.layer === 'bronze') graph.setEdge(SOURCE, d.name, { weight: 1000 });
    for (const input of d.inputs) if (known.has(input)) graph.setEdge(input, d.name);
  }
  dagre.layout(graph);
  const shown: string[] = graph.nodes().filter((name: string) => name !== SOURCE);
  const left = Math.min(...shown.map((name) => graph.node(name).x - NODE_WIDTH / 2));
  const bottom = Math.max(...shown.map((name) => graph.node(name).y + NODE_HEIGHT / 2));
  const right = Math.max(...shown.map((name) => graph.node(name).x + NODE_WIDTH / 2));
  // dagre gives centres; the boxes are drawn from their top-left corner, below the lane titles.
  const at = (p: Point): Placed => ({ x: PAD + p.x - left, y: TOP + p.y });
  const nodes = new Map<string, Placed>(shown.map((name) => {
    const n = at(graph.node(name));
    return [name, { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 }];
  }));
  const edges = graph
    .edges()
    .filter((e: Edge) => e.v !== SOURCE)
    .map((e: Edge) => ({ from: e.v, to: e.w, points: (graph.edge(e).points ?? []).map(at) }));
  return { nodes, edges, width: Math.ceil(PAD * 2 + right - left), height: Math.ceil(TOP + bottom + PAD) };
}

/** A smooth path through dagre's points, from the input's right side to the dataset's left side. */
function edgePath(from: Placed, to: Placed, points: readonly Placed[]): string {
  const start = { x: from.x + NODE_WIDTH, y: from.y + NODE_HEIGHT / 2 };
  const end = { x: to.x - 4, y: to.y + NODE_HEIGHT / 2 };
  const inner = points.slice(1, -1);
  const all = [start, ...inner, end];
  let d = `M${start.x} ${start.y}`;
  for (let i = 1; i < all.length; i++) {
    const a = all[i - 1]!;
    const b = all[i]!;
    const bend = (b.x - a.x) / 2;
    d += ` C${a.x + bend} ${a.y} ${b.x - bend} ${b.y} ${b.x} ${b.y}`;
  }
  return d;
}

/**
 * The pipeline as a layered graph, one node per dataset and an edge per ref, laid out by
 * dependency: each dataset stands right of what it reads, layers tinted, a title over each layer's
 * first column. Nodes are links to their dataset's section.
 */
export function lineageGraph(report: PipelineReport): SafeHtml {
  const arrowId = `${pipelineAnchor(report.pipeline)}-arrow`;
  const placed = layout(report);
  const { width, height } = placed;
  const position = (name: string): Placed => placed.nodes.get(name)!;
  const edges = placed.edges.map(
    ({ from, to, points }) => html`<path class="edge" data-from="${from}" data-to="${to}" d="${edgePath(position(from), position(to), points)}" marker-end="url(#${arrowId})"/>`,
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
  const headers = LAYERS.flatMap((layer) => {
    const xs = report.datasets.filter((d) => d.layer === layer).map((d) => position(d.name).x);
    return xs.length ? [html`<text class="lane-title" x="${Math.min(...xs) + 4}" y="16">${layer.toUpperCase()}</text>`] : [];
  });
  return html`<svg class="lineage" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:${width}px" role="img" aria-label="lineage of the ${report.pipeline} pipeline">
<defs><marker id="${arrowId}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L8 4 L0 8 z" class="arrow-head"/></marker></defs>
${headers}${edges}${nodes}
</svg>`;
}
