import { describe, expect, it } from 'vitest';
import type { UnitMember } from './types';
import { andList, attendanceInWords, defaultMinutes, isCurrentMember, memberWithRelationship, othersInUnit, shortNames, suggestUnitName } from './words';

const member = (over: Partial<UnitMember>): UnitMember => ({
  id: 'm',
  kind: 'client',
  clientId: null,
  name: 'Someone',
  relationship: '',
  note: '',
  attends: true,
  joinedAt: '2026-01-05T10:00:00Z',
  leftAt: null,
  ...over,
});

describe('suggesting a name for a new couple, family or group', () => {
  it('names a couple by the two first names', () => {
    expect(suggestUnitName('couple', ['Dana Whitaker', 'Kofi Asante'])).toBe('Dana & Kofi');
  });

  it('names a family by the surname everyone shares, or else by first names', () => {
    expect(suggestUnitName('family', ['Lena Moreau', 'Paul Moreau', 'Zoé moreau'])).toBe('The Moreau family');
    expect(suggestUnitName('family', ['Dana Whitaker', 'Kofi Asante', 'Ama'])).toBe('Dana, Kofi & Ama');
  });

  it('names a large group by its first two people and how many others', () => {
    expect(suggestUnitName('group', ['Ana Ruiz', 'Ben Ode', 'Cai Lin', 'Dev Rao', 'Eli Sands'])).toBe('Ana, Ben and 3 others');
    expect(suggestUnitName('group', ['Ana Ruiz', 'Ben Ode'])).toBe('Ana & Ben');
  });

  it('uses full names when two people share a first name, and ignores empty rows', () => {
    expect(suggestUnitName('couple', ['Sam Lee', ' ', 'Sam Okoro'])).toBe('Sam Lee & Sam Okoro');
    expect(suggestUnitName('couple', [])).toBe('');
  });

  it('keeps a suggestion within the 120 characters a name may have', () => {
    const long = Array.from({ length: 3 }, (_, i) => `${'N'.repeat(60)}${i} Surname`);
    expect(suggestUnitName('couple', long).length).toBeLessThanOrEqual(120);
  });
});

describe('attendance in words', () => {
  it('says who attended and who was absent, by first name', () => {
    expect(
      attendanceInWords([
        { name: 'Dana Whitaker', attendance: 'attended' },
        { name: 'Kofi Asante', attendance: 'absent' },
      ]),
    ).toBe('Dana attended · Kofi absent');
  });

  it('puts people with the same attendance together', () => {
    expect(
      attendanceInWords([
        { name: 'Dana Whitaker', attendance: 'expected' },
        { name: 'Kofi Asante', attendance: 'expected' },
        { name: 'Ama', attendance: 'expected' },
      ]),
    ).toBe('Dana, Kofi and Ama expected');
    expect(attendanceInWords([])).toBe('');
  });
});

describe('members of a unit', () => {
  const unit = {
    members: [
      member({ id: 'a', clientId: 'dana', name: 'Dana Whitaker' }),
      member({ id: 'b', clientId: 'kofi', name: 'Kofi Asante', relationship: 'partner' }),
      member({ id: 'c', kind: 'related', name: 'Ama', relationship: 'daughter, 7', attends: false }),
      member({ id: 'd', clientId: 'old', name: 'Left Earlier', leftAt: '2026-02-01T10:00:00Z' }),
    ],
  };

  it('lists the other current members, not the client themself nor those who left', () => {
    expect(othersInUnit(unit, 'dana').map((m) => m.id)).toEqual(['b', 'c']);
    expect(isCurrentMember(unit, 'dana')).toBe(true);
    expect(isCurrentMember(unit, 'old')).toBe(false);
  });

  it('shows a relationship beside the name only when one was written', () => {
    expect(memberWithRelationship({ name: 'Kofi Asante', relationship: ' partner ' })).toBe('Kofi Asante (partner)');
    expect(memberWithRelationship({ name: 'Dana Whitaker', relationship: '' })).toBe('Dana Whitaker');
  });
});

describe('small words', () => {
  it('joins a list with commas and a final “and”', () => {
    expect(andList(['a'])).toBe('a');
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('keeps first names unless they repeat', () => {
    expect(shortNames(['Dana Whitaker', 'dana Obi', 'Kofi'])).toEqual(['Dana Whitaker', 'dana Obi', 'Kofi']);
  });

  it('offers 80 minutes for couples and families and 90 for groups', () => {
    expect([defaultMinutes('couple'), defaultMinutes('family'), defaultMinutes('group')]).toEqual([80, 80, 90]);
  });
});
