/** The HTML page's only style sheet and script, inlined: the page loads nothing from anywhere. */

export const CSS = `
:root{--pass:#2e7d32;--fail:#c62828;--warn:#ef6c00;--error:#6a1b9a;--skip:#757575;--na:#9e9e9e;--review:#1565c0;--bg:#fafafa;--line:#ddd}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:var(--bg);color:#222}
header,section,footer{max-width:1200px;margin:0 auto;padding:12px 20px}
header{background:#fff;border-bottom:4px solid var(--na)}
header.v-conformant{border-color:var(--pass)}header.v-non-conformant{border-color:var(--fail)}header.v-incomplete{border-color:var(--error)}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:18px 0 8px;border-bottom:1px solid var(--line)}h4{margin:12px 0 4px}h5{margin:10px 0 4px;font-size:13px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}dl.meta dt{font-weight:600;color:#555}dl.meta dd{margin:0}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
pre{background:#f4f4f4;border:1px solid var(--line);padding:6px 8px;overflow:auto;max-height:420px;white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;margin:4px 0}
table{border-collapse:collapse;margin:4px 0;background:#fff}th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}th{background:#f0f0f0}
td pre{max-height:160px;margin:0;min-width:6ch}
.nowrap{white-space:nowrap}
.scroll{overflow-x:auto}
.small{font-size:11px}.muted{color:#777}.good{color:var(--pass);font-weight:600}.bad{color:var(--fail);font-weight:600}
ul.bad{margin:2px 0;padding-left:18px}
.badge{display:inline-block;min-width:44px;text-align:center;padding:1px 6px;border-radius:3px;color:#fff;font-weight:600;font-size:12px;background:var(--na);text-transform:uppercase;white-space:nowrap}
.verdict{text-transform:none}
.st-pass{background:var(--pass)}.st-fail{background:var(--fail)}.st-warn{background:var(--warn)}.st-error{background:var(--error)}.st-skip{background:var(--skip)}.st-not-applicable{background:var(--na)}.st-review{background:var(--review)}
.as-pass{color:var(--pass)}.as-fail{color:var(--fail);font-weight:600}.as-warn{color:var(--warn);font-weight:600}.as-review{color:var(--review);font-weight:600}
.chip{text-transform:uppercase;font-size:12px;white-space:nowrap}
.what{font-weight:600}.fact{color:#555;display:block;margin:2px 0}
.reqs ul{margin:4px 0;padding-left:18px}.reqs li{margin:2px 0;font-weight:400;color:#222}.reqids{color:#555;font-size:12px}.src{color:#555}
.conf{display:inline-block;font-size:11px;border-radius:3px;padding:0 4px;border:1px solid #999;color:#444;white-space:nowrap;font-weight:400}.conf-P{border-color:var(--pass);color:var(--pass)}.conf-S{border-color:var(--warn);color:#a64b00}.conf-q{border-color:var(--review);color:var(--review)}
.downgrade{font-size:12px;color:#a64b00;margin:2px 0}
table.assertions{width:100%}table.assertions td:nth-child(3),table.assertions td:nth-child(4){width:22%}
.verdict{font-size:16px;padding:2px 10px}.v-conformant .verdict{background:var(--pass)}.v-non-conformant .verdict{background:var(--fail)}.v-incomplete .verdict{background:var(--error)}
.counts{display:flex;flex-wrap:wrap;gap:8px}.count{background:#fff;border:1px solid var(--line);border-left:6px solid var(--na);padding:6px 12px;min-width:100px}
.count b{display:block;font-size:20px}.count.c-pass{border-left-color:var(--pass)}.count.c-fail{border-left-color:var(--fail)}.count.c-warn{border-left-color:var(--warn)}.count.c-error{border-left-color:var(--error)}.count.c-skip{border-left-color:var(--skip)}.count.c-review{border-left-color:var(--review)}
.filters{display:none;flex-wrap:wrap;gap:10px 16px;align-items:center;background:#fff;border:1px solid var(--line);padding:8px 10px;margin:8px 0;position:sticky;top:0;z-index:1}
.js .filters{display:flex}.filters label{white-space:nowrap}
details.scenario{background:#fff;border:1px solid var(--line);border-left:6px solid var(--na);margin:4px 0}
details.scenario.st-pass{border-left-color:var(--pass)}details.scenario.st-fail{border-left-color:var(--fail)}details.scenario.st-warn{border-left-color:var(--warn)}details.scenario.st-error{border-left-color:var(--error)}details.scenario.st-review{border-left-color:var(--review)}
details.scenario{background-color:#fff}
details.scenario>summary{cursor:pointer;padding:5px 8px;list-style-position:inside}
details.scenario>.body{padding:4px 14px 12px}
.sev{font-size:11px;border:1px solid #999;border-radius:3px;padding:0 4px;color:#444;white-space:nowrap}.sev-critical,.sev-high{border-color:var(--fail);color:var(--fail)}
.dur{color:#777;font-size:12px;float:right;margin-left:10px;white-space:nowrap}
h3{font-size:16px;margin:16px 0 6px}.group>h3,details.rest>summary>h3{display:inline-block;margin:12px 0 6px}details.rest>summary{cursor:pointer}.all-well{margin:10px 0}
.reason{font-style:italic}
.evidence{border-top:1px dashed var(--line);margin-top:8px}.evidence .kind{font-weight:400;color:#777}
.transcript .tc{color:#0d47a1}.transcript .ts{color:#1b5e20}.transcript .tn{color:#777;font-style:italic}
table.tlsmatrix td.tls{text-align:center;white-space:nowrap}
.tls{padding:1px 4px}.tls-ok{background:#e8f5e9}.tls-weak{background:#fff3e0}.tls-forbidden{background:#ffebee}.tls-na{background:#f5f5f5;color:#777}
.tls.acc{font-weight:700}.tls-forbidden.acc{background:#ef9a9a}.tls-weak.acc{background:#ffcc80}.tls-ok.acc{background:#a5d6a7}
code.fp{word-break:break-all;font-size:10px}
svg.timeline{max-width:100%;height:auto;background:#fff;border:1px solid var(--line)}
.swatch{display:inline-block;width:12px;height:12px;vertical-align:middle;border-radius:2px}.swatch.dashed{border-top:2px dashed #b71c1c;height:0;width:16px}
footer{color:#777;font-size:12px}
@media (max-width:900px){
header,section,footer{padding:10px 12px}
table.stack,table.stack>tbody,table.stack>tbody>tr,table.stack>tbody>tr>td{display:block;width:auto!important}
table.stack>thead{display:none}
table.stack>tbody>tr{border:1px solid var(--line);margin:6px 0;background:#fff}
table.stack>tbody>tr>td{border:0;border-top:1px solid #eee}
table.stack>tbody>tr>td:empty{display:none}
table.stack>tbody>tr>td::before{content:attr(data-label);display:block;font-size:11px;font-weight:600;color:#666}
.dur{float:none}
}
@media print{
@page{size:A4;margin:12mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff;font-size:11px}
header,section,footer{max-width:none;padding:4px 0}
.filters{display:none!important}
pre{max-height:none;overflow:visible;font-size:10px}
td pre{max-height:none}
table{width:100%}
tr,.evidence h5,details.scenario>summary{break-inside:avoid}
h2,h3,h4{break-after:avoid}
svg.timeline{width:100%}
}
`;

/** Filters by status, tag and text; expand/collapse all. Works on data-* attributes only. */
export const JS = `
(function(){
  document.documentElement.classList.add('js');
  var boxes=[].slice.call(document.querySelectorAll('input[data-filter-status]'));
  var tag=document.getElementById('f-tag'), text=document.getElementById('f-text'), shown=document.getElementById('f-shown');
  var items=[].slice.call(document.querySelectorAll('details.scenario'));
  function apply(){
    var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
    var t=tag.value, q=text.value.trim().toLowerCase(), n=0;
    items.forEach(function(el){
      var ok=on[el.getAttribute('data-status')]&&(!t||(' '+el.getAttribute('data-tags')+' ').indexOf(' '+t+' ')>=0)&&(!q||el.getAttribute('data-search').indexOf(q)>=0);
      el.hidden=!ok;if(ok)n++;
    });
    shown.textContent=String(n);
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  tag.addEventListener('change',apply);text.addEventListener('input',apply);
  document.getElementById('f-expand').addEventListener('click',function(){var rest=document.getElementById('g-rest');if(rest)rest.open=true;items.forEach(function(el){if(!el.hidden)el.open=true;});});
  document.getElementById('f-collapse').addEventListener('click',function(){items.forEach(function(el){el.open=false;});});
  apply();
})();
`;
