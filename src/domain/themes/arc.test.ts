import { describe, expect, it } from 'vitest';
import { summariseTheme, themeKey } from './arc.js';

const at = (d: string) => new Date(`${d}T15:00:00Z`);

describe('a theme’s history', () => {
  const tags = [
    { sessionId: 's2', startsAt: at('2026-02-01'), layer: 'progress' as const, authorId: 'me' },
    { sessionId: 's1', startsAt: at('2026-01-01'), layer: 'relational' as const, authorId: 'me' },
    { sessionId: 's2', startsAt: at('2026-02-01'), layer: 'relational' as const, authorId: 'me' },
    { sessionId: 's3', startsAt: at('2026-03-01'), layer: 'progress' as const, authorId: 'colleague' },
  ];

  it('dates the first appearance and lists the sessions it returned in, oldest first', () => {
    const s = summariseTheme(tags, [], 'me');
    expect(s.firstSeenAt).toEqual(at('2026-01-01'));
    expect(s.sessions.map((x) => `${x.sessionId}:${x.layer}`)).toEqual(['s1:relational', 's2:progress', 's2:relational', 's3:progress']);
    expect(s.returns).toBe(2);
    expect(s.stage).toBe('emerging');
  });

  it('hides tags from someone else’s relational notes, so nobody learns where a theme arose privately', () => {
    const s = summariseTheme(tags, [], 'colleague');
    expect(s.sessions.map((x) => x.sessionId)).toEqual(['s2', 's3']);
    expect(s.firstSeenAt).toEqual(at('2026-02-01'));
  });

  it('takes the stage from the latest dated arc change', () => {
    const arc = [
      { stage: 'transforming' as const, at: at('2026-03-01') },
      { stage: 'emerging' as const, at: at('2026-01-01') },
      { stage: 'recurring' as const, at: at('2026-02-01') },
    ];
    expect(summariseTheme([], arc, 'me').stage).toBe('transforming');
  });
});

describe('theme names', () => {
  it('match without case, accents or extra spaces', () => {
    expect(themeKey('  Être   la FORTE ')).toBe(themeKey('etre la forte'));
    expect(themeKey('Grief')).not.toBe(themeKey('Griefs'));
  });
});
