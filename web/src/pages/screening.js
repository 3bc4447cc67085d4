// Screening: a name in any script against the lists' current versions, the
// ranked matches and why each scored what it did; or a CSV of names as a
// batch (name[,schema]: up to 1,000 rows).
import { h, fill, field, select, table, status } from '../util.js';
import { api } from '../api.js';

const SCHEMAS = [['', 'Any kind'], ['person', 'person'], ['organization', 'organization'], ['vessel', 'vessel']];

function matchesTable(caption, result) {
  if (!result.matches || !result.matches.length) return status(`No match for “${result.query.name}”.`);
  return table(caption, [
    { label: 'Score', cell: (m) => m.score.toFixed(2) },
    { label: 'Listed name', cell: (m) => m.name },
    { label: 'Entry', cell: (m) => m.id },
    // One row per party: every list that names the same subject.
    { label: 'Every listing', cell: (m) => (m.listings || [{ id: m.id }]).map((l) => l.id).join(', ') },
    { label: 'Kind', cell: (m) => m.schema },
    { label: 'Matched', cell: (m) => m.matched_name },
    { label: 'Why', cell: (m) => m.explanation ? m.explanation.summary : '' },
  ], result.matches, { class: 'matches' });
}

// A tiny CSV reader for the batch: quoted fields, commas, CRLF.
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); cell = '';
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x !== '')) rows.push(row);
  return rows;
}

export async function screeningPage(main, _p, stale) {
  const health = await api('/lists');
  if (stale()) return;
  const out = h('div', { id: 'screen-results', 'aria-live': 'polite' });
  const name = h('input', { name: 'name', id: 'screen-name', required: true, size: 36, lang: '', autocomplete: 'off' });
  const one = h('form', { class: 'filters', 'aria-label': 'Screen one name', onsubmit: async (e) => {
    e.preventDefault();
    const d = new FormData(one);
    fill(out, status('Screening…'));
    try {
      const body = { name: d.get('name') };
      if (d.get('schema')) body.schema = d.get('schema');
      const r = await api('/screen', { method: 'POST', body });
      fill(out, h('p', { class: 'meta' }, 'Against ' + r.list_versions.map((v) => `${v.source} version ${v.version}`).join(', ')),
        matchesTable(`Matches for “${body.name}”`, r.result));
    } catch (err) {
      fill(out, status(err.message, 'error'));
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'screen-name' }, 'Name (any script)'), name),
  field('Kind', select('schema', SCHEMAS, '')),
  h('button', { type: 'submit' }, 'Screen'));
  const file = h('input', { type: 'file', name: 'csv', accept: '.csv,text/csv', id: 'batch-file' });
  const batch = h('form', { class: 'filters', 'aria-label': 'Screen a CSV of names', onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files.length) return fill(out, status('Choose a CSV file first.', 'error'));
    const rows = parseCsv(await file.files[0].text());
    if (rows.length && rows[0][0].trim().toLowerCase() === 'name') rows.shift();
    const queries = rows.slice(0, 1000).map((r) => (r[1] && r[1].trim() ? { name: r[0], schema: r[1].trim() } : { name: r[0] }));
    fill(out, status(`Screening ${queries.length} names…`));
    try {
      const r = await api('/screen/batch', { method: 'POST', body: { queries } });
      fill(out, h('p', {}, `${r.results.length} names screened${rows.length > 1000 ? ' (the first 1,000)' : ''}; ${r.results.filter((x) => x.matches && x.matches.length).length} with a match.`),
        r.results.map((x, i) => x.error ? status(`Row ${i + 1}: ${x.error}`, 'error') : matchesTable(`Row ${i + 1}: ${x.query.name}`, x)));
    } catch (err) {
      fill(out, status(err.message, 'error'));
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'batch-file' }, 'CSV of names (name[,kind])'), file),
  h('button', { type: 'submit' }, 'Screen the file'));
  fill(main, h('h1', {}, 'Screening'),
    h('p', { class: 'meta' }, 'Lists: ' + health.current.map((v) => `${v.source} version ${v.id ?? v.version} of ${v.generated || 'no date'}`).join('; ')),
    one, batch, out);
  name.focus();
}
