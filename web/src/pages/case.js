// Cases: the list, and one case with its alerts, notes, status, the
// four-eyes state, its audit trail and the report. reviewPanel is the review
// block the alert page shows too (assign, comment, propose, approve).
import { h, fill, when, field, select, table, status, hashQuery, rerender } from '../util.js';
import { api, canChange, session } from '../api.js';
import { severityBadge } from './queue.js';

const OUTCOMES = [['confirmed', 'confirmed (needs a second analyst)'], ['false_positive', 'false positive'], ['inconclusive', 'inconclusive']];

export function fourEyes(c) {
  if (c.status === 'closed' && c.outcome)
    return c.approved_by ? `Closed as ${c.outcome}: proposed by ${c.proposed_by}, approved by ${c.approved_by}.`
      : `Closed as ${c.outcome}.`;
  if (c.proposed_outcome) return `${c.proposed_by} proposed ${c.proposed_outcome}; waiting for another analyst to approve.`;
  return 'No outcome proposed yet.';
}

// A form that posts `build(formData)` to `path`, then `done()`; errors shown inline.
function actionForm(label, path, controls, build, done, attrs = {}) {
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'action', ...attrs, onsubmit: async (e) => {
    e.preventDefault();
    fill(msg);
    try {
      await api(path, { method: 'POST', body: build(new FormData(form)) });
      done();
    } catch (err) {
      fill(msg, status(err.message, 'error'));
    }
  } }, controls, h('button', { type: 'submit' }, label), msg);
  return form;
}

export function reviewPanel(c, done, { heading = 'h2' } = {}) {
  const me = session();
  const base = `/cases/${c.id}`;
  const parts = [
    h(heading, {}, h('a', { href: '#/cases/' + c.id }, `Case #${c.id}: ${c.title}`)),
    h('p', { class: 'case-state' }, `Status ${c.status}${c.assignee ? ', assigned to ' + c.assignee : ', unassigned'}.`),
    h('p', { class: 'four-eyes', 'data-state': c.proposed_outcome ? 'proposed' : c.outcome ? 'closed' : 'none' }, fourEyes(c)),
  ];
  if (canChange()) {
    const controls = h('div', { class: 'review-controls' });
    if (c.status !== 'closed') {
      controls.append(actionForm('Assign', base + '/assign',
        field('Assign to', h('input', { name: 'assignee', value: c.assignee || me.name, size: 12, autocomplete: 'off' })),
        (d) => ({ assignee: d.get('assignee') }), done, { 'data-action': 'assign' }));
      if (c.status === 'open')
        controls.append(actionForm('Start investigating', base + '/status', null, () => ({ status: 'investigating' }), done, { 'data-action': 'investigate' }));
    }
    controls.append(actionForm('Add note', base + '/notes',
      field('Note', h('textarea', { name: 'text', rows: 2, cols: 30, required: true })),
      (d) => ({ text: d.get('text') }), done, { 'data-action': 'note' }));
    if (c.status !== 'closed' && !c.proposed_outcome)
      controls.append(actionForm('Propose', base + '/propose',
        field('Outcome', select('outcome', OUTCOMES, 'confirmed')), (d) => ({ outcome: d.get('outcome') }), done, { 'data-action': 'propose' }));
    if (c.proposed_outcome && c.proposed_by !== me.name) {
      controls.append(actionForm(`Approve ${c.proposed_outcome}`, base + '/approve', null, () => undefined, done, { 'data-action': 'approve' }));
    }
    if (c.proposed_outcome)
      controls.append(actionForm(c.proposed_by === me.name ? 'Withdraw the proposal' : 'Reject the proposal', base + '/reject',
        field('Reason', h('input', { name: 'reason', required: true, size: 24 })), (d) => ({ reason: d.get('reason') }), done, { 'data-action': 'reject' }));
    if (c.status === 'closed')
      controls.append(actionForm('Reopen', base + '/status', null, () => ({ status: 'open' }), done, { 'data-action': 'reopen' }));
    parts.push(controls);
  }
  return h('div', { class: 'case-review', 'data-case': c.id }, parts);
}

export async function casesPage(main, _p, stale) {
  const q = hashQuery();
  const data = await api('/cases', { query: { status: q.status, assignee: q.assignee, limit: 200 } });
  if (stale()) return;
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) p.set(k, v);
    location.hash = '#/cases?' + p.toString();
  } },
  field('Status', select('status', [['', 'Any'], ['open', 'open'], ['investigating', 'investigating'], ['closed', 'closed']], q.status || '')),
  field('Assignee', h('input', { name: 'assignee', value: q.assignee || '', size: 12 })),
  h('button', { type: 'submit' }, 'Apply'));
  fill(main, h('h1', {}, 'Cases'), form,
    data.cases.length ? table(`${data.cases.length} cases`, [
      { label: 'Case', cell: (c) => h('a', { href: '#/cases/' + c.id }, `#${c.id} ${c.title}`) },
      { label: 'Status', cell: (c) => c.status + (c.outcome ? ` (${c.outcome})` : '') },
      { label: 'Assignee', cell: (c) => c.assignee || '—' },
      { label: 'Alerts', cell: (c) => c.alerts.map((id, i) => [i ? ', ' : '', h('a', { href: '#/alerts/' + id }, '#' + id)]) },
      { label: 'Four eyes', cell: (c) => fourEyes(c) },
      { label: 'Updated', cell: (c) => when(c.updated_at) },
    ], data.cases) : status('No case yet: open one from an alert.'));
}

export function auditTable(caption, records) {
  return table(caption, [
    { label: 'Seq', cell: (r) => String(r.seq) },
    { label: 'When', cell: (r) => r.at.replace('T', ' ') },
    { label: 'Who', cell: (r) => r.actor },
    { label: 'What', cell: (r) => r.action },
    { label: 'Subject', cell: (r) => r.subject },
    { label: 'Hash', cell: (r) => h('code', { title: r.hash }, r.hash.slice(0, 12) + '…') },
  ], records, { class: 'audit' });
}

export async function casePage(main, [id], stale) {
  const [c, trail] = await Promise.all([api('/cases/' + id), api(`/cases/${id}/audit`)]);
  const alerts = await Promise.all(c.alerts.map((a) => api('/alerts/' + a)));
  if (stale()) return;
  const reportMsg = h('div', { 'aria-live': 'polite' });
  fill(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/cases' }, '← Cases')),
    h('h1', {}, `Case #${c.id}: ${c.title}`),
    h('p', { class: 'meta' }, `Opened ${when(c.created_at)} by ${c.created_by} · updated ${when(c.updated_at)}` +
      (c.tags.length ? ' · tags ' + c.tags.join(', ') : '')),
    h('div', { class: 'two' },
      h('section', { 'aria-labelledby': 'ca-h' }, h('h2', { id: 'ca-h' }, 'Alerts'),
        alerts.length ? h('ul', { class: 'plain' }, alerts.map((a) => h('li', {}, h('a', { href: '#/alerts/' + a.id }, `#${a.id}`), ' ', severityBadge(a.severity), ' ', a.summary))) : h('p', {}, 'None.'),
        h('h2', {}, 'Notes'),
        c.notes.length ? h('ol', { class: 'notes' }, c.notes.map((n) => h('li', {}, h('p', { class: 'meta' }, `${n.author}, ${when(n.at)}`), h('p', {}, n.text)))) : h('p', {}, 'No notes yet.')),
      h('section', { class: 'review', 'aria-labelledby': 'cr-h' }, h('h2', { id: 'cr-h' }, 'Review'), reviewPanel(c, rerender, { heading: 'h3' }),
        h('h2', {}, 'Report'),
        h('p', {}, 'A self-contained HTML file: map, timeline, evidence, list entries, measures, review and audit trail, with the audit chain’s hash. Or as PDF, printed by the server’s headless Chromium; on the command line: watchkeeper report --case ' + c.id + ' --pdf FILE.'),
        h('div', { class: 'actions' },
          h('button', { type: 'button', id: 'report', onclick: () => downloadReport(c, 'html', reportMsg) }, 'Download the report'),
          h('button', { type: 'button', id: 'report-pdf', onclick: () => downloadReport(c, 'pdf', reportMsg) }, 'Download it as PDF')), reportMsg)),
    h('section', { 'aria-labelledby': 'at-h' }, h('h2', { id: 'at-h' }, 'Audit trail'),
      auditTable(`${trail.records.length} audit rows about this case and its alerts`, trail.records)));
}

async function downloadReport(c, format, msg) {
  fill(msg, status(format === 'pdf' ? 'Printing the report (a few seconds)…' : 'Writing the report…'));
  try {
    const blob = await api(`/cases/${c.id}/report`, { query: { format }, blob: true });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `case-${c.id}.${format}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    fill(msg, status(`Report written (${Math.round(blob.size / 1024)} KiB).`));
  } catch (err) {
    fill(msg, status(err.message, 'error'));
  }
}
