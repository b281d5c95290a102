/**
 * The report page's style sheet and script, inlined so the file opens with no network. The script reads the
 * embedded data (`#report-data`: tick times, each cell's runs of ticks with craft, the anomalous cells per tick)
 * and, for the tick the slider points to, sets each cell's `data-level` (absent, none, low, medium, high), shows
 * the alert states whose [from, to) holds that time, and keeps the time label, counts and timeline cursor in step.
 * Clicking an alert row (or an alert on the map) selects it and moves the slider into it if it is not active.
 */
export const PAGE_STYLE = `
:root{--bg:#0d141c;--panel:#131c27;--line:#253243;--text:#e6edf3;--muted:#8b9bb0;
--none:#2f9e6a;--low:#f2c94c;--medium:#f2994a;--high:#eb5757;--jam:#ff6b6b;--spoof:#c77dff}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:var(--bg);color:var(--text)}
header{padding:14px 20px 12px;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:10px 28px;align-items:flex-end}
h1{font-size:19px;margin:0;font-weight:600}.span{color:var(--muted);font-size:13px}
.summary{display:flex;flex-wrap:wrap;gap:8px;margin:0}
.summary div{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:3px 10px}
.summary dt{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.04em}.summary dd{margin:0;font-size:16px;font-weight:600}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(340px,2fr);height:calc(100vh - 76px);min-height:520px}
#stage{display:flex;flex-direction:column;min-height:0;border-right:1px solid var(--line)}
#mapbox{position:relative;flex:1;min-height:0}
#map{width:100%;height:100%;display:block;background:#0a1a2a}
.sea{fill:#0a1a2a}.land{fill:#243529;stroke:#6a8775;stroke-width:.8;vector-effect:non-scaling-stroke}
.grid path{stroke:#ffffff;stroke-opacity:.08;fill:none;vector-effect:non-scaling-stroke}.grid text{fill:var(--muted);font-size:13px;opacity:.8}
[data-cell]{stroke:#0a1a2a;stroke-width:.6;vector-effect:non-scaling-stroke;transition:fill .15s}
[data-level=absent]{fill:#ffffff;fill-opacity:.04;stroke:#ffffff;stroke-opacity:.12}
[data-level=none]{fill:var(--none);fill-opacity:.45}
[data-level=low]{fill:var(--low);fill-opacity:.85}[data-level=medium]{fill:var(--medium);fill-opacity:.9}[data-level=high]{fill:var(--high);fill-opacity:.95}
.alert-state{display:none;cursor:pointer}.alert-state[data-active]{display:inline}
.alert-area{fill:currentColor;fill-opacity:.08;stroke:currentColor;stroke-width:2;stroke-dasharray:6 4;vector-effect:non-scaling-stroke}
.jamming{color:var(--jam)}.spoofing{color:var(--spoof)}
.alert-label{fill:currentColor;font-size:13px;font-weight:600;text-anchor:middle;paint-order:stroke;stroke:#0a1a2a;stroke-width:3px}
.emitter-error{fill:#ffffff;fill-opacity:.1;stroke:#ffffff;stroke-width:1;stroke-dasharray:2 3;vector-effect:non-scaling-stroke}
.emitter{fill:#ffffff;stroke:#000;stroke-width:2;vector-effect:non-scaling-stroke}
.spoof-line{stroke:currentColor;stroke-width:1.5;stroke-dasharray:2 3;vector-effect:non-scaling-stroke}
.spoof-target{stroke:currentColor;stroke-width:3;vector-effect:non-scaling-stroke}
.alert-state[data-selected] .alert-area{stroke-width:4;fill-opacity:.2;stroke-dasharray:none}
.legend{position:absolute;left:10px;bottom:10px;background:rgba(13,20,28,.88);border:1px solid var(--line);border-radius:6px;padding:8px 10px;font-size:12px}
.legend b{display:block;color:var(--muted);font-weight:500;margin-bottom:3px}
.legend ul{list-style:none;margin:0 0 6px;padding:0;display:grid;grid-template-columns:auto auto;gap:2px 14px}.legend ul:last-child{margin:0}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-2px;margin-right:6px}
.sw.absent{background:rgba(255,255,255,.05);border:1px solid rgba(255,255,255,.25)}.sw.none{background:var(--none)}
.sw.low{background:var(--low)}.sw.medium{background:var(--medium)}.sw.high{background:var(--high)}
.sw.ring{border:2px dashed var(--jam);border-radius:50%}.sw.ring.spoofing{border-color:var(--spoof)}
.sw.dot{background:#fff;border:2px solid #000;border-radius:50%}.sw.err{border:1px dashed #fff;border-radius:50%;background:rgba(255,255,255,.1)}
.sw.cross{color:var(--spoof);font-weight:700;text-align:center;line-height:12px}
#controls{border-top:1px solid var(--line);padding:8px 14px 10px;background:var(--panel)}
.row{display:flex;align-items:center;gap:12px}
#play{width:34px;height:30px;border-radius:6px;border:1px solid var(--line);background:#1c2836;color:var(--text);font-size:14px;cursor:pointer}
#play:hover{background:#253447}
#time{font:600 16px ui-monospace,SFMono-Regular,Menlo,monospace;min-width:190px}
#counts{color:var(--muted);font-size:13px;margin-left:auto;text-align:right}
#counts b{color:var(--text)}
.track{padding:6px 8px 0}
#timeline{width:100%;height:46px;display:block;cursor:pointer;border-radius:4px}
.tl-bg{fill:#0f1823}.tl-craft{fill:#8b9bb0;fill-opacity:.2}.tl-bar{stroke-width:1}.tl-bar.l1{stroke:var(--low)}.tl-bar.l2{stroke:var(--medium)}.tl-bar.l3{stroke:var(--high)}
.tl-span{opacity:.8}.tl-span.jamming{fill:var(--jam)}.tl-span.spoofing{fill:var(--spoof)}
#cursor{stroke:#fff;stroke-width:2;vector-effect:non-scaling-stroke}
#slider{width:100%;margin:4px 0 0;accent-color:#8ab4f8}
.axis{display:flex;justify-content:space-between;color:var(--muted);font-size:12px;padding:0 8px}
#side{overflow:auto;padding:12px 16px 20px}
h2{font-size:15px;margin:0 0 8px;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13px}
th{color:var(--muted);font-weight:500;text-align:left;font-size:11px;text-transform:uppercase;letter-spacing:.04em;padding:4px 6px;border-bottom:1px solid var(--line);position:sticky;top:0;background:var(--bg)}
td{border-bottom:1px solid var(--line);padding:8px 6px;vertical-align:top}td.when{white-space:nowrap}
tbody tr{cursor:pointer;transition:background .15s}tbody tr:hover{background:#172231}
tr.active td:first-child{box-shadow:inset 3px 0 0 #8ab4f8}
tr.selected{background:#1d2d42}tr.selected:hover{background:#22354d}
.tag{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:600;background:currentColor}
.tag.jamming{background:rgba(255,107,107,.18)}.tag.spoofing{background:rgba(199,125,255,.18)}
.sev{font-weight:600;font-size:12px;text-transform:uppercase}.sev-low{color:var(--low)}.sev-medium{color:var(--medium)}.sev-high{color:var(--high)}
.id{font:11px ui-monospace,monospace;color:var(--muted);word-break:break-all;margin:2px 0}
.muted,.empty{color:var(--muted)}
.evidence{margin:0;padding-left:16px;color:#c5d0dc;font-size:12px}.evidence b{color:var(--text);font-weight:600}
@media (max-width:900px){main{grid-template-columns:1fr;height:auto}#stage{height:80vh}}
`;

export const PAGE_SCRIPT = `
(() => {
  const D = JSON.parse(document.getElementById('report-data').textContent);
  const LEVELS = ['none', 'low', 'medium', 'high'];
  const cells = Array.from(document.querySelectorAll('#cells [data-cell]'));
  const titles = cells.map((el) => el.querySelector('title'));
  const states = Array.from(document.querySelectorAll('#alert-layer .alert-state'), (el) => ({
    el, id: el.dataset.alert, from: Number(el.dataset.from), to: el.dataset.to ? Number(el.dataset.to) : Infinity,
  }));
  const rows = Array.from(document.querySelectorAll('#alert-table tbody tr'));
  const slider = document.getElementById('slider');
  const play = document.getElementById('play');
  const timeline = document.getElementById('timeline');
  const cursor = document.getElementById('cursor');
  const n = D.ticks.length;
  const byTick = D.ticks.map(() => []);
  for (const a of D.anomalous) byTick[a[0]].push(a);
  const level = new Int8Array(cells.length);
  const timeOf = (i) => D.t0 + D.ticks[i] * 1000;
  const utc = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
  let selected = null;
  let current = 0;

  function show(i) {
    current = i;
    level.fill(D.runs ? -1 : 0);
    if (D.runs) {
      for (let c = 0; c < cells.length; c++) {
        const r = D.runs[c];
        for (let k = 0; k < r.length; k += 2) if (r[k] <= i && i <= r[k + 1]) { level[c] = 0; break; }
      }
    }
    const detail = new Map();
    for (const [, c, lv, degraded, craft] of byTick[i] || []) { level[c] = lv; detail.set(c, degraded + ' of ' + craft + ' craft affected'); }
    const counts = [0, 0, 0, 0];
    for (let c = 0; c < cells.length; c++) {
      const name = level[c] < 0 ? 'absent' : LEVELS[level[c]];
      if (level[c] >= 0) counts[level[c]]++;
      if (cells[c].dataset.level !== name) cells[c].dataset.level = name;
      titles[c].textContent = cells[c].dataset.cell + ': ' + (level[c] < 0 ? 'no craft at this time' : name === 'none' ? 'craft, no interference' : name + ', ' + detail.get(c));
    }
    const t = n > 0 ? timeOf(i) : NaN;
    const active = new Set();
    for (const s of states) {
      const on = s.from <= t && t < s.to;
      s.el.toggleAttribute('data-active', on);
      if (on) active.add(s.id);
    }
    for (const tr of rows) tr.classList.toggle('active', active.has(tr.dataset.alert));
    document.getElementById('time').textContent = n > 0 ? utc(t) : 'no cells observed';
    document.getElementById('counts').innerHTML = '<b>' + (cells.length - level.filter((v) => v < 0).length) + '</b> cells with craft · <b>' +
      (counts[1] + counts[2] + counts[3]) + '</b> anomalous · <b>' + active.size + '</b> alerts active';
    cursor.setAttribute('x1', i + 0.5);
    cursor.setAttribute('x2', i + 0.5);
    slider.value = String(i);
  }

  function select(id, moveTime) {
    selected = selected === id ? null : id;
    for (const tr of rows) tr.classList.toggle('selected', tr.dataset.alert === selected);
    for (const s of states) s.el.toggleAttribute('data-selected', s.id === selected);
    if (selected === null || !moveTime) return;
    const mine = states.filter((s) => s.id === selected);
    const t = n > 0 ? timeOf(current) : NaN;
    if (mine.some((s) => s.from <= t && t < s.to)) return;
    const start = Math.min(...mine.map((s) => s.from));
    let i = 0;
    while (i < n - 1 && timeOf(i) < start) i++;
    show(i);
  }

  slider.max = String(Math.max(0, n - 1));
  slider.disabled = n === 0;
  slider.addEventListener('input', () => show(Number(slider.value)));
  timeline.addEventListener('click', (e) => {
    const box = timeline.getBoundingClientRect();
    show(Math.max(0, Math.min(n - 1, Math.floor(((e.clientX - box.left) / box.width) * n))));
  });
  for (const tr of rows) {
    tr.addEventListener('click', () => select(tr.dataset.alert, true));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(tr.dataset.alert, true); } });
  }
  for (const s of states) {
    s.el.addEventListener('click', () => {
      select(s.id, false);
      const tr = rows.find((r) => r.dataset.alert === s.id);
      if (tr && selected) tr.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  }
  // Playing takes about 30 s whatever the length of the run.
  const stride = Math.max(1, Math.round(n / 300));
  let timer = null;
  function stop() { clearInterval(timer); timer = null; play.textContent = '▶'; play.title = 'play'; }
  play.disabled = n === 0;
  play.addEventListener('click', () => {
    if (timer !== null) return stop();
    if (current >= n - 1) show(0);
    play.textContent = '❚❚'; play.title = 'pause';
    timer = setInterval(() => { if (current >= n - 1) stop(); else show(Math.min(n - 1, current + stride)); }, 100);
  });
  show(0);
})();
`;
