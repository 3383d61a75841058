import { describe, expect, it } from 'vitest';
import { expectedAttendees, heldAttendanceProblem, membershipProblem } from './units.js';

const client = (leftAt: string | null = null) => ({ kind: 'client' as const, leftAt, attends: true });
const related = (attends: boolean, leftAt: string | null = null) => ({ kind: 'related' as const, leftAt, attends });

describe('who makes up a couple, family or group', () => {
  it('needs a client of the practice, whatever else is in it', () => {
    expect(membershipProblem('family', [related(true), related(false)])).toMatch(/at least one client/);
    expect(membershipProblem('family', [client(), related(false)])).toBeNull();
    // Someone who left does not count.
    expect(membershipProblem('group', [client('2026-01-01'), related(true)])).toMatch(/at least one client/);
  });

  it('keeps a couple to two current people, and lets one who left make room', () => {
    expect(membershipProblem('couple', [client(), client()])).toBeNull();
    expect(membershipProblem('couple', [client(), client(), related(false)])).toMatch(/two people/);
    expect(membershipProblem('couple', [client(), client('2025-06-01'), client()])).toBeNull();
  });

  it('puts every current client and each related person who comes on a new session’s list', () => {
    const people = [client(), related(false), related(true), client('2025-01-01')];
    expect(expectedAttendees(people)).toEqual([people[0], people[2]]);
  });

  it('will not call a unit’s session held when no client came', () => {
    expect(heldAttendanceProblem([{ clientId: 'a', attendance: 'absent' }, { clientId: null, attendance: 'attended' }])).toMatch(/Nobody/);
    expect(heldAttendanceProblem([{ clientId: 'a', attendance: 'expected' }])).toBeNull();
    // One client's own session has no list.
    expect(heldAttendanceProblem([])).toBeNull();
  });
});
