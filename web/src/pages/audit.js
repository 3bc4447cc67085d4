// The audit trail with filters (time, who, action, subject) and the chain's
// verification status.
import { h, fill, field, status, hashQuery } from '../util.js';
import { api } from '../api.js';
import { auditTable } from './case.js';

export async function auditPage(main, _p, stale) {
  const q = hashQuery();
  const query = { from: q.from ? q.from + 'T00:00:00Z' : '', to: q.to ? q.to + 'T00:00:00Z' : '' };
  const [trail, chain] = await Promise.all([api('/audit', { query }), api('/audit/status')]);
  if (stale()) return;
  const rows = trail.records.filter((r) => (!q.actor || r.actor === q.actor) && (!q.action || r.action.startsWith(q.action)) &&
    (!q.subject || r.subject === q.subject)).reverse();
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) p.set(k, v);
    location.hash = '#/audit?' + p.toString();
  } },
  field('From', h('input', { type: 'date', name: 'from', value: q.from || '' })),
  field('To', h('input', { type: 'date', name: 'to', value: q.to || '' })),
  field('Who', h('input', { name: 'actor', value: q.actor || '', size: 10 })),
  field('Action (prefix)', h('input', { name: 'action', value: q.action || '', size: 12, placeholder: 'case.' })),
  field('Subject', h('input', { name: 'subject', value: q.subject || '', size: 10, placeholder: 'case:1' })),
  h('button', { type: 'submit' }, 'Apply'));
  fill(main, h('h1', {}, 'Audit trail'),
    h('p', { id: 'chain', class: 'status ' + (chain.intact ? 'ok' : 'error'), role: 'status' },
      chain.intact ? `The chain is intact: ${chain.rows} rows, head row ${chain.head_seq}, hash ${chain.head_hash}.`
        : `The chain is broken at row ${chain.bad_seq}: ${chain.problem}`),
    form,
    rows.length ? auditTable(`${rows.length} rows, newest first`, rows) : status('No row matches.'));
}
