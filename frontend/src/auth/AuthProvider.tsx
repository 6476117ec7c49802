import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { fetchMe, logIn as requestToken, logOut as endSession } from '../api/endpoints';
import { onSessionExpired, refreshAccessToken } from '../api/session';
import { type Auth, AuthContext, type AuthState } from './context';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>({ status: 'starting' });

  // On start, the refresh cookie (if any) restores the session a reload dropped from memory.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const token = await refreshAccessToken();
      const me = token ? await fetchMe().catch(() => null) : null;
      if (cancelled) return;
      setState(me ? { status: 'signed-in', me } : { status: 'anonymous', reason: 'no-session' });
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      onSessionExpired(() => {
        queryClient.clear();
        setState({ status: 'anonymous', reason: 'expired' });
      }),
    [queryClient],
  );

  const logIn = useCallback(
    async (username: string, password: string) => {
      await requestToken(username, password);
      const me = await fetchMe();
      queryClient.clear();
      setState({ status: 'signed-in', me });
      return me;
    },
    [queryClient],
  );

  const logOut = useCallback(async () => {
    try {
      await endSession();
    } finally {
      queryClient.clear();
      setState({ status: 'anonymous', reason: 'logged-out' });
    }
  }, [queryClient]);

  const auth = useMemo<Auth>(() => ({ state, logIn, logOut }), [state, logIn, logOut]);
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
