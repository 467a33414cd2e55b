import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { trusted, type SafeHtml } from './html.js';

/** The report's palette, shared by every chart so that the page reads as one piece. */
export const PALETTE = ['#3b6fd8', '#f08c2e', '#2fa37a', '#d6455d', '#8a5cd0', '#1fa2b8', '#c9a227', '#6d7a8c', '#e06fae', '#5a8f29'];

/**
 * Renders a chart to static SVG with ECharts' server-side renderer: the page needs no script and
 * no library to show it, and ECharts escapes the text it places (labels from the data included).
 */
export function renderChartSvg(option: EChartsOption, width: number, height: number): SafeHtml {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', color: '#334' },
      ...option,
    });
    return trusted(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
