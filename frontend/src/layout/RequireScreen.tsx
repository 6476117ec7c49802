import type { ReactNode } from 'react';
import { useMe } from '../auth/context';
import { NotAllowed } from '../pages/Problems';
import { NAV_ITEMS } from './navigation';

/** A screen reached by its address shows only to those its menu entry is shown to. */
export function RequireScreen({ path, children }: { path: string; children: ReactNode }) {
  const me = useMe();
  const item = NAV_ITEMS.find((candidate) => candidate.path === path);
  return item && item.allowed(me) ? children : <NotAllowed />;
}
