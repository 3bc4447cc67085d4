// One vessel: identity history (names, IMO, call signs, flags over time), its
// list matches, port calls, gaps and encounters, its alerts and a track map.
import { h, fill, when, table, status, iso, seconds } from '../util.js';
import { api } from '../api.js';
import { createMap, COLOURS, legend, splitTrack } from '../map.js';
import { severityBadge } from './queue.js';

function history(v) {
  const rows = [];
  for (const [kind, list] of [['name', v.names], ['IMO', v.imos], ['call sign', v.callsigns], ['ship type', v.ship_types], ['destination', v.destinations]])
    for (const x of list || []) rows.push({ kind, value: String(x.value) + (x.valid === false ? ' (invalid check digit)' : ''), first: x.first, last: x.last });
  rows.push({ kind: 'flag (from the MMSI)', value: v.flag || 'none', first: v.first_seen, last: v.last_seen });
  return table('Identity history: what it broadcast, and when', [
    { label: 'Kind', cell: (r) => r.kind }, { label: 'Value', cell: (r) => r.value },
    { label: 'First', cell: (r) => when(r.first) }, { label: 'Last', cell: (r) => when(r.last) },
  ], rows, { class: 'identity' });
}

export async function vesselPage(main, [mmsi], stale) {
  const data = await api('/vessels/' + mmsi);
  const v = data.vessel;
  const window = v.first_seen ? { from: v.first_seen, to: iso(seconds(v.last_seen) + 1) } : {};
  const [events, alerts] = await Promise.all([
    v.first_seen ? api('/events', { query: { ...window, mmsi, limit: 500 } }) : { events: [], total: 0 },
    api('/alerts', { query: { mmsi, limit: 100 } }),
  ]);
  if (stale()) return;
  const name = (v.names && v.names.length ? v.names[v.names.length - 1].value : '') || '(no name)';
  const byType = (t) => events.events.filter((e) => e.type === t);
  const mapEl = h('div', { class: 'map', id: 'vessel-map', role: 'region', 'aria-label': 'Track of ' + name });
  const msg = h('div', { 'aria-live': 'polite' });
  fill(main,
    h('h1', {}, `${name} `, h('span', { class: 'meta' }, `MMSI ${v.mmsi}${v.flag ? ' · flag ' + v.flag : ''}`)),
    h('p', { class: 'meta' }, `${v.positions} positions, heard ${when(v.first_seen)} – ${when(v.last_seen)}.`),
    h('div', { class: 'two' },
      h('section', { 'aria-labelledby': 'vt-h' }, h('h2', { id: 'vt-h' }, 'Track'), mapEl, legend(['port_call', 'gap', 'encounter', 'loitering'])),
      h('section', { 'aria-labelledby': 'vl-h' }, h('h2', { id: 'vl-h' }, 'List matches'),
        data.listings.length ? h('ul', { class: 'plain' }, data.listings.map((l) => h('li', {}, h('span', { class: 'badge listed' }, l.list_entry ? l.list_entry.source : 'listed'), ` ${l.reason || ''}`)))
          : h('p', {}, 'None on the lists’ current versions.'),
        h('p', { class: 'meta' }, 'Lists: ' + data.list_versions.map((x) => `${x.source} version ${x.version} (${when(x.generated)})`).join('; ')),
        h('h2', {}, 'Alerts'),
        alerts.alerts.length ? h('ul', { class: 'plain' }, alerts.alerts.map((a) => h('li', {}, h('a', { href: '#/alerts/' + a.id }, '#' + a.id), ' ', severityBadge(a.severity), ' ', a.summary))) : h('p', {}, 'None.'),
        h('button', { type: 'button', onclick: () => downloadVesselReport(v.mmsi, msg) }, 'Download the vessel report'), msg)),
    h('section', { 'aria-labelledby': 'vi-h' }, h('h2', { id: 'vi-h' }, 'Identity'), history(v)),
    ...['port_call', 'gap', 'encounter'].map((t) => h('section', {},
      h('h2', {}, { port_call: 'Port calls', gap: 'Dark gaps', encounter: 'Encounters' }[t]),
      byType(t).length ? table(null, [
        { label: 'From', cell: (e) => when(e.start) }, { label: 'To', cell: (e) => when(e.end) },
        { label: 'Where', cell: (e) => e.port_name || e.port || (Number.isFinite(e.lat) ? `${e.lat.toFixed(3)}, ${e.lon.toFixed(3)}` : '') },
        { label: 'Detail', cell: (e) => t === 'encounter' ? h('a', { href: '#/vessels/' + (e.mmsi === v.mmsi ? e.other_mmsi : e.mmsi) }, 'with ' + (e.mmsi === v.mmsi ? e.other_mmsi : e.mmsi)) : t === 'gap' ? `${e.duration_h} h dark` : `${e.duration_h} h` },
      ], byType(t)) : h('p', {}, 'None.'))));
  const m = await createMap(mapEl);
  if (v.first_seen) {
    const track = await api(`/vessels/${mmsi}/track`, { query: window });
    for (const piece of splitTrack(track.geometry.coordinates)) m.addTrack(piece, { colour: COLOURS[1], props: { mmsi: v.mmsi } });
  }
  for (const e of events.events) m.addEvent(e.type, e.lon, e.lat, { label: e.type });
  m.fitTo();
  await m.redraw();
  mapEl.dataset.drawn = 'true';
}

async function downloadVesselReport(mmsi, msg) {
  try {
    const html = await api(`/vessels/${mmsi}/report`, { text: true });
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    const a = h('a', { href: url, download: `vessel-${mmsi}.html` });
    document.body.append(a);
    a.click();
    a.remove();
    fill(msg, status('Report written.'));
  } catch (err) {
    fill(msg, status(err.message, 'error'));
  }
}
