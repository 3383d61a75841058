import { randomUUID } from 'node:crypto';
import { sha256 } from '../repos/notes.js';
import { emptyProgressFields, type NoteFormat, type ProgressFields } from '../../domain/notes/format.js';
import { canonicalAddendumContent, canonicalNoteContent, inEffectOn, type SessionFacts, suggestServiceCode } from '../../domain/notes/progress.js';
import { emptyRelationalFields } from '../../domain/notes/relational.js';
import { describePlanChanges, type PlanContent } from '../../domain/plans/plan.js';
import type { NamedPrompt } from '../../domain/practice/settings.js';
import {
  diagnoses,
  noteAddenda,
  planVersions,
  progressNotes,
  psychotherapyNotes,
  sessionReflections,
  sessions,
  themeArcChanges,
  themes,
  themeTags,
  treatmentPlans,
} from '../schema/index.js';
import { themeKey } from '../../domain/themes/arc.js';
import { notePhrases, stories } from './documentation-data.js';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const DAY = 86_400_000;

export interface DocumentationPlan {
  themes: Row<typeof themes>[];
  themeArcChanges: Row<typeof themeArcChanges>[];
  themeTags: Row<typeof themeTags>[];
  diagnoses: Row<typeof diagnoses>[];
  progressNotes: Row<typeof progressNotes>[];
  noteAddenda: Row<typeof noteAddenda>[];
  psychotherapyNotes: Row<typeof psychotherapyNotes>[];
  treatmentPlans: Row<typeof treatmentPlans>[];
  planVersions: Row<typeof planVersions>[];
  sessionReflections: Row<typeof sessionReflections>[];
}

export interface DocumentationInput {
  practiceId: string;
  now: Date;
  /** The practice's calendar day of an instant. */
  localDay: (at: Date) => string;
  sessions: Row<typeof sessions>[];
  clients: Array<{ key: string; id: string; name: string; concerns: string; practitionerId: string; chapters: Array<{ id: string; endedAt: Date | null; openedAt: Date }> }>;
  staff: { names: Map<string, string>; associateId: string; supervisorId: string };
  movements: NamedPrompt[];
  /** A unit's session: the names of everyone who came (else the session's client). */
  participants?: Map<string, string[]>;
}

/**
 * A few months of documentation for the demo: signed notes (some shared with the client, one
 * with an addendum), drafts left unsigned long enough to be on the to-do list, the last days'
 * sessions without notes yet, an associate's note waiting for co-signature, relational notes
 * (one shared for supervision), themes with their arcs, diagnoses with context, and plans.
 */
const openNotes = new Set(['ines', 'dana-kofi']);

export function planDocumentation(input: DocumentationInput): DocumentationPlan {
  const out: DocumentationPlan = {
    themes: [],
    themeArcChanges: [],
    themeTags: [],
    diagnoses: [],
    progressNotes: [],
    noteAddenda: [],
    psychotherapyNotes: [],
    treatmentPlans: [],
    planVersions: [],
    sessionReflections: [],
  };
  const { practiceId, now } = input;
  const movementName = new Map(input.movements.map((m) => [m.key, m.name]));
  let pendingCosignLeft = 1;
  let sharedForSupervisionLeft = 1;
  const draftsLeft = new Map<string, number>();

  for (const client of input.clients) {
    const story = stories[client.key];
    const first = client.name.split(/\s+/)[0] ?? client.name;
    const held = input.sessions
      .filter((s) => s.clientId === client.id && s.status === 'held')
      .sort((a, b) => (a.startsAt as Date).getTime() - (b.startsAt as Date).getTime());

    // Diagnoses, with their context.
    const dx = (story?.diagnoses ?? []).map((d) => ({
      practiceId,
      id: randomUUID(),
      clientId: client.id,
      code: d.code,
      description: d.description,
      context: d.context,
      isPrimary: d.primary,
      startsOn: input.localDay(new Date(now.getTime() - d.daysAgo * DAY)),
      endsOn: null,
      createdBy: client.practitionerId,
      createdAt: new Date(now.getTime() - d.daysAgo * DAY),
    }));
    out.diagnoses.push(...dx);

    // Themes: created at the session they first came up in, moved along their arc over time.
    const themeIds = (story?.themes ?? []).map((t) => {
      const id = randomUUID();
      const firstSession = held[Math.min(t.fromSession, Math.max(0, held.length - 1))];
      const createdAt = (firstSession?.startsAt as Date | undefined) ?? new Date(now.getTime() - 30 * DAY);
      out.themes.push({ practiceId, id, clientId: client.id, name: t.name, nameKey: themeKey(t.name), description: t.description, createdBy: client.practitionerId, createdAt });
      t.arc.forEach((stage, i) => {
        const at = new Date(createdAt.getTime() + i * ((now.getTime() - createdAt.getTime()) / (t.arc.length + 0.5)));
        out.themeArcChanges.push({ practiceId, id: randomUUID(), themeId: id, stage, note: i === 0 ? '' : `Seen again; moving toward ${stage}.`, changedBy: client.practitionerId, changedAt: at });
      });
      return { id, fromSession: t.fromSession };
    });

    const ageOf = (i: number) => (now.getTime() - ((held[i]?.startsAt as Date | undefined)?.getTime() ?? 0)) / DAY;
    // The last days' sessions, and each client's latest one from the past week, are still to be written up.
    const unwritten = (i: number) => ageOf(i) < 3 || (i === held.length - 1 && ageOf(i) < 10);
    held.forEach((session, n) => {
      const startsAt = session.startsAt as Date;
      const age = ageOf(n);
      if (unwritten(n)) return;
      const author = session.practitionerId;
      const isAssociate = author === input.staff.associateId;
      const draftBudget = draftsLeft.get(author) ?? 1;
      const asDraft = age < 16 && draftBudget > 0 && !isAssociate && client.key !== 'ines';
      if (asDraft) draftsLeft.set(author, draftBudget - 1);
      const topic = story ? pick(story.topics, n) : `what brought ${first} here: ${client.concerns.split(/(?<=\.)\s/)[0] ?? client.concerns}`;
      const fields: ProgressFields = {
        ...emptyProgressFields(),
        clientReport: `${first} spoke about ${topic}.`,
        observations: pick(notePhrases.observations, n),
        interventions: pick(notePhrases.interventions, n + 1),
        response: pick(notePhrases.responses, n),
        assessment: pick(notePhrases.assessments, n + 2),
        plan: asDraft ? '' : pick(notePhrases.plans, n),
      };
      const tagged = themeIds.filter((t) => n >= t.fromSession && (n - t.fromSession) % 2 === 0).map((t) => t.id);
      const format: NoteFormat = n % 3 === 0 ? 'soap' : 'dap';
      const serviceCode = suggestServiceCode(session.format ?? 'individual', session.minutes ?? 50);
      const risk = { level: 'none' as const, summary: '', actions: '' };
      const noteId = randomUUID();
      const base = {
        practiceId,
        id: noteId,
        sessionId: session.id as string,
        clientId: client.id,
        chapterId: session.chapterId ?? null,
        authorId: author,
        format,
        fields,
        risk,
        serviceCode,
        themeIds: tagged,
        createdAt: new Date(startsAt.getTime() + 2 * 3600_000),
        updatedAt: new Date(startsAt.getTime() + 3 * 3600_000),
      };
      if (asDraft) {
        out.progressNotes.push({ ...base, status: 'draft' });
      } else {
        const signedAt = new Date(startsAt.getTime() + 20 * 3600_000);
        const day = input.localDay(startsAt);
        const facts: SessionFacts = {
          date: startsAt.toISOString(),
          minutes: session.minutes ?? 50,
          modality: session.modality ?? 'in_person',
          format: session.format ?? 'individual',
          participants: [...(input.participants?.get(session.id as string) ?? [client.name]), input.staff.names.get(author) ?? ''],
          serviceCode,
          diagnoses: inEffectOn(
            dx.map((d) => ({ ...d, startsOn: d.startsOn, endsOn: d.endsOn })),
            day,
          ).map((d) => ({ code: d.code, description: d.description, primary: d.isPrimary })),
          movements: (session.movements ?? []).map((key) => ({ key, name: movementName.get(key) ?? key })),
        };
        const contentHash = sha256(canonicalNoteContent({ format, fields, risk, serviceCode, facts, signedBy: author, signedAt: signedAt.toISOString() }));
        const pending = isAssociate && pendingCosignLeft > 0 && age < 14;
        if (pending) pendingCosignLeft -= 1;
        const latestSigned = n === held.length - 1 || unwritten(n + 1);
        out.progressNotes.push({
          ...base,
          status: 'signed',
          facts,
          signedAt,
          signedBy: author,
          contentHash,
          cosignStatus: isAssociate ? (pending ? 'pending' : 'cosigned') : null,
          cosignBy: isAssociate && !pending ? input.staff.supervisorId : null,
          cosignAt: isAssociate && !pending ? new Date(signedAt.getTime() + 26 * 3600_000) : null,
          // Inés reads her latest note; Dana and Kofi read their couple's (its common part).
          sharedWithClient: openNotes.has(client.key) && !!latestSigned,
          sharedAt: openNotes.has(client.key) && latestSigned ? signedAt : null,
          version: 2,
          updatedAt: signedAt,
        });
        if (n === 1 && story) {
          const at = new Date(signedAt.getTime() + 2 * DAY);
          const body = `${first} called two days later to say the week had been steadier; no change to the plan.`;
          out.noteAddenda.push({ practiceId, id: randomUUID(), noteId, authorId: author, body, signedAt: at, contentHash: sha256(canonicalAddendumContent({ noteHash: contentHash, body, signedBy: author, signedAt: at.toISOString() })) });
        }
        if (client.key === 'ines' && latestSigned) {
          out.sessionReflections.push({ practiceId, id: randomUUID(), sessionId: session.id as string, clientId: client.id, body: 'That I am allowed to miss my mother and still make a life here.', createdAt: signedAt, updatedAt: signedAt });
        }
      }
      for (const themeId of tagged) out.themeTags.push({ practiceId, themeId, sessionId: session.id as string, layer: 'progress', authorId: author, createdAt: base.createdAt });

      // A relational note for most sessions of the named stories: the author's alone.
      if (story && n % 2 === 0) {
        const shared = isAssociate && sharedForSupervisionLeft > 0;
        if (shared) sharedForSupervisionLeft -= 1;
        out.psychotherapyNotes.push({
          practiceId,
          id: randomUUID(),
          sessionId: session.id as string,
          clientId: client.id,
          authorId: author,
          fields: {
            ...emptyRelationalFields(),
            relationshipNow: pick(notePhrases.relationship, n),
            ownReactions: pick(notePhrases.reactions, n),
            whatEmerged: n === 0 ? 'Trust arriving slowly.' : '',
          },
          themeIds: [],
          sharedWithSupervisorId: shared ? input.staff.supervisorId : null,
          sharedAt: shared ? new Date(startsAt.getTime() + DAY) : null,
          createdAt: base.createdAt,
          updatedAt: base.updatedAt,
        });
      }
    });

    // A plan for the current (or last) chapter, where the story has one.
    const chapter = client.chapters[client.chapters.length - 1];
    if (story?.plan && chapter) {
      const planId = randomUUID();
      const ids = { p: randomUUID(), g: randomUUID(), o: randomUUID(), i: randomUUID() };
      const content = (goal: string, themeIdsIn: string[]): PlanContent => ({
        clientIntentions: story.plan!.intentions,
        problems: [
          {
            id: ids.p,
            statement: story.plan!.problem,
            goals: [
              {
                id: ids.g,
                statement: goal,
                targetDate: input.localDay(new Date(now.getTime() + 120 * DAY)),
                objectives: [{ id: ids.o, statement: story.plan!.objective, measure: story.plan!.measure, targetDate: input.localDay(new Date(now.getTime() + 60 * DAY)) }],
                interventions: [{ id: ids.i, statement: story.plan!.intervention }],
              },
            ],
          },
        ],
        themeIds: themeIdsIn,
      });
      const v1 = content(story.plan.goal, themeIds.slice(0, 1).map((t) => t.id));
      const v1At = new Date(Math.max(chapter.openedAt.getTime(), now.getTime() - 70 * DAY));
      out.planVersions.push({ practiceId, planId, version: 1, content: v1, reviewDate: input.localDay(new Date(v1At.getTime() + 90 * DAY)), changes: describePlanChanges(null, v1), createdBy: client.practitionerId, createdAt: v1At });
      let draft = v1;
      let reviewDate = input.localDay(new Date(v1At.getTime() + 90 * DAY));
      if (client.key === 'ines') {
        // A second version last week, which Inés has not yet read: her portal asks her to.
        const v2 = content(`${story.plan.goal}, and let them hold her sometimes`, themeIds.slice(0, 2).map((t) => t.id));
        const v2At = new Date(now.getTime() - 6 * DAY);
        const names = new Map(out.themes.map((t) => [t.id as string, t.name]));
        reviewDate = input.localDay(new Date(v2At.getTime() + 90 * DAY));
        out.planVersions.push({ practiceId, planId, version: 2, content: v2, reviewDate, changes: describePlanChanges(v1, v2, (id) => names.get(id) ?? 'a theme'), createdBy: client.practitionerId, createdAt: v2At });
        draft = v2;
      }
      out.treatmentPlans.push({ practiceId, id: planId, clientId: client.id, chapterId: chapter.id, draft, draftReviewDate: reviewDate, draftVersion: 1, draftUpdatedBy: client.practitionerId, createdAt: v1At, updatedAt: v1At });
    }
  }
  return out;
}
