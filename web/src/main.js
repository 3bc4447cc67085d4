// The desk: a hash router over the pages, the login form, the navigation.
// Every page is a function (main element, route params) that fetches what it
// shows from /api/v1 and draws it; controls that change things are drawn only
// for analysts and admins (the API refuses viewers anyway).
import { h, fill, status } from './util.js';
import { disposeMaps } from './map.js';
import { session, login, logout } from './api.js';
import { queuePage } from './pages/queue.js';
import { alertPage } from './pages/alert.js';
import { casePage, casesPage } from './pages/case.js';
import { vesselPage } from './pages/vessel.js';
import { mapPage, prefetchMap } from './pages/map.js';
import { screeningPage } from './pages/screening.js';
import { councilPage } from './pages/council.js';
import { auditPage } from './pages/audit.js';

const ROUTES = [
  [/^#\/alerts\/(\d+)$/, alertPage, 'Alert'],
  [/^#\/cases\/(\d+)$/, casePage, 'Case'],
  [/^#\/cases$/, casesPage, 'Cases'],
  [/^#\/vessels\/(\d+)$/, vesselPage, 'Vessel'],
  [/^#\/map$/, mapPage, 'Map'],
  [/^#\/screening$/, screeningPage, 'Screening'],
  [/^#\/council$/, councilPage, 'Council'],
  [/^#\/audit$/, auditPage, 'Audit'],
  [/^#\/(alerts)?$/, queuePage, 'Alerts'],
];

const NAV = [
  ['#/map', 'Map'], ['#/alerts', 'Alerts'], ['#/cases', 'Cases'], ['#/screening', 'Screening'],
  ['#/council', 'Council'], ['#/audit', 'Audit'],
];

function header() {
  const s = session();
  const top = document.getElementById('top');
  if (!s) return fill(top, h('span', { class: 'brand' }, 'Watchkeeper'));
  const here = location.hash.split('?')[0] || '#/alerts';
  fill(top,
    h('span', { class: 'brand' }, 'Watchkeeper'),
    h('nav', { 'aria-label': 'Pages' }, h('ul', {}, NAV.map(([href, label]) =>
      h('li', {}, h('a', { href, 'aria-current': here.startsWith(href) ? 'page' : false }, label))))),
    h('span', { class: 'who' }, `${s.name} (${s.role})`),
    h('button', { type: 'button', id: 'logout', onclick: async () => { await logout(); location.hash = '#/login'; } }, 'Log out'));
}

function loginPage(main) {
  const name = h('input', { name: 'name', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'login', onsubmit: async (e) => {
    e.preventDefault();
    fill(msg);
    try {
      await login(name.value, password.value);
      prefetchMap();
      location.hash = sessionStorage.getItem('watchkeeper.next') || '#/alerts';
      sessionStorage.removeItem('watchkeeper.next');
    } catch (err) {
      fill(msg, status(err.message, 'error'));
    }
  } },
  h('h1', {}, 'Sign in to the desk'),
  h('div', { class: 'field' }, h('label', { for: 'login-name' }, 'Account'), Object.assign(name, { id: 'login-name' })),
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), Object.assign(password, { id: 'login-password' })),
  h('button', { type: 'submit' }, 'Sign in'), msg);
  fill(main, form);
  name.focus();
}

let generation = 0;

async function route() {
  const main = document.getElementById('main');
  const hash = location.hash || '#/alerts';
  const path = hash.split('?')[0];
  header();
  if (path === '#/login' || !session()) {
    if (path !== '#/login') sessionStorage.setItem('watchkeeper.next', hash);
    document.title = 'Sign in · Watchkeeper';
    return loginPage(main);
  }
  const mine = ++generation;
  disposeMaps();
  for (const [re, page, title] of ROUTES) {
    const m = path.match(re);
    if (!m) continue;
    document.title = `${title} · Watchkeeper`;
    main.dataset.page = title.toLowerCase();
    main.dataset.ready = 'false';
    fill(main, h('p', { class: 'loading' }, 'Loading…'));
    try {
      await page(main, m.slice(1), () => mine !== generation);
    } catch (err) {
      if (mine === generation && err.status !== 401) fill(main, h('h1', {}, title), status(err.message, 'error'));
    }
    if (mine === generation) {
      main.dataset.ready = 'true';
      main.focus({ preventScroll: true });
    }
    return;
  }
  fill(main, h('h1', {}, 'Not found'), h('p', {}, 'No page here. ', h('a', { href: '#/alerts' }, 'Go to the alerts.')));
}

window.addEventListener('hashchange', route);
route();
