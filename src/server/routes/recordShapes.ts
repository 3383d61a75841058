import { z } from 'zod';
import { unitKinds } from '../../domain/units/units.js';
import { isoDate } from './schemas.js';

/** Wire shapes of the documentation routes. Dates go out as ISO strings (replayed answers too). */
const stamp = isoDate;

export const progressFieldsOut = z.object({
  clientReport: z.string(),
  observations: z.string(),
  interventions: z.string(),
  response: z.string(),
  assessment: z.string(),
  plan: z.string(),
});
export const riskOut = z.object({ level: z.string(), summary: z.string(), actions: z.string() });
export const factsOut = z.object({
  date: z.string(),
  minutes: z.number(),
  modality: z.string(),
  format: z.string(),
  participants: z.array(z.string()),
  serviceCode: z.string(),
  diagnoses: z.array(z.object({ code: z.string(), description: z.string(), primary: z.boolean(), person: z.string().optional() })),
  movements: z.array(z.object({ key: z.string(), name: z.string() })),
});

export const progressNoteOut = z.object({
  id: z.string(),
  sessionId: z.string(),
  sessionStartsAt: stamp.nullable(),
  clientId: z.string(),
  chapterId: z.string().nullable(),
  authorId: z.string(),
  authorName: z.string(),
  format: z.string(),
  fields: progressFieldsOut,
  risk: riskOut,
  serviceCode: z.string(),
  themeIds: z.array(z.string()),
  status: z.string(),
  signedAt: stamp.nullable(),
  signedByName: z.string().nullable(),
  contentHash: z.string().nullable(),
  facts: factsOut.nullable(),
  cosign: z.object({ status: z.string(), supervisorName: z.string().nullable(), at: stamp.nullable(), comment: z.string() }).nullable(),
  sharedWithClient: z.boolean(),
  /** A couple's, family's or group's session: its name, and a section for each client who came. */
  unitName: z.string().nullable(),
  personSections: z.array(z.object({ clientId: z.string(), name: z.string(), text: z.string(), shared: z.boolean() })),
  version: z.number(),
  createdAt: stamp,
  updatedAt: stamp,
  addenda: z.array(z.object({ id: z.string(), authorName: z.string(), body: z.string(), signedAt: stamp, contentHash: z.string() })),
  comments: z.array(z.object({ id: z.string(), authorName: z.string(), body: z.string(), createdAt: stamp })),
});

export const relationalNoteOut = z.object({
  id: z.string(),
  sessionId: z.string(),
  clientId: z.string(),
  authorId: z.string(),
  fields: z.object({ relationshipNow: z.string(), patterns: z.string(), ownReactions: z.string(), culturalSystemic: z.string(), whatEmerged: z.string() }),
  themeIds: z.array(z.string()),
  sharedWithSupervisorId: z.string().nullable(),
  sharedWithSupervisorName: z.string().nullable(),
  sharedAt: stamp.nullable(),
  version: z.number(),
  createdAt: stamp,
  updatedAt: stamp,
});

export const themeOut = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  description: z.string(),
  stage: z.string(),
  firstSeenAt: stamp.nullable(),
  sessions: z.array(z.object({ sessionId: z.string(), startsAt: stamp, layer: z.string() })),
  arc: z.array(z.object({ stage: z.string(), at: stamp, byName: z.string(), note: z.string() })),
  inPlan: z.boolean(),
});

export const diagnosisOut = z.object({
  id: z.string(),
  code: z.string(),
  description: z.string(),
  context: z.string(),
  primary: z.boolean(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: stamp,
  version: z.number(),
});

const objectiveOut = z.object({ id: z.string(), statement: z.string(), measure: z.string(), targetDate: z.string().nullable() });
const goalOut = z.object({
  id: z.string(),
  statement: z.string(),
  targetDate: z.string().nullable(),
  objectives: z.array(objectiveOut),
  interventions: z.array(z.object({ id: z.string(), statement: z.string() })),
});
export const planContentOut = z.object({
  clientIntentions: z.string(),
  problems: z.array(z.object({ id: z.string(), statement: z.string(), goals: z.array(goalOut) })),
  themeIds: z.array(z.string()),
});
export const planOut = z.object({
  id: z.string(),
  clientId: z.string(),
  chapterId: z.string(),
  draft: planContentOut,
  draftReviewDate: z.string().nullable(),
  draftVersion: z.number(),
  updatedAt: stamp,
  versions: z.array(
    z.object({
      version: z.number(),
      content: planContentOut,
      reviewDate: z.string(),
      createdAt: stamp,
      createdByName: z.string(),
      changes: z.array(z.string()),
      acknowledgements: z.array(z.object({ name: z.string(), at: stamp })),
    }),
  ),
});

export const portalPlanOut = z.object({
  planId: z.string(),
  version: z.number(),
  clientIntentions: z.string(),
  problems: planContentOut.shape.problems,
  reviewDate: z.string(),
  acknowledged: z.object({ name: z.string(), at: stamp }).nullable(),
});

export const portalNoteOut = z.object({
  id: z.string(),
  sessionStartsAt: stamp,
  practitionerName: z.string(),
  format: z.string(),
  /** The common part; empty when only my own section was shared with me. */
  sections: z.array(z.object({ heading: z.string(), text: z.string() })),
  /** A couple's, family's or group's session. */
  unitName: z.string().nullable(),
  unitKind: z.enum(unitKinds).nullable(),
  /** My own section of a unit's note, when it was shared with me. */
  mySection: z.string().nullable(),
  signedAt: stamp.nullable(),
  addenda: z.array(z.object({ body: z.string(), signedAt: stamp, authorName: z.string() })),
  comments: z.array(z.object({ id: z.string(), body: z.string(), createdAt: stamp, mine: z.boolean() })),
});

export const reflectionOut = z.object({ body: z.string(), version: z.number(), updatedAt: stamp });
