import { z } from 'zod';

/**
 * A theme's arc: how a pattern that emerged moves through the work. The practitioner sets the
 * stage; every change is dated so the arc can be read later as a story.
 */
export const themeStages = ['emerging', 'recurring', 'transforming', 'integrated'] as const;
export const themeStageSchema = z.enum(themeStages);
export type ThemeStage = (typeof themeStages)[number];

export const themeStageLabels: Record<ThemeStage, string> = {
  emerging: 'Emerging',
  recurring: 'Recurring',
  transforming: 'Transforming',
  integrated: 'Integrated',
};

export const themeStageExplanations: Record<ThemeStage, string> = {
  emerging: 'First noticed; not yet known whether it will return.',
  recurring: 'It keeps coming back, in sessions or in life.',
  transforming: 'Its shape is changing: new responses, new meanings.',
  integrated: 'Held and lived with; it no longer organises things as it did.',
};

/** Names are matched without case or accents, so "Grief" and "grief" stay one theme. */
export function themeKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

export interface ThemeTag {
  sessionId: string;
  startsAt: Date;
  layer: 'progress' | 'relational';
  authorId: string;
}

export interface ArcChange {
  stage: ThemeStage;
  at: Date;
}

export interface ThemeSummary {
  firstSeenAt: Date | null;
  /** Sessions the theme appeared in, oldest first, one entry per session and layer seen by this reader. */
  sessions: Array<{ sessionId: string; startsAt: Date; layer: 'progress' | 'relational' }>;
  stage: ThemeStage;
  /** How many distinct sessions it returned in after the first. */
  returns: number;
}

/**
 * Reads a theme's history for one reader. Tags from relational notes are psychotherapy-note
 * content: they count only for their author, so others never learn a theme arose there.
 */
export function summariseTheme(tags: readonly ThemeTag[], arc: readonly ArcChange[], readerId: string): ThemeSummary {
  const visible = tags.filter((t) => t.layer === 'progress' || t.authorId === readerId).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const seen = new Set<string>();
  const sessions: ThemeSummary['sessions'] = [];
  for (const t of visible) {
    const key = `${t.sessionId}:${t.layer}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sessions.push({ sessionId: t.sessionId, startsAt: t.startsAt, layer: t.layer });
  }
  const distinctSessions = new Set(sessions.map((s) => s.sessionId)).size;
  const last = [...arc].sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);
  return {
    firstSeenAt: sessions[0]?.startsAt ?? null,
    sessions,
    stage: last?.stage ?? 'emerging',
    returns: Math.max(0, distinctSessions - 1),
  };
}

/** A theme is planned when the current plan links it in; the others arrived unplanned. */
export const isPlanned = (themeId: string, planThemeIds: readonly string[]): boolean => planThemeIds.includes(themeId);
