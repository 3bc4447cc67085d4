// One alert: the map of the tracks involved over the alert's window with the
// meeting point or gap marked, a timeline of its events, the evidence
// (positions with their input references), the list matches with scores and
// versions, the measures in force ranked with their text, and the review
// controls (open a case; on its case: assign, comment, propose, approve).
import { h, fill, when, iso, seconds, table, rerender } from '../util.js';
import { api, canChange } from '../api.js';
import { createMap, COLOURS, legend, splitTrack } from '../map.js';
import { timeline } from '../timeline.js';
import { severityBadge } from './queue.js';
import { reviewPanel } from './case.js';

const PAD_S = 6 * 3600;

export function vesselsTable(vessels) {
  return table('Vessels and their list matches', [
    { label: 'Vessel', cell: (v) => h('a', { href: '#/vessels/' + v.mmsi }, v.name || '(no name)') },
    { label: 'MMSI', cell: (v) => String(v.mmsi) },
    { label: 'IMO', cell: (v) => v.imo ? String(v.imo) : '—' },
    { label: 'Flag', cell: (v) => v.flag || '—' },
    { label: 'List matches', cell: (v) => v.listings.length ? h('ul', { class: 'plain' }, v.listings.map((l) =>
      h('li', {}, h('span', { class: 'badge listed' }, l.source), ` ${l.entity_name} (${l.entity_id}) by ${l.field} ${l.value}, score ${l.score.toFixed(2)}, list version ${l.list_version} of ${when(l.list_generated)}`))) : 'none' },
  ], vessels, { class: 'vessels' });
}

export function measuresList(measures) {
  return h('ol', { class: 'measures' }, measures.map((m) => h('li', { class: m.primary ? 'primary' : '' },
    h('p', {}, h('strong', {}, `${m.resolution}${m.paragraph ? ' para ' + m.paragraph : ''}`), m.primary ? h('span', { class: 'badge' }, 'primary') : null, ` (${m.id})`),
    h('blockquote', {}, m.text),
    m.text_is_summary ? h('p', { class: 'note' }, 'This is the measure’s summary: ' + m.text_source) : null,
    h('p', { class: 'why' }, m.why))));
}

export function evidenceTable(events) {
  return table('Evidence: the events, their positions and where each came from', [
    { label: 'Event', cell: (e) => e.type + (e.kind ? ' / ' + e.kind : '') },
    { label: 'Vessels', cell: (e) => e.other_mmsi ? `${e.mmsi} and ${e.other_mmsi}` : String(e.mmsi) },
    { label: 'From', cell: (e) => when(e.start) },
    { label: 'To', cell: (e) => when(e.end) },
    { label: 'Position', cell: (e) => Number.isFinite(e.lat) ? `${e.lat.toFixed(4)}, ${e.lon.toFixed(4)}` : '—' },
    { label: 'Port', cell: (e) => e.port || '' },
    { label: 'Input reference', cell: (e) => h('code', {}, e.source) },
  ], events, { class: 'evidence' });
}

// Draws the alert's vessels' tracks over its window and its events on `m`.
export async function drawAlert(m, a) {
  const from = iso(seconds(a.start) - PAD_S), to = iso(seconds(a.end) + PAD_S);
  const tracks = await Promise.all(a.vessels.map((v) => api(`/vessels/${v.mmsi}/track`, { query: { from, to } }).catch(() => null)));
  tracks.forEach((t, i) => {
    if (!t) return;
    for (const piece of splitTrack(t.geometry.coordinates))
      m.addTrack(piece, { colour: COLOURS[i % COLOURS.length], props: { mmsi: a.vessels[i].mmsi, name: a.vessels[i].name } });
  });
  for (const e of a.events) {
    const ev = e.event || {};
    if (e.type === 'gap' && Number.isFinite(ev.start_lat)) {
      m.addEvent('gap', ev.start_lon, ev.start_lat, { label: 'dark from ' + when(e.start) });
      m.addEvent('gap', ev.end_lon, ev.end_lat, { label: 'heard again ' + when(e.end) });
      m.addTrack([[ev.start_lon, ev.start_lat], [ev.end_lon, ev.end_lat]], { colour: '#7d3c98', width: 1.5 });
    } else {
      m.addEvent(e.type === 'identity' && e.kind === 'listed_vessel' ? 'listed_vessel' : e.type, e.lon, e.lat, { label: e.type + ' ' + when(e.start) }, 9);
    }
  }
  m.fitTo(m.tracks.getSource().getFeatures().length ? m.tracks.getSource() : m.events.getSource());
  return tracks.filter(Boolean).length;
}

export async function alertPage(main, [id], stale) {
  const [a, cases] = await Promise.all([api('/alerts/' + id), api('/cases', { query: { alert: id } })]);
  if (stale()) return;
  const mapEl = h('div', { class: 'map', id: 'alert-map', role: 'region', 'aria-label': 'Map of the tracks involved' });
  const review = h('section', { class: 'review', 'aria-labelledby': 'review-h' });
  fill(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/alerts' }, '← Alert queue')),
    h('h1', {}, `Alert #${a.id}: ${a.rule.replaceAll('_', ' ')} `, severityBadge(a.severity)),
    h('p', { class: 'summary' }, a.summary),
    h('p', { class: 'meta' }, `${when(a.start)} – ${when(a.end)} · status ${a.status} · ${a.severity_reason}`),
    h('div', { class: 'two' },
      h('section', { 'aria-labelledby': 'map-h' }, h('h2', { id: 'map-h' }, 'Where'), mapEl,
        h('ul', { class: 'legend', id: 'track-legend' }, a.vessels.map((v, i) => h('li', {}, h('span', { class: 'swatch', style: `background:${COLOURS[i % COLOURS.length]}` }), `${v.name || v.mmsi} (${v.mmsi})`))),
        legend([...new Set(a.events.map((e) => e.type))])),
      review),
    h('section', { 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, 'When'),
      timeline(a.events.map((e) => ({ label: `${e.type} ${e.other_mmsi ? e.mmsi + '/' + e.other_mmsi : e.mmsi}`, start: e.start, end: e.end, type: e.type })))),
    h('section', { 'aria-labelledby': 'v-h' }, h('h2', { id: 'v-h' }, 'Who'), vesselsTable(a.vessels)),
    h('section', { 'aria-labelledby': 'm-h' }, h('h2', { id: 'm-h' }, 'Measures in force that it may breach'), measuresList(a.measures)),
    h('section', { 'aria-labelledby': 'e-h' }, h('h2', { id: 'e-h' }, 'Evidence'), evidenceTable(a.events)),
    h('section', { 'aria-labelledby': 'p-h' }, h('h2', { id: 'p-h' }, 'Provenance'),
      h('p', {}, `Detector ${a.provenance.detector_version}, config ${a.provenance.config_hash}, input ${a.provenance.input}, window ${when(a.provenance.window.from)} – ${when(a.provenance.window.to)}.`)));
  drawReview(review, a, cases.cases);
  const m = await createMap(mapEl, {
    onSelect: (f) => { if (f.get('mmsi')) location.hash = '#/vessels/' + f.get('mmsi'); },
  });
  const drawn = await drawAlert(m, a);
  mapEl.dataset.tracks = String(drawn);
  await m.redraw();
  mapEl.dataset.drawn = 'true';
}

function drawReview(el, a, cases) {
  const body = [h('h2', { id: 'review-h' }, 'Review')];
  if (canChange()) {
    const actions = h('div', { class: 'actions' });
    if (a.status !== 'acknowledged' && a.status !== 'closed')
      actions.append(h('button', { type: 'button', onclick: () => setStatus(a, 'acknowledged') }, 'Acknowledge'));
    if (!cases.some((c) => c.status !== 'closed'))
      actions.append(h('button', { type: 'button', id: 'open-case', onclick: () => openCase(a) }, 'Open a case'));
    body.push(actions);
  }
  if (!cases.length) body.push(h('p', {}, 'No case holds this alert yet.'));
  for (const c of cases) body.push(reviewPanel(c, rerender, { heading: 'h3' }));
  fill(el, body);
}

async function setStatus(a, to) {
  await api(`/alerts/${a.id}/status`, { method: 'POST', body: { status: to } });
  rerender();
}

async function openCase(a) {
  const names = a.vessels.map((v) => v.name || v.mmsi).join(' and ');
  const title = `${a.rule.replaceAll('_', ' ')}: ${names}, ${a.start.slice(0, 10)}`.slice(0, 200);
  const c = await api('/cases', { method: 'POST', body: { title, alerts: [a.id] } });
  location.hash = '#/cases/' + c.id;
}
