import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export type AuthState =
  | { status: 'starting' }
  // Why nobody is signed in: decides whether the login page says so and where it leads back.
  | { status: 'anonymous'; reason: 'no-session' | 'expired' | 'logged-out' }
  | { status: 'signed-in'; me: Me };

export interface Auth {
  state: AuthState;
  logIn: (username: string, password: string) => Promise<Me>;
  logOut: () => Promise<void>;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() outside <AuthProvider>');
  return auth;
}

/** The signed-in person; only for components under <RequireAuth>. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe() without a signed-in user');
  return state.me;
}
