import { describe, expect, it } from 'vitest';
import { callNames, canonicalSections, sectionPeople, sectionText, withSection } from './unitWords';

const dana = '1b7a1d2e-0000-4000-8000-000000000002';
const kofi = '1b7a1d2e-0000-4000-8000-000000000001';

describe('how the people of a unit note are called', () => {
  it('calls each person by their first name when no one else on the list shares it', () => {
    const names = callNames([
      { clientId: dana, name: 'Dana Whitaker' },
      { clientId: kofi, name: 'Kofi Asante' },
    ]);
    expect(names.get(dana)).toBe('Dana');
    expect(names.get(kofi)).toBe('Kofi');
  });

  it('uses whole names for two group members who share a first name, so “Only for Sam” is never ambiguous', () => {
    const names = callNames([
      { clientId: 'a', name: 'Sam Lee' },
      { clientId: 'b', name: 'Sam Ortiz' },
      { clientId: 'c', name: 'Noor Haddad' },
    ]);
    expect([names.get('a'), names.get('b'), names.get('c')]).toEqual(['Sam Lee', 'Sam Ortiz', 'Noor']);
  });
});

describe('the person sections of a draft', () => {
  it('reads the same whatever order the sections were written in, so autosave does not save an unchanged note again', () => {
    const typedDanaFirst = withSection(withSection({ personSections: [] }, dana, 'For Dana'), kofi, 'For Kofi');
    const typedKofiFirst = withSection(withSection({ personSections: [] }, kofi, 'For Kofi'), dana, 'For Dana');
    expect(JSON.stringify(typedDanaFirst)).toBe(JSON.stringify(typedKofiFirst));
    expect(JSON.stringify(typedDanaFirst.personSections)).toBe(
      JSON.stringify(canonicalSections([
        { clientId: dana, text: 'For Dana' },
        { clientId: kofi, text: 'For Kofi' },
      ])),
    );
  });

  it('drops a section emptied by the writer, as the server keeps only sections with something written', () => {
    const written = withSection({ personSections: [] }, dana, 'For Dana');
    const emptied = withSection(written, dana, '');
    expect(emptied.personSections).toEqual([]);
    expect(sectionText(emptied, dana)).toBe('');
    // The draft it came from is left as it was.
    expect(sectionText(written, dana)).toBe('For Dana');
  });

  it('keeps only the client id and text of a saved section, so a saved note and its draft compare equal', () => {
    expect(canonicalSections([{ clientId: kofi, text: 'x', name: 'Kofi Asante', shared: true } as { clientId: string; text: string }])).toEqual([
      { clientId: kofi, text: 'x' },
    ]);
  });
});

describe('whose sections the note shows', () => {
  it('shows everyone who attended, and keeps a written section of someone since marked absent so their text is not hidden', () => {
    const people = sectionPeople(
      [{ clientId: dana, name: 'Dana Whitaker' }],
      [
        { clientId: dana, name: 'Dana Whitaker' },
        { clientId: kofi, name: 'Kofi Asante' },
      ],
    );
    expect(people).toEqual([
      { clientId: dana, name: 'Dana Whitaker' },
      { clientId: kofi, name: 'Kofi Asante' },
    ]);
  });

  it('shows a section for each attending client before anything is saved', () => {
    expect(sectionPeople([{ clientId: kofi, name: 'Kofi Asante' }, { clientId: dana, name: 'Dana Whitaker' }], []).map((p) => p.clientId)).toEqual([kofi, dana]);
  });
});
