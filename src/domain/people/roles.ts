import { z } from 'zod';

export const roles = ['practice_admin', 'practitioner', 'associate', 'supervisor', 'client'] as const;
export const roleSchema = z.enum(roles);
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  practice_admin: 'Practice admin',
  practitioner: 'Practitioner',
  associate: 'Associate (pre-licensed)',
  supervisor: 'Supervisor',
  client: 'Client',
};

/** Roles that see clients clinically; these may be required to use two-factor sign-in. */
export const clinicalRoles: readonly Role[] = ['practitioner', 'associate', 'supervisor'];

export const isClinician = (r: readonly string[]): boolean => r.some((x) => (clinicalRoles as readonly string[]).includes(x));
export const isAdmin = (r: readonly string[]): boolean => r.includes('practice_admin');
export const isClientUser = (r: readonly string[]): boolean => r.includes('client');

/** A client account is only ever a client; staff roles combine freely. */
export function checkRoleSet(r: readonly Role[]): string | null {
  if (r.length === 0) return 'Choose at least one role.';
  if (r.includes('client') && r.length > 1) return 'A client account cannot also hold a staff role.';
  return null;
}

/** The role written to the audit log: the most powerful one used for the action. */
export function primaryRole(r: readonly string[]): Role {
  for (const x of ['practice_admin', 'supervisor', 'practitioner', 'associate', 'client'] as const) if (r.includes(x)) return x;
  return 'client';
}

export interface Actor {
  practiceId: string;
  userId: string;
  roles: readonly Role[];
  /** For a client account, the client record it belongs to. */
  clientId: string | null;
}

/** Why a person may see a client, or null: the one rule every clinical read goes through. */
export type ClientAccess = 'admin' | 'care' | 'supervision' | 'self';

export interface ClientRelations {
  /** Practitioners in relationship with the client (primary and others added). */
  practitionerIds: readonly string[];
  /** For each of those practitioners who is an associate, their supervisors. */
  supervisorIdsOfAssociates: readonly string[];
}

export function clientAccess(actor: Actor, clientId: string, rel: ClientRelations): ClientAccess | null {
  if (actor.roles.includes('client')) return actor.clientId === clientId ? 'self' : null;
  if (rel.practitionerIds.includes(actor.userId)) return 'care';
  if (rel.supervisorIdsOfAssociates.includes(actor.userId)) return 'supervision';
  if (actor.roles.includes('practice_admin')) return 'admin';
  return null;
}
