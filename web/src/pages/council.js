// The Council: the regime's timeline (resolutions, votes, vetoes, mandate
// renewals, the 2024 veto and the end of the Panel), a what-if on any
// recorded vote (change any member's ballot, see the outcome under Art. 27),
// and the measures in force on a chosen date.
import { h, fill, when, field, select, status, table } from '../util.js';
import { api } from '../api.js';

const BALLOTS = [['yes', 'yes'], ['no', 'no'], ['abstain', 'abstain'], ['absent', 'absent'], ['not_participating', 'not participating']];

export async function councilPage(main, _p, stale) {
  const history = await api('/council/history');
  if (stale()) return;
  const drafts = history.events.filter((e) => e.kind === 'failed_draft' || e.kind === 'resolution');
  const whatIf = h('section', { id: 'what-if', 'aria-labelledby': 'wi-h' });
  const inForce = h('section', { id: 'in-force', 'aria-labelledby': 'if-h' });
  fill(main, h('h1', {}, `Council: the ${history.regime} regime`),
    h('div', { class: 'two' },
      h('section', { 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, 'Timeline'),
        h('ol', { class: 'council-timeline', tabindex: 0, 'aria-label': 'The regime’s timeline, oldest first' }, history.events.map((e) => h('li', { class: 'ev-' + e.kind + (e.vetoed_by && e.vetoed_by.length ? ' vetoed' : '') },
          h('p', {}, h('time', { datetime: e.date }, e.date), ' ', h('strong', {}, e.symbol || ''), ' ', h('span', { class: 'badge' }, e.kind.replaceAll('_', ' ')),
            e.tally ? ` ${e.tally}` : '', e.vetoed_by && e.vetoed_by.length ? h('span', { class: 'badge veto' }, 'veto: ' + e.vetoed_by.join(', ')) : null),
          h('p', { class: 'ev-text' }, e.text))))),
      h('div', {}, whatIf, inForce)));
  drawWhatIf(whatIf, drafts);
  drawInForce(inForce);
}

async function drawWhatIf(el, drafts) {
  const pick = select('draft', drafts.map((d) => [d.symbol, `${d.date} ${d.symbol} (${d.tally}${d.vetoed_by.length ? ', vetoed' : ''})`]), 'S/2024/255');
  pick.id = 'wi-draft';
  const ballots = h('div', { class: 'ballots' });
  const result = h('div', { id: 'wi-result', 'aria-live': 'polite' });
  let recorded = null;
  const load = async () => {
    recorded = await api('/council/recorded', { query: { draft: pick.value } });
    fill(ballots, h('fieldset', {}, h('legend', {}, `Ballots as recorded on ${recorded.date}: change any`),
      h('div', { class: 'ballot-grid' }, Object.entries(recorded.votes).map(([code, b]) => {
        const s = select(code, BALLOTS, b);
        s.id = 'ballot-' + code;
        s.dataset.recorded = b;
        return h('div', { class: 'field' }, h('label', { for: s.id }, code), s);
      }))));
    await run();
  };
  const run = async () => {
    const changes = {};
    for (const s of ballots.querySelectorAll('select')) if (s.value !== s.dataset.recorded) changes[s.name] = s.value;
    const r = await api('/council/what-if', { method: 'POST', body: { draft: pick.value, changes } });
    fill(result, h('p', { class: 'outcome ' + (r.adopted ? 'adopted' : 'failed') }, h('strong', {}, r.adopted ? 'Adopted' : 'Not adopted'),
      ` (${r.yes}-${r.no}-${r.abstain}${r.vetoed_by.length ? ', vetoed by ' + r.vetoed_by.join(', ') : ''}); as recorded: ${r.recorded_adopted ? 'adopted' : 'not adopted'}.`),
    h('p', {}, r.reason), r.changes.length ? h('p', { class: 'meta' }, 'Changed: ' + r.changes.join('; ')) : null);
  };
  pick.addEventListener('change', load);
  ballots.addEventListener('change', run);
  fill(el, h('h2', { id: 'wi-h' }, 'What if?'), h('div', { class: 'field' }, h('label', { for: 'wi-draft' }, 'Recorded vote'), pick), ballots, result);
  await load();
}

async function drawInForce(el) {
  const date = h('input', { type: 'date', id: 'if-date', name: 'date', value: '2024-05-01' });
  const out = h('div', { 'aria-live': 'polite' });
  const show = async () => {
    const r = await api('/council/in-force', { query: { date: date.value } });
    fill(out,
      h('h3', {}, 'Mandates'), r.mandates.length ? h('ul', {}, r.mandates.map((m) => h('li', {}, `${m.name || m.id} (${m.resolution}, since ${m.from}${m.expires ? ', until ' + m.expires : ''})`))) : h('p', {}, 'None in force on this date.'),
      h('h3', {}, `Measures (${r.measures.length})`),
      table(null, [
        { label: 'Measure', cell: (m) => [h('strong', {}, m.id), h('br'), m.title] },
        { label: 'Resolution', cell: (m) => `${m.resolution || ''}${m.paragraph ? ' para ' + m.paragraph : ''}` },
        { label: 'Since', cell: (m) => m.from || '' },
        { label: 'Text', cell: (m) => m.text ? h('details', {}, h('summary', {}, 'the paragraph'), h('p', {}, m.text)) : '' },
      ], r.measures, { class: 'measures-table' }));
  };
  date.addEventListener('change', show);
  fill(el, h('h2', { id: 'if-h' }, 'In force on a date'), h('div', { class: 'field' }, h('label', { for: 'if-date' }, 'Date'), date), out);
  await show();
}
