// Who is signed in, shared by every component.
import { createContext, useContext } from 'react';
import type { Me } from '../api/client';

export interface SessionState {
  me: Me;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

/** Returns the signed-in user (the app renders pages only when there is one). */
export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}

/** Returns true when the user's role is at least `need`. */
export function can(me: Me, need: Me['role']): boolean {
  const rank = { viewer: 0, analyst: 1, admin: 2 } as const;
  return rank[me.role] >= rank[need];
}
