// The dashboard's JSON endpoints, relative to the page's base URL, with the tokens that writes need.

let session = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `the request failed (${status})`);
    this.status = status;
    this.field = body ? body.field : undefined;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    if (session && session.token) headers[session.tokenHeader] = session.token;
    if (session && session.csrf) headers[session.csrf.header] = session.csrf.token;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`api/${path}`, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export async function loadSession() {
  session = await call('GET', 'session');
  return session;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const remove = (path) => call('DELETE', path);

export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== '' && value !== null && value !== undefined && value !== false) search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
