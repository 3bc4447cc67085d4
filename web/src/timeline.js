// A timeline of events as SVG: one row per event, a bar from its start to
// its end (a tick when it has no length), over a labelled time axis.
const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

// events: [{label, start, end, type}] with ISO times.
export function timeline(events, { title = 'Timeline of the events (UTC)', width = 860 } = {}) {
  const rows = events.filter((e) => e.start);
  const t0 = Math.min(...rows.map((e) => Date.parse(e.start)));
  const t1 = Math.max(...rows.map((e) => Date.parse(e.end || e.start)));
  const span = Math.max(t1 - t0, 3600e3);
  const left = 240, right = 40, rowH = 22, top = 10, axisH = 34;
  const height = top + rows.length * rowH + axisH;
  const x = (t) => left + ((Date.parse(t) - t0) / span) * (width - left - right);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'timeline', role: 'img', 'aria-label': title });
  svg.append(s('title', {}, title));
  rows.forEach((e, i) => {
    const y = top + i * rowH;
    svg.append(s('text', { x: left - 8, y: y + 14, 'text-anchor': 'end', class: 'tl-label' }, e.label));
    const x0 = x(e.start), x1 = Math.max(x(e.end || e.start), x0 + 3);
    const bar = s('rect', { x: x0, y: y + 4, width: x1 - x0, height: rowH - 8, rx: 2, class: 'tl-bar tl-' + e.type });
    bar.append(s('title', {}, `${e.label}: ${e.start} – ${e.end || e.start}`));
    svg.append(bar);
  });
  const axisY = top + rows.length * rowH + 6;
  svg.append(s('line', { x1: left, x2: width - right, y1: axisY, y2: axisY, class: 'tl-axis' }));
  const ticks = 4;
  for (let i = 0; i <= ticks; i++) {
    const t = new Date(t0 + (span * i) / ticks).toISOString();
    const tx = x(t);
    svg.append(s('line', { x1: tx, x2: tx, y1: axisY, y2: axisY + 5, class: 'tl-axis' }));
    svg.append(s('text', { x: tx, y: axisY + 18, 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle', class: 'tl-tick' },
      t.slice(5, 16).replace('T', ' ')));
  }
  return svg;
}
