import { z } from 'zod';
import { draftText } from '../shared/text.js';

/**
 * The relational (process) note: what happened between practitioner and client. In law these
 * are psychotherapy notes, kept apart from the record and readable by their author only.
 */
export const relationalFieldKeys = ['relationshipNow', 'patterns', 'ownReactions', 'culturalSystemic', 'whatEmerged'] as const;
export type RelationalFieldKey = (typeof relationalFieldKeys)[number];

const field = draftText(20_000, 'Keep each part under 20,000 characters.');
export const relationalFieldsSchema = z.object({
  relationshipNow: field.default(''),
  patterns: field.default(''),
  ownReactions: field.default(''),
  culturalSystemic: field.default(''),
  whatEmerged: field.default(''),
});
export type RelationalFields = z.infer<typeof relationalFieldsSchema>;

export const relationalFieldLabels: Record<RelationalFieldKey, { label: string; prompt: string }> = {
  relationshipNow: { label: 'What is happening between us', prompt: 'The relationship as it is now: closeness, distance, trust, ruptures and repairs.' },
  patterns: { label: 'Patterns', prompt: 'What keeps returning, in the room and in their relationships.' },
  ownReactions: { label: 'My own reactions and history at play', prompt: 'What this stirs in you, and what of your own story may be in the room.' },
  culturalSystemic: { label: 'Cultural and systemic influences', prompt: 'Culture, identity, power, institutions and circumstances shaping what happens.' },
  whatEmerged: { label: 'What emerged', prompt: 'What arrived that nobody planned for.' },
};

export const emptyRelationalFields = (): RelationalFields => ({
  relationshipNow: '',
  patterns: '',
  ownReactions: '',
  culturalSystemic: '',
  whatEmerged: '',
});
