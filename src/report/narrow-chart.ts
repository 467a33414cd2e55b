import type { EChartsOption } from 'echarts';

type Loose = Record<string, unknown>;
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : value ? [value as Loose] : []);

/** A legend entry's width at 12 px: its text, the swatch and the gap after it. */
const entryWidth = (name: string) => name.length * 7 + 30;

/**
 * A chart's option adjusted for a phone's width, whatever chart it is, so that a pipeline declares
 * each chart once: a category axis that shows every label slants them further, a donut moves its
 * legend above it (beside it, the slices' labels would run over the legend and off the edge), and
 * a legend that wraps onto more lines pushes the plot down by as many lines.
 */
export function forNarrow(option: EChartsOption, width: number): EChartsOption {
  const o = { ...option } as Loose;
  o['xAxis'] = mapAxes(o['xAxis'], (axis) => {
    const label = (axis['axisLabel'] ?? {}) as Loose;
    const data = axis['data'];
    if (axis['type'] !== 'category' || label['interval'] !== 0 || !Array.isArray(data) || data.length <= 4) return axis;
    return { ...axis, axisLabel: { ...label, rotate: Math.max(Number(label['rotate'] ?? 0), 45) } };
  });
  const series = list(o['series']);
  const pie = series.some((s) => s['type'] === 'pie');
  if (pie) {
    o['legend'] = { ...((o['legend'] ?? {}) as Loose), orient: 'horizontal', left: 'center', top: 0 };
    o['series'] = series.map((s) => (s['type'] === 'pie' ? { ...s, center: ['50%', '62%'], radius: ['28%', '50%'] } : s));
  }
  const legend = o['legend'] as Loose | undefined;
  if (legend && legend['orient'] !== 'vertical') {
    const names = pie
      ? series.flatMap((s) => list(s['data']).map((d) => String(d['name'] ?? '')))
      : series.map((s) => String(s['name'] ?? ''));
    const lines = Math.ceil(names.reduce((sum, n) => sum + entryWidth(n), 0) / (width - 16));
    if (lines > 1 && !pie) {
      // Copies: the grids may be the constant every chart shares.
      const grids = list(o['grid']).map((g) => ({ ...g, top: Number(g['top'] ?? 36) + (lines - 1) * 20 }));
      o['grid'] = Array.isArray(o['grid']) ? grids : grids[0];
    }
  }
  return o as EChartsOption;
}

function mapAxes(axes: unknown, change: (axis: Loose) => Loose): unknown {
  if (Array.isArray(axes)) return (axes as Loose[]).map(change);
  return axes ? change(axes as Loose) : axes;
}
