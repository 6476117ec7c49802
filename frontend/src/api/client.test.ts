import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, unwrap } from './client';
import { ApiError } from './problem';
import { onSessionExpired, refreshAccessToken, setAccessToken } from './session';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = {
  type: 'about:blank',
  title: 'Chưa đăng nhập',
  status: 401,
  detail: 'Mã truy cập đã hết hạn',
  errors: [],
};

function stubNetwork(answer: (request: Request) => Response) {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo, init?: RequestInit) => {
    const request =
      input instanceof Request
        ? input
        : new Request(new URL(String(input), window.location.origin), init);
    calls.push(request);
    return answer(request);
  });
  return calls;
}

describe('the API client', () => {
  beforeEach(() => setAccessToken('old-token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    setAccessToken(null);
  });

  it('sends the bearer token', async () => {
    const calls = stubNetwork(() => json(200, {}));
    await unwrap(api.GET('/api/v1/meta/enums'));
    expect(calls[0]?.headers.get('Authorization')).toBe('Bearer old-token');
  });

  it('renews an expired access token once and replays the request', async () => {
    const calls = stubNetwork((request) => {
      if (request.url.endsWith('/auth/refresh')) return json(200, { access_token: 'new-token' });
      return request.headers.get('Authorization') === 'Bearer new-token'
        ? json(200, { ok: 1 })
        : json(401, problem);
    });
    await expect(unwrap(api.GET('/api/v1/auth/me'))).resolves.toEqual({ ok: 1 });
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual([
      '/api/v1/auth/me',
      '/api/v1/auth/refresh',
      '/api/v1/auth/me',
    ]);
  });

  it('ends the session when the refresh cookie no longer works', async () => {
    stubNetwork(() => json(401, problem));
    const expired = vi.fn();
    const unsubscribe = onSessionExpired(expired);
    const failure = unwrap(api.GET('/api/v1/auth/me'));
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledOnce();
    unsubscribe();
  });

  it('never sends the same refresh cookie twice at once (the server would revoke it)', async () => {
    const calls = stubNetwork(() => json(200, { access_token: 'new-token' }));
    const [first, second] = await Promise.all([refreshAccessToken(), refreshAccessToken()]);
    expect(first).toBe('new-token');
    expect(second).toBe('new-token');
    expect(calls).toHaveLength(1);
  });
});
