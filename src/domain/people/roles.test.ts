import { describe, expect, it } from 'vitest';
import { type Actor, checkRoleSet, clientAccess } from './roles.js';

const actor = (userId: string, roles: Actor['roles'], clientId: string | null = null): Actor => ({
  practiceId: 'p',
  userId,
  roles,
  clientId,
});
const rel = { practitionerIds: ['pr1', 'assoc'], supervisorIdsOfAssociates: ['sup'] };

describe('who may see a client', () => {
  it('practitioners in relationship, supervisors of an associate in relationship, and admins', () => {
    expect(clientAccess(actor('pr1', ['practitioner']), 'c1', rel)).toBe('care');
    expect(clientAccess(actor('sup', ['supervisor', 'practitioner']), 'c1', rel)).toBe('supervision');
    expect(clientAccess(actor('adm', ['practice_admin']), 'c1', rel)).toBe('admin');
  });

  it('an unrelated practitioner or supervisor sees nothing', () => {
    expect(clientAccess(actor('pr9', ['practitioner']), 'c1', rel)).toBeNull();
    expect(clientAccess(actor('sup2', ['supervisor']), 'c1', rel)).toBeNull();
  });

  it('a client sees only their own record', () => {
    expect(clientAccess(actor('u', ['client'], 'c1'), 'c1', rel)).toBe('self');
    expect(clientAccess(actor('u', ['client'], 'c2'), 'c1', rel)).toBeNull();
  });

  it('a client account holds no staff role', () => {
    expect(checkRoleSet(['client', 'practitioner'])).toMatch(/cannot also/);
    expect(checkRoleSet(['practitioner', 'supervisor'])).toBeNull();
    expect(checkRoleSet([])).toMatch(/at least one/);
  });
});
