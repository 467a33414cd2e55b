/** The page's stylesheet, inlined: the report is one file that works offline. */
export const REPORT_CSS = `
:root{--bg:#f4f5f8;--card:#fff;--ink:#1d2330;--muted:#687185;--line:#e3e6ee;--accent:#3b6fd8;
--ok:#23965f;--warn:#d99100;--failed:#d23f4f;--never:#9aa3b2;--bronze:#b8763a;--silver:#8d99a8;--gold:#d0a21f}
*{box-sizing:border-box}
html{scroll-behavior:smooth}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.86em}
.small{font-size:12px}.muted{color:var(--muted)}
header.top{background:linear-gradient(120deg,#18233d,#2b3f6b 60%,#6b5a2a);color:#fff;padding:28px 24px 22px}
header.top h1{margin:0;font-size:26px;letter-spacing:.2px}
header.top h1 .medal{display:inline-block;width:14px;height:14px;border-radius:50%;margin-right:4px;vertical-align:1px}
header.top p{margin:6px 0 0;color:#c9d3ea;font-size:13px}
nav.pipelines{display:flex;gap:8px;flex-wrap:wrap;margin-top:14px}
nav.pipelines a{color:#fff;background:rgba(255,255,255,.13);padding:4px 12px;border-radius:999px;font-size:13px}
main{max-width:1180px;margin:0 auto;padding:8px 16px 48px}
section.pipeline{margin-top:26px}
section.pipeline>h2{font-size:22px;margin:0 0 12px;display:flex;align-items:baseline;gap:10px;flex-wrap:wrap}
section.pipeline>h2 .path{font-size:12px;color:var(--muted);font-weight:400;word-break:break-all}
h3{font-size:16px;margin:26px 0 10px}
h4{font-size:13px;text-transform:uppercase;letter-spacing:.6px;color:var(--muted);margin:18px 0 6px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;box-shadow:0 1px 2px rgba(20,30,60,.04)}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(158px,1fr));gap:10px}
.kpi{padding:12px 14px}.kpi .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.5px}
.kpi .value{font-size:22px;font-weight:650;margin-top:2px;white-space:nowrap}.kpi .sub{font-size:12px;color:var(--muted)}
.kpi.ok .value{color:var(--ok)}.kpi.failed .value{color:var(--failed)}.kpi.warn .value{color:var(--warn)}
.lineage-card{padding:10px 12px;overflow-x:auto}
svg.lineage{display:block;min-width:720px;width:100%;height:auto;margin:0 auto}
.lane-title{font-size:11px;font-weight:700;letter-spacing:1.4px;fill:var(--muted)}
.edge{fill:none;stroke:#b9c1cf;stroke-width:1.4;transition:stroke .15s}.edge.lit{stroke:var(--accent);stroke-width:2.2}
.arrow-head{fill:#b9c1cf}
.node{cursor:pointer;outline:none}.node-box{fill:#fff;stroke:#d3d9e4;stroke-width:1.2;transition:stroke .15s}
.node:hover .node-box,.node:focus .node-box,.node.selected .node-box{stroke:var(--accent);stroke-width:2}
.node-name{font-size:13px;font-weight:600;fill:var(--ink)}.node-facts{font-size:11px;fill:var(--muted)}
.layer-bronze .node-layer{fill:var(--bronze)}.layer-silver .node-layer{fill:var(--silver)}.layer-gold .node-layer{fill:var(--gold)}
.status-ok .node-dot{fill:var(--ok)}.status-warn .node-dot{fill:var(--warn)}.status-failed .node-dot{fill:var(--failed)}.status-never .node-dot{fill:var(--never)}
.status-failed .node-box{fill:#fdf1f2}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin:6px 4px 0}
.legend i{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px;vertical-align:0}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr));gap:12px}
figure.chart{margin:0;padding:12px 12px 6px}
figure.chart figcaption{font-weight:600;font-size:14px}figure.chart figcaption span{display:block;font-weight:400;font-size:12px;color:var(--muted)}
figure.chart figcaption a{font-size:11px;font-weight:400}
figure svg{display:block;width:100%;height:auto}
.chart-narrow{display:none}
@media (max-width:520px){.chart-wide{display:none}.chart-narrow{display:block}}
.chart-problem{color:var(--muted);font-size:13px;padding:24px 0}
.ds-tools{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:0 0 6px}
.ds-search{flex:1 1 220px;min-width:0;font:inherit;font-size:14px;padding:6px 10px;border:1px solid var(--line);border-radius:8px;background:var(--card)}
.ds-tools button{font:inherit;font-size:13px;padding:6px 12px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--accent);cursor:pointer}
.ds-tools button:hover{border-color:var(--accent)}
details.dataset{background:var(--card);border:1px solid var(--line);border-radius:12px;margin:8px 0;transition:box-shadow .3s}
details.dataset.flash{box-shadow:0 0 0 3px rgba(59,111,216,.45)}
details.dataset>summary{cursor:pointer;list-style:none;display:flex;align-items:center;gap:10px;flex-wrap:wrap;padding:11px 14px}
details.dataset>summary::-webkit-details-marker{display:none}
details.dataset>summary::before{content:"";width:7px;height:7px;border-right:2px solid var(--muted);border-bottom:2px solid var(--muted);transform:rotate(-45deg);transition:transform .15s;margin-right:2px}
details.dataset[open]>summary::before{transform:rotate(45deg)}
.layer-badge{font-size:10px;font-weight:700;letter-spacing:1px;text-transform:uppercase;color:#fff;border-radius:5px;padding:2px 7px}
.layer-bronze .layer-badge{background:var(--bronze)}.layer-silver .layer-badge{background:var(--silver)}.layer-gold .layer-badge{background:var(--gold)}
.ds-name{font-weight:650}.ds-facts{margin-left:auto;color:var(--muted);font-size:13px}
.chip{display:inline-block;font-size:11px;font-weight:600;border-radius:999px;padding:1px 9px;white-space:nowrap}
.chip.status-ok{background:#e3f4eb;color:var(--ok)}.chip.status-warn{background:#fdf2d9;color:#a76d00}
.chip.status-failed{background:#fbe3e6;color:var(--failed)}.chip.status-never{background:#eceef2;color:var(--muted)}.chip.status-rollback{background:#e6ecfb;color:#3a55a5}
.ds-body{padding:0 16px 16px;border-top:1px solid var(--line)}
.description{margin:12px 0 4px;font-size:15px}
.error{color:var(--failed)}
.ds-top{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}
dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:6px 14px;margin:10px 0;flex:1 1 360px}
dl.facts .wide{grid-column:1/-1}dl.facts dt{font-size:11px;text-transform:uppercase;letter-spacing:.5px;color:var(--muted)}dl.facts dd{margin:0;font-weight:550;word-break:break-word}dl.facts dd a{font-weight:500}
figure.trend{margin:8px 0;flex:0 1 340px;min-width:0}figure.trend figcaption{font-size:11px;color:var(--muted)}
div.trend{flex:0 1 340px;font-size:12px;padding:12px 0}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;font-size:11px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:6px 8px;white-space:nowrap}
td{border-bottom:1px solid #f0f2f6;padding:6px 8px;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.type{color:#7a5bb8}.nulls{color:var(--warn);font-weight:600}
.top-value{display:inline-block;background:#f1f3f8;border-radius:5px;padding:0 6px;margin:1px 3px 1px 0;white-space:nowrap}
ul.removed,ul.examples{margin:4px 0;padding-left:18px}ul.examples li{word-break:break-word}
.runs-card{padding:4px 8px}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:30px}
.narrow-only{display:none}
@media (min-width:1100px){.kpis{grid-template-columns:repeat(7,1fr)}}
@media (max-width:640px){
  body{font-size:14px}header.top{padding:20px 16px 16px}header.top h1{font-size:21px}
  main{padding:4px 10px 32px}.kpi .value{font-size:20px}.ds-facts{margin-left:0;width:100%}
  .kpis{grid-template-columns:repeat(2,1fr)}.narrow-only{display:inline}
}
`;
