import { createContext, useContext } from 'react';

/** The signed-in person, as GET /api/auth/me returns it. */
export interface Me {
  user: {
    id: string;
    email: string;
    displayName: string;
    pronouns: string;
    roles: string[];
    clientId: string | null;
    mfaEnabled: boolean;
  };
  practice: {
    id: string;
    slug: string;
    name: string;
    timezone: string;
    idleTimeoutMinutes: number;
  };
  mustSetUpMfa: boolean;
  idleExpiresAt: string;
}

export const SessionContext = createContext<Me | null>(null);

/** The signed-in person. Only used inside signed-in pages. */
export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe() was called outside a signed-in page.');
  return me;
}

/** Optional variant for places that may render signed out. */
export function useMaybeMe(): Me | null {
  return useContext(SessionContext);
}

const staffRoles = ['practice_admin', 'practitioner', 'associate', 'supervisor'];

export function isAdmin(me: Me): boolean {
  return me.user.roles.includes('practice_admin');
}

export function isStaff(me: Me): boolean {
  return me.user.roles.some((r) => staffRoles.includes(r));
}

export function isClientOnly(me: Me): boolean {
  return !isStaff(me) && me.user.roles.includes('client');
}
