"""The HTML report's style sheet and script, inlined into the page (it loads nothing)."""

CSS = """
:root { --ink:#1d232b; --muted:#5b6470; --line:#d9dee5; --paper:#ffffff; --band:#f4f6f9; --accent:#0b5cad; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color:var(--ink); background:var(--band); }
header, main, footer, nav { max-width:1180px; margin:0 auto; padding:0 24px; }
header { padding-top:28px; padding-bottom:8px; }
h1 { font-size:28px; margin:0 0 4px; letter-spacing:-0.01em; }
h2 { font-size:20px; margin:0 0 12px; padding-bottom:6px; border-bottom:2px solid var(--line); }
h3 { font-size:16px; margin:0 0 2px; }
.lead { font-size:17px; color:var(--muted); margin:0 0 8px; }
.note { background:#fff7e0; border:1px solid #f0d58a; padding:8px 12px; border-radius:6px; }
.hint { color:var(--muted); font-size:13px; margin:6px 0; }
section { background:var(--paper); border:1px solid var(--line); border-radius:8px; padding:18px 20px; margin:16px 0; }
nav { position:sticky; top:0; z-index:2; background:var(--paper); border:1px solid var(--line); border-radius:8px;
  padding:10px 16px; display:flex; flex-wrap:wrap; gap:8px 14px; align-items:center; box-shadow:0 2px 6px rgba(0,0,0,.06); }
nav[hidden] { display:none; }
nav label { white-space:nowrap; cursor:pointer; }
nav select, nav button { font:inherit; padding:2px 8px; }
nav button.only { font-size:11px; padding:0 5px; margin-left:4px; color:var(--muted); }
.rule-pick { white-space:nowrap; }
#visible-count { color:var(--muted); margin-left:auto; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:var(--band); font-weight:600; white-space:nowrap; }
tbody tr:nth-child(even) { background:#fafbfc; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.wide { width:40%; }
td.name { min-width:190px; max-width:320px; overflow-wrap:anywhere; }
th.rule-col { font-size:12px; font-weight:500; white-space:normal; min-width:64px; max-width:104px; }
.scroll { overflow-x:auto; }
.bar { display:block; height:12px; background:var(--band); border-radius:3px; overflow:hidden; }
.bar span { display:block; height:100%; }
.swatch { display:inline-block; width:11px; height:11px; border-radius:2px; margin-right:6px; vertical-align:-1px; }
.sev { font-size:12px; padding:1px 6px; border-radius:10px; border:1px solid var(--line); }
.sev-error { background:#fde2e1; border-color:#f3b1ad; }
.sev-warning { background:#fff1d6; border-color:#f0cf87; }
.sev-info { background:#e3f0fb; border-color:#a9cdee; }
.where { color:var(--muted); font-size:13px; overflow-wrap:anywhere; }
.rules { font-size:13px; }
a { color:var(--accent); }
svg.chart { width:100%; height:auto; display:block; }
svg .grid { stroke:var(--line); stroke-width:1; }
svg .axis { fill:var(--muted); font-size:12px; }
ul.legend { list-style:none; padding:0; margin:8px 0 0; display:flex; flex-wrap:wrap; gap:4px 18px; font-size:13px; }
article.article { border-top:1px solid var(--line); padding:14px 0 6px; }
article.article:first-of-type { border-top:none; }
.meta { font-size:13px; color:var(--muted); overflow-wrap:anywhere; }
ol.found { list-style:none; padding:0; margin:8px 0 0; }
li.finding { margin:0 0 12px; padding-left:12px; border-left:3px solid var(--line); }
li.finding .head { font-size:14px; }
code.rule { font-weight:600; }
.message { margin:2px 0; }
blockquote.context { margin:4px 0 0; padding:8px 12px; background:var(--band); border-radius:6px; font-size:14px;
  white-space:pre-wrap; overflow-wrap:anywhere; font-family:Georgia, "Noto Serif", serif; }
mark { background:color-mix(in srgb, var(--rule) 28%, white); border-bottom:2px solid var(--rule);
  padding:0 1px; border-radius:2px; }
footer { color:var(--muted); font-size:13px; padding-bottom:32px; }
@media print { nav { display:none; } section { break-inside:avoid-page; } }
"""

# Filters by rule and by source: hides the findings (and the articles left empty) that the
# choice leaves out. The controls start hidden, so a page read without scripts shows no dead
# buttons.
SCRIPT = """
(function () {
  var nav = document.getElementById('filters');
  if (!nav) return;
  nav.hidden = false;
  var boxes = Array.prototype.slice.call(nav.querySelectorAll('input[name=rule]'));
  var source = document.getElementById('source');
  var findings = Array.prototype.slice.call(document.querySelectorAll('li.finding'));
  var articles = Array.prototype.slice.call(document.querySelectorAll('article.article'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.worst-row'));
  var shownCount = document.getElementById('visible-count');
  function apply() {
    var rules = {};
    boxes.forEach(function (b) { if (b.checked) rules[b.value] = true; });
    var src = source.value, visible = 0;
    findings.forEach(function (f) {
      var on = rules[f.dataset.rule] === true && (!src || f.dataset.source === src);
      f.hidden = !on;
      if (on) visible += 1;
    });
    articles.forEach(function (a) { a.hidden = !a.querySelector('li.finding:not([hidden])'); });
    rows.forEach(function (r) { r.hidden = !!src && r.dataset.source !== src; });
    shownCount.textContent = visible + ' of ' + findings.length + ' listed findings shown';
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  source.addEventListener('change', apply);
  // "only" beside a rule shows that rule alone; "all rules" brings the others back.
  nav.querySelectorAll('button.only').forEach(function (button) {
    button.addEventListener('click', function () {
      boxes.forEach(function (b) { b.checked = b.value === button.dataset.rule; });
      apply();
    });
  });
  document.getElementById('all-rules').addEventListener('click', function () {
    boxes.forEach(function (b) { b.checked = true; });
    apply();
  });
  apply();
})();
"""
