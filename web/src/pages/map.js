// The map: every vessel's track in a time window (thinned by the server to
// the zoom: GET /map with the view's resolution), with the events of that
// window in layers per kind, and a time slider that shows the fleet's
// positions at a moment. Click a vessel or an event to open it.
import { h, fill, when, iso, hashQuery, status } from '../util.js';
import { api } from '../api.js';
import { createMap, EVENT_KINDS, legend, cached } from '../map.js';
import Feature from 'ol/Feature.js';
import { Point } from 'ol/geom.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Style, Fill, Stroke, Circle as CircleStyle } from 'ol/style.js';

const DAY = 86400;

function colourOf(v) {
  if (v.listed) return '#922b21';
  if (v.flag === 'KP') return '#c0392b';
  if (v.ship_type >= 80 && v.ship_type <= 89) return '#b9770e';
  return '#1f5fa8';
}

// The first view asks at this resolution (about three pixels at the whole
// region's zoom); zooming in asks again, finer.
const OVERVIEW_DEG = '0.04000';

// The default window: the week ending on the day of the first alert listed (or today).
async function defaultWindow() {
  const first = await api('/alerts', { query: { limit: 1 } });
  const end = first.alerts.length ? Date.parse(first.alerts[0].end) / 1000 : Date.now() / 1000;
  const to = Math.ceil(end / DAY) * DAY;
  return { from: to - 7 * DAY, to };
}

function mapQuery(from, to, resolution, extra = {}) {
  return { from: iso(from), to: iso(to), resolution, events: 'true', ...extra };
}

// Asks for the default week's overview in the background (after a login), so
// that the server has it ready when the map is opened.
export function prefetchMap() {
  defaultWindow().then(({ from, to }) => api('/map', { query: mapQuery(from, to, OVERVIEW_DEG) })).catch(() => {});
}

export async function mapPage(main, _p, stale) {
  const q = hashQuery();
  let { from, to } = q.from && q.to ? { from: Date.parse(q.from) / 1000, to: Date.parse(q.to) / 1000 } : await defaultWindow();
  if (stale()) return;
  const mapEl = h('div', { class: 'map big', id: 'fleet-map', role: 'region', 'aria-label': 'Map of every vessel in the window' });
  const slider = h('input', { type: 'range', id: 'time', min: from, max: to, step: 600, value: to, 'aria-valuetext': when(to) });
  const clock = h('output', { for: 'time', id: 'clock' }, when(to));
  const info = h('div', { class: 'map-info', 'aria-live': 'polite' });
  const layerBoxes = h('fieldset', { class: 'layers' }, h('legend', {}, 'Event layers'),
    EVENT_KINDS.filter((k) => k !== 'listed_vessel').map((k) => h('label', {}, h('input', { type: 'checkbox', name: k, checked: true }), ' ' + (k === 'alert' ? 'alerts (ringed)' : k.replace('_', ' ')))));
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const d = new FormData(form);
    location.hash = `#/map?from=${d.get('from')}T00:00:00Z&to=${d.get('to')}T00:00:00Z`;
  } },
  h('div', { class: 'field' }, h('label', { for: 'from' }, 'From'), h('input', { id: 'from', name: 'from', type: 'date', value: iso(from).slice(0, 10) })),
  h('div', { class: 'field' }, h('label', { for: 'to' }, 'To'), h('input', { id: 'to', name: 'to', type: 'date', value: iso(to).slice(0, 10) })),
  h('button', { type: 'submit' }, 'Show'));
  fill(main, h('h1', {}, 'Map'), form,
    h('div', { class: 'map-controls' }, h('label', { for: 'time' }, 'Time'), slider, clock, layerBoxes),
    mapEl, h('div', { class: 'legend-row' }, legend(EVENT_KINDS),
      h('ul', { class: 'legend' }, [['#1f5fa8', 'vessel'], ['#b9770e', 'tanker'], ['#c0392b', 'DPRK-flagged'], ['#922b21', 'listed']].map(([c, l]) => h('li', {}, h('span', { class: 'swatch', style: `background:${c}` }), l)))),
    info);
  const t0 = performance.now();
  const m = await createMap(mapEl, {
    onSelect: (f) => {
      if (f.get('kind') === 'track' && f.get('mmsi')) location.hash = '#/vessels/' + f.get('mmsi');
      else if (f.get('alert')) location.hash = '#/alerts/' + f.get('alert');
      else if (f.get('kind') === 'event') location.hash = '#/vessels/' + f.get('mmsi');
    },
  });
  const positions = new VectorLayer({ source: new VectorSource(), zIndex: 10 });
  m.map.addLayer(positions);
  let vessels = [];
  const resolutionDeg = () => {
    const r = m.map.getView().getResolution();  // metres per pixel at the equator
    return Math.max(0.0005, (r / 111320) * 3);  // three pixels: finer is not seen
  };
  // One request: the tracks thinned to this zoom and the window's events.
  const data = await api('/map', { query: mapQuery(from, to, OVERVIEW_DEG) });
  if (stale()) return;
  vessels = data.vessels;
  const events = data.events;
  drawTracks(m, vessels);
  const drawEvents = (on) => {
    m.events.getSource().clear();
    for (const e of events) {
      if (on && !on.has(e.type)) continue;
      const type = e.kind === 'listed_vessel' ? 'listed_vessel' : e.type;
      m.addEvent(type, e.lon, e.lat, { mmsi: e.mmsi, label: `${e.type} ${when(e.start)}` }, 5);
    }
  };
  drawEvents(null);
  // The alerts of the window, ringed: a click opens the alert.
  const drawAlerts = () => {
    for (const a of data.alerts) m.addEvent('alert', a.lon, a.lat, { alert: a.id, mmsi: a.mmsi, label: `alert #${a.id}: ${a.rule}` }, 6);
  };
  drawAlerts();
  const showPositions = () => {
    const t = Number(slider.value);
    fill(clock, when(t));
    slider.setAttribute('aria-valuetext', when(t));
    const src = positions.getSource();
    src.clear();
    for (const v of vessels) {
      const p = positionAt(v, t);
      if (!p) continue;
      const f = new Feature(new Point(fromLonLat(p)));
      f.setProperties({ kind: 'track', mmsi: v.mmsi });
      f.setStyle(cached('pos:' + colourOf(v), () => new Style({ image: new CircleStyle({ radius: 4, fill: new Fill({ color: colourOf(v) }), stroke: new Stroke({ color: '#fff', width: 1 }) }) })));
      src.addFeature(f);
    }
  };
  slider.addEventListener('input', showPositions);
  showPositions();
  layerBoxes.addEventListener('change', () => {
    const on = new Set([...layerBoxes.querySelectorAll('input:checked')].map((i) => i.name));
    drawEvents(on);
    if (on.has('alert')) drawAlerts();
  });
  // Zooming in asks for finer tracks.
  // The overview serves the first view; zooming in two steps or more asks for finer tracks of the view.
  let lastRes = resolutionDeg();
  m.map.on('moveend', async () => {
    if (!mapEl.isConnected) return;
    const r = resolutionDeg();
    if (r > lastRes / 2) return;
    lastRes = r;
    const finer = await api('/map', { query: mapQuery(from, to, r.toFixed(5), { bbox: viewBox(m), events: 'false' }) });
    vessels = finer.vessels;
    m.tracks.getSource().clear();
    drawTracks(m, vessels);
    mapEl.dataset.kept = String(finer.kept);
  });
  await m.redraw();
  const ms = Math.round(performance.now() - t0);
  mapEl.dataset.drawn = 'true';
  mapEl.dataset.ms = String(ms);
  mapEl.dataset.kept = String(data.kept);
  mapEl.dataset.positions = String(data.positions);
  mapEl.dataset.alerts = String(m.events.getSource().getFeatures().filter((f) => f.get('alert')).length);
  fill(info, status(`${vessels.length} vessels, ${data.positions} positions in the window (${data.kept} drawn at this zoom), ${events.length} events, ${data.alerts.length} alerts; drawn in ${ms} ms.`));
}

// The view's box in degrees, clamped to the world.
function viewBox(m) {
  const [a, b, c, d] = transformExtent(m.map.getView().calculateExtent(m.map.getSize()), 'EPSG:3857', 'EPSG:4326');
  const cl = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(4);
  return [cl(a, -180, 180), cl(b, -90, 90), cl(c, -180, 180), cl(d, -90, 90)].join(',');
}

function drawTracks(m, vessels) {
  for (const v of vessels)
    for (const piece of v.pieces)
      m.addTrack(piece, { colour: colourOf(v), width: 1.2, props: { mmsi: v.mmsi, name: v.name } });
}

// The vessel's position at time t (the last fix at or before it, within an hour).
function positionAt(v, t) {
  let best = null;
  for (const piece of v.pieces) {
    if (piece[0][2] > t || piece[piece.length - 1][2] < t - 3600) continue;
    let lo = 0, hi = piece.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (piece[mid][2] <= t) lo = mid; else hi = mid - 1;
    }
    if (piece[lo][2] <= t && t - piece[lo][2] <= 3600) best = piece[lo];
  }
  return best ? [best[0], best[1]] : null;
}
