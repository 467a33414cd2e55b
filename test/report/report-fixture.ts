import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig, MapReducePipelineConfig } from '../../src/index.js';
import { memoryLogger, tempDir } from '../helpers.js';

/** Search queries that would run as script if the report placed data in the page unescaped. */
export const HOSTILE_QUERIES = ['<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=2">'];

/**
 * A small `both` layout (`<dir>/data`, `<dir>/mapreduce`) from real input: event lines whose
 * search queries are hostile markup, one line that does not parse, and two runs of each pipeline
 * so that every dataset has a trend.
 */
export async function reportFixture(): Promise<{ dir: string; dataDirs: string[] }> {
  const dir = tempDir('medallion-report-');
  const input = join(dir, 'events.jsonl');
  const events = ['view', 'view', 'add_to_cart', 'purchase', 'search'];
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const event = events[i % events.length]!;
    const base = {
      timestamp: `2026-03-${String(1 + (i % 9)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:00`,
      user_id: 1 + (i % 37),
      event,
      device: ['mobile', 'desktop', 'tablet'][i % 3],
      location: ['US', 'UK', 'DE', 'FR'][i % 4],
    };
    const extra =
      event === 'view' ? { page: ['home', 'product', 'cart'][i % 3], duration_seconds: 10 + (i % 50) }
      : event === 'purchase' ? { product_id: `PROD_${String(1 + (i % 12)).padStart(4, '0')}`, amount: 5 + (i % 40) * 2.5, quantity: 1 + (i % 3) }
      : event === 'search' ? { query: HOSTILE_QUERIES[i % 2]! + (i % 3 === 0 ? ' red bike' : '') }
      : { product_id: `PROD_${String(1 + (i % 12)).padStart(4, '0')}` };
    lines.push(JSON.stringify({ ...base, ...extra }));
  }
  lines.push('{"timestamp": "2026-03-02T10:00:00", "user_id": <b>7</b>');
  writeFileSync(input, lines.join('\n') + '\n');

  const dataDirs = [join(dir, 'data'), join(dir, 'mapreduce')];
  mkdirSync(dataDirs[0]!);
  const logger = memoryLogger().logger;
  for (const customers of [200, 260]) {
    await runPipeline(new DataPipelineConfig({ dataDir: dataDirs[0]!, customers, transactions: 900, products: 40, seed: 3 }), { logger });
    await runPipeline(new MapReducePipelineConfig({ dataDir: dataDirs[1]!, input, asOf: '2026-03-10' }), { logger });
  }
  return { dir, dataDirs };
}
