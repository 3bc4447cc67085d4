// Small DOM helpers: every text goes in through textContent, never as HTML.

// h('a', {href: '#/alerts/3', class: 'x'}, 'text', child...) -> an element.
// Attributes starting with "on" are listeners; false/null/undefined skip.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style') el.style.cssText = v;  // CSSOM: allowed by the page's CSP
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// Replaces the children of `el`.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// "2024-01-02T03:04:05Z" -> "2024-01-02 03:04Z"; Unix seconds too.
export function when(t) {
  if (t === null || t === undefined || t === '') return '';
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return d.toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

export function iso(seconds) {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function seconds(t) {
  return Math.floor(new Date(t).getTime() / 1000);
}

// A table: columns [{label, cell: row => node|text}], rows.
export function table(caption, columns, rows, attrs = {}) {
  return h('table', attrs,
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', {}, c.cell(r)))))));
}

// A labelled form control.
export function field(label, control) {
  const id = control.id || ('f-' + Math.random().toString(36).slice(2, 9));
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

export function select(name, options, value) {
  return h('select', { name },
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export function status(text, kind = 'info') {
  return h('p', { class: 'status ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

// The query of a hash route "#/alerts?rule=x" as an object.
export function hashQuery() {
  const q = location.hash.split('?')[1] || '';
  return Object.fromEntries(new URLSearchParams(q));
}

export function shipLabel(v) {
  const name = v.name || '(no name)';
  return `${name} (${v.mmsi}${v.flag ? ', ' + v.flag : ''})`;
}

// Draws the current page again (after a change).
export function rerender() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
