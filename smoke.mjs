import { runPipeline, DataPipelineConfig, MapReducePipelineConfig, Logger } from './dist/src/index.js';
import { Writable } from 'node:stream';
const sink = new Writable({ write(c, e, cb) { cb(); } });
for (let i = 0; i < 3; i++) {
const t0 = performance.now();
const m1 = await runPipeline(new DataPipelineConfig({ dataDir: '/tmp/smoke/data', asOf: '2026-11-25' }), {logger: new Logger({stream: sink})});
const t1 = performance.now();
const m2 = await runPipeline(new MapReducePipelineConfig({ dataDir: '/tmp/smoke/mapreduce', asOf: '2026-11-25' }), {logger: new Logger({stream: sink})});
console.log((t1-t0).toFixed(0), (performance.now()-t1).toFixed(0), 'ms', m1.outcome, m2.outcome, m2.error?.message);
if (i==2) for (const d of [...m1.datasets, ...m2.datasets]) console.log(d.name, d.seconds.toFixed(3), d.rows);
}
