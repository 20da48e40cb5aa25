// The HybridOrders REST API as the page uses it: every call sends the X-Api-Key; failures become ApiError
// (the server answered with a problem) or UnreachableError (no answer at all).

const BASE = new URL('../api/v1/', document.baseURI); // the page lives at /monitor/, the API at /api/v1/

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.code = problem?.code;
  }
}

export class UnreachableError extends Error {}

export function createApi(key) {
  async function request(method, path, body) {
    let response;
    try {
      response = await fetch(new URL(path, BASE), {
        method,
        headers: { 'X-Api-Key': key, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        cache: 'no-store',
      });
    } catch (e) {
      throw new UnreachableError(`The API cannot be reached (${e.message}).`);
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (response.status >= 500 && !json) throw new UnreachableError(`The API answered ${response.status}.`);
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  /** Every page of a list ({ items, nextCursor }), up to maxPages. */
  async function all(path, maxPages = 4) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < maxPages; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const result = await request('GET', cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
      items.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    all,
  };
}
