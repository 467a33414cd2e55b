import type { ChartsByDataset } from '../../model/chart.js';
import { stacked, donut } from '../../report/chart-kit.js';
import { axisTitle, cartesian, categoryAxis, legend, MIN_FONT, num, text } from '../../report/chart-spec.js';

/** The report's charts of this pipeline's gold datasets. */
export const DATA_CHARTS: ChartsByDataset = {
  'gold.category_analytics': [
    {
      title: 'Revenue by category',
      subtitle: 'completed transactions; bars revenue, line transactions',
      sql: (rel) => `SELECT product_category, total_revenue, transaction_count FROM ${rel('gold.category_analytics')} ORDER BY total_revenue DESC`,
      option: (rows) => ({
        ...cartesian(),
        xAxis: { ...(categoryAxis(rows.map((r) => text(r, 'product_category'))) as object), ...axisTitle('product_category') },
        yAxis: [
          { ...(cartesian().yAxis as object), ...axisTitle('total_revenue', 'sum of amount') },
          { type: 'value', splitLine: { show: false }, axisLabel: { color: '#667', fontSize: MIN_FONT + 1 }, ...axisTitle('transaction_count', 'transactions') },
        ],
        legend,
        series: [
          { type: 'bar', name: 'revenue', data: rows.map((r) => num(r, 'total_revenue')), barMaxWidth: 40, itemStyle: { borderRadius: [4, 4, 0, 0] } },
          { type: 'line', name: 'transactions', yAxisIndex: 1, data: rows.map((r) => num(r, 'transaction_count')), symbolSize: 6 },
        ],
      }),
    },
  ],
  'gold.customer_analytics': [
    {
      title: 'Customer segments by city',
      subtitle: 'customers per spend segment',
      sql: (rel) => `SELECT city, customer_segment, sum(customer_count) AS customer_count FROM ${rel('gold.customer_analytics')} GROUP BY ALL ORDER BY city, customer_segment`,
      option: (rows) => stacked(rows, 'city', 'customer_segment', 'customer_count', { unit: 'customers' }),
    },
  ],
  'gold.payment_analytics': [
    {
      title: 'Payment mix',
      subtitle: 'share of completed transactions',
      sql: (rel) => `SELECT payment_method, usage_count FROM ${rel('gold.payment_analytics')} ORDER BY usage_count DESC`,
      option: (rows) => donut(rows, 'payment_method', 'usage_count'),
      height: 260,
    },
  ],
  'gold.device_analytics': [
    {
      title: 'Device and browser mix',
      subtitle: 'completed transactions',
      sql: (rel) => `SELECT device, browser, transaction_count FROM ${rel('gold.device_analytics')} ORDER BY device, browser`,
      option: (rows) => stacked(rows, 'device', 'browser', 'transaction_count', { horizontal: true, unit: 'transactions' }),
      height: 260,
    },
  ],
  'gold.product_analytics': [
    {
      title: 'Stock by category',
      subtitle: 'units in stock per supplier',
      sql: (rel) => `SELECT category, supplier, total_stock FROM ${rel('gold.product_analytics')} ORDER BY category, supplier`,
      option: (rows) => stacked(rows, 'category', 'supplier', 'total_stock', { unit: 'units' }),
    },
  ],
};
