// The desk talks only to /api/v1 with the session token of its login, kept
// in sessionStorage (gone when the tab closes). A 401 sends it back to the
// login page.
const KEY = 'watchkeeper.session';

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

export function canChange() {
  const s = session();
  return !!s && (s.role === 'analyst' || s.role === 'admin');
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error + (body.field ? ` (${body.field})` : '') : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function login(name, password) {
  const res = await fetch('api/v1/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  sessionStorage.setItem(KEY, JSON.stringify({ token: body.token, name: body.name, role: body.role, expires: body.expires }));
  return body;
}

export async function logout() {
  const s = session();
  sessionStorage.removeItem(KEY);
  if (s) await fetch('api/v1/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + s.token } }).catch(() => {});
}

// api('/alerts', {query: {rule: 'x'}}) or api('/cases', {method: 'POST', body: {...}}).
// Returns the parsed JSON, the text with {text: true}, a Blob with {blob: true}.
export async function api(path, { method = 'GET', body, query, text = false, blob = false } = {}) {
  const s = session();
  const url = new URL('api/v1' + path, document.baseURI);
  for (const [k, v] of Object.entries(query || {})) if (v !== '' && v !== undefined && v !== null) url.searchParams.set(k, v);
  const headers = { Authorization: 'Bearer ' + (s ? s.token : '') };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    sessionStorage.removeItem(KEY);
    location.hash = '#/login';
    throw new ApiError(401, await res.json().catch(() => null));
  }
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
  return blob ? res.blob() : text ? res.text() : res.json();
}
