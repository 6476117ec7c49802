import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { useAuth } from './context';

export interface LoginRedirectState {
  from?: string;
  expired?: boolean;
}

/** Renders its children for a signed-in person; anyone else goes to the login page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'starting') return <FullPageSpinner />;
  if (state.status === 'anonymous') {
    // After logging out, the next person starts from their own home page.
    const redirect: LoginRedirectState =
      state.reason === 'logged-out'
        ? {}
        : {
            from: location.pathname + location.search + location.hash,
            expired: state.reason === 'expired',
          };
    return <Navigate to="/login" replace state={redirect} />;
  }
  return children;
}
