// The access token lives in memory only; the httpOnly refresh cookie brings it back after a reload.

type Listener = () => void;

const REFRESH_URL = '/api/v1/auth/refresh';
const LOCK_NAME = 'dvcq-refresh';

let accessToken: string | null = null;
let inFlight: Promise<string | null> | null = null;
const expiredListeners = new Set<Listener>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

async function requestNewToken(): Promise<string | null> {
  const response = await fetch(REFRESH_URL, { method: 'POST', credentials: 'same-origin' });
  if (!response.ok) return null;
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/**
 * Trade the refresh cookie for a new access token; null when the session is over.
 * Each cookie works once (the server revokes a reused one), so concurrent callers share
 * one request, and tabs take turns through a Web Lock.
 */
export function refreshAccessToken(): Promise<string | null> {
  inFlight ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      const token = locks
        ? await locks.request(LOCK_NAME, requestNewToken)
        : await requestNewToken();
      accessToken = token;
      return token;
    } catch {
      return null;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/** Told when a request was refused and the refresh cookie could not renew the session. */
export function onSessionExpired(listener: Listener): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export function expireSession(): void {
  accessToken = null;
  expiredListeners.forEach((listener) => listener());
}
