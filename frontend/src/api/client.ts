import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, isProblem } from './problem';
import type { paths } from './schema';
import { expireSession, getAccessToken, refreshAccessToken } from './session';

// Token, refresh and logout answer 401 for their own reasons: never retried or treated as expiry.
function isSessionEndpoint(url: string): boolean {
  const path = new URL(url, window.location.origin).pathname;
  return path.startsWith('/api/v1/auth/') && path !== '/api/v1/auth/me';
}

// A copy of each request taken before it is sent, since a sent body cannot be read again.
const unsent = new WeakMap<Request, Request>();

const bearerAuth: Middleware = {
  onRequest({ request }) {
    const token = getAccessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (!isSessionEndpoint(request.url)) unsent.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || isSessionEndpoint(request.url)) return response;
    // The access token lasts minutes: renew it once and replay, before giving up on the session.
    const replay = unsent.get(request);
    const token = await refreshAccessToken();
    if (!token || !replay) {
      expireSession();
      return response;
    }
    replay.headers.set('Authorization', `Bearer ${token}`);
    const retried = await fetch(replay);
    if (retried.status === 401) expireSession();
    return retried;
  },
};

/** The one client of the API; every path, parameter and payload is typed from openapi.json. */
export const api = createClient<paths>({
  // Absolute, because a Request outside a document (tests) has no base to resolve against.
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  // Looked up at call time, so tests can stand in for the network.
  fetch: (request) => globalThis.fetch(request),
});
api.use(bearerAuth);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The payload of a successful answer; any other answer is thrown as an ApiError. */
export async function unwrap<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
  // Absent only for a 204, whose T is void.
  return data as T;
}

/** Encodes an OAuth2 form (application/x-www-form-urlencoded), leaving out empty fields. */
export function formBody(fields: Record<string, string | null | undefined>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value != null) form.set(name, value);
  }
  return form;
}
