// The alert queue: filters (rule, severity, status, vessel, time, area),
// sorted, paged. The filters live in the URL (#/alerts?rule=..), so a queue
// view can be bookmarked and the back button works.
import { h, fill, when, field, select, hashQuery, table, status } from '../util.js';
import { api } from '../api.js';

export const RULES = ['dprk_encounter', 'dprk_port_call', 'dark_near_dprk', 'identity_manipulation',
  'dprk_port_sequence', 'listed_vessel', 'tanker_loitering'];
const AREAS = [
  ['', 'Anywhere'],
  ['119,33,127,41', 'Yellow Sea and West Korea Bay'],
  ['127,34,142,46', 'Sea of Japan (East Sea)'],
  ['130,41,145,52', 'Russian Far East'],
  ['124,37.5,131,43.1', 'Off the DPRK coast'],
];
const PAGE = 25;
const SEVERITY_RANK = { critical: 4, high: 3, medium: 2, low: 1 };

export function severityBadge(s) {
  return h('span', { class: 'badge sev-' + s }, s);
}

export async function queuePage(main, _params, stale) {
  const q = hashQuery();
  const page = Math.max(0, parseInt(q.page || '0', 10) || 0);
  const sort = q.sort || 'severity';
  const query = { rule: q.rule, severity: q.severity, status: q.status, mmsi: q.mmsi, bbox: q.bbox,
    since: q.since ? q.since + 'T00:00:00Z' : '', limit: PAGE, offset: page * PAGE };
  const data = await api('/alerts', { query });
  if (stale()) return;
  const alerts = data.alerts.slice();
  if (sort === 'severity') alerts.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.end.localeCompare(a.end));
  else if (sort === 'start') alerts.sort((a, b) => a.start.localeCompare(b.start));
  else alerts.sort((a, b) => b.end.localeCompare(a.end));

  const form = h('form', { class: 'filters', 'aria-label': 'Filter the alerts', onsubmit: (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) p.set(k, v);
    location.hash = '#/alerts?' + p.toString();
  } },
  field('Rule', select('rule', [['', 'Any rule'], ...RULES.map((r) => [r, r.replaceAll('_', ' ')])], q.rule || '')),
  field('Severity at least', select('severity', [['', 'Any'], ['low', 'low'], ['medium', 'medium'], ['high', 'high'], ['critical', 'critical']], q.severity || '')),
  field('Status', select('status', [['', 'Any'], ['open', 'open'], ['acknowledged', 'acknowledged'], ['closed', 'closed']], q.status || '')),
  field('Vessel MMSI', h('input', { name: 'mmsi', inputmode: 'numeric', pattern: '[0-9]{1,9}', value: q.mmsi || '', size: 10 })),
  field('Ending on or after', h('input', { name: 'since', type: 'date', value: q.since || '' })),
  field('Area', select('bbox', AREAS, q.bbox || '')),
  field('Sort by', select('sort', [['severity', 'severity'], ['end', 'latest first'], ['start', 'earliest first']], sort)),
  h('button', { type: 'submit' }, 'Apply'));

  const rows = alerts.map((a) => a);
  const columns = [
    { label: 'Alert', cell: (a) => h('a', { href: '#/alerts/' + a.id, class: 'alert-link' }, '#' + a.id) },
    { label: 'Severity', cell: (a) => severityBadge(a.severity) },
    { label: 'Rule', cell: (a) => a.rule.replaceAll('_', ' ') },
    { label: 'Vessels', cell: (a) => a.vessels.map((v, i) => [i ? ', ' : '', h('a', { href: '#/vessels/' + v.mmsi }, v.name || String(v.mmsi)), v.listings.length ? h('span', { class: 'badge listed' }, 'listed') : null]) },
    { label: 'When', cell: (a) => `${when(a.start)} – ${when(a.end)}` },
    { label: 'Status', cell: (a) => a.status },
    { label: 'Summary', cell: (a) => a.summary },
  ];
  const nav = h('nav', { class: 'pager', 'aria-label': 'Pages of alerts' },
    page > 0 ? h('a', { href: pageHash(q, page - 1), rel: 'prev' }, '← Previous') : null,
    h('span', {}, `Page ${page + 1}`),
    data.count === PAGE ? h('a', { href: pageHash(q, page + 1), rel: 'next' }, 'Next →') : null);
  fill(main,
    h('h1', {}, 'Alert queue'),
    form,
    alerts.length ? table(`${alerts.length} alert${alerts.length === 1 ? '' : 's'} on this page`, columns, rows, { class: 'queue' })
      : status('No alert matches these filters.'),
    nav);
}

function pageHash(q, page) {
  const p = new URLSearchParams({ ...q, page: String(page) });
  return '#/alerts?' + p.toString();
}
