export interface Person {
  id: string;
  email: string;
  displayName: string;
  pronouns: string;
  credentials: string;
  roles: string[];
  active: boolean;
  mfaEnabled: boolean;
  supervisorIds: string[];
  clientId: string | null;
}

export interface Invite {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export const peopleKey = ['people'] as const;
