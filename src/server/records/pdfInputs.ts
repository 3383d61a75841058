import { mapVersionsBetween } from '../../db/repos/maps.js';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { listDiagnoses } from '../../db/repos/diagnoses.js';
import { noteView, type ProgressNoteView } from '../../db/repos/notes.js';
import { chapterOf, getPlan, type PlanView } from '../../db/repos/plans.js';
import { getPractice } from '../../db/repos/practice.js';
import { chapters, clients, progressNotes, sessions, themes, users } from '../../db/schema/index.js';
import { phaseLabels, type Phase } from '../../domain/journey/phases.js';
import { noteFormatLabels, renderNote } from '../../domain/notes/format.js';
import { riskLevelLabels, serviceLabel } from '../../domain/notes/progress.js';
import type { Actor } from '../../domain/people/roles.js';
import { formatLabels, modalityLabels } from '../../domain/sessions/rules.js';
import { invalid, notFound } from '../../domain/shared/errors.js';
import type { ChapterSummaryPdfInput, PdfPlanVersion, PdfProgressNote, PlanPdfInput, PracticeHeader, ProgressNotePdfInput, Signature } from '../pdf/types.js';

/**
 * Maps records into the PDF renderers' inputs. Only progress notes, diagnoses, plans and the
 * chapter go in: relational notes have no way into a PDF.
 */
async function header(db: Db, practiceId: string): Promise<PracticeHeader> {
  const p = await getPractice(db, practiceId);
  return { name: p.name, timezone: p.timezone };
}

async function clientHeader(db: Db, practiceId: string, clientId: string) {
  const [c] = await db.select({ name: clients.name, dateOfBirth: clients.dateOfBirth }).from(clients).where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
  if (!c) throw notFound('The client');
  return { name: c.name, dateOfBirth: c.dateOfBirth };
}

async function credentialsOf(db: Db, practiceId: string, names: string[]) {
  if (names.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ displayName: users.displayName, credentials: users.credentials })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), inArray(users.displayName, names)));
  return new Map(rows.map((r) => [r.displayName, r.credentials]));
}

const labelOf = <T extends string>(labels: Record<T, string>, key: string): string => (labels as Record<string, string>)[key] ?? key;

async function pdfNote(db: Db, practiceId: string, note: ProgressNoteView): Promise<PdfProgressNote> {
  if (note.status !== 'signed' || !note.facts || !note.signedAt) throw invalid('Only signed notes are printed. Sign the note first.');
  const creds = await credentialsOf(db, practiceId, [note.signedByName, note.cosign?.supervisorName].filter((x): x is string => !!x));
  const signatures: Signature[] = [
    { label: 'Signed by', name: note.signedByName ?? note.authorName, credentials: creds.get(note.signedByName ?? ''), at: new Date(note.signedAt), contentHash: note.contentHash },
  ];
  if (note.cosign?.status === 'cosigned' && note.cosign.at && note.cosign.supervisorName) {
    signatures.push({ label: 'Co-signed by (supervisor)', name: note.cosign.supervisorName, credentials: creds.get(note.cosign.supervisorName), at: new Date(note.cosign.at) });
  }
  return {
    facts: {
      startsAt: new Date(note.facts.date),
      minutes: note.facts.minutes,
      modality: labelOf(modalityLabels, note.facts.modality),
      format: labelOf(formatLabels, note.facts.format),
      participants: note.facts.participants,
      serviceCode: note.facts.serviceCode,
      serviceLabel: serviceLabel(note.facts.serviceCode),
      // A unit's session names whose diagnosis each is.
      diagnoses: note.facts.diagnoses.map(({ person, ...d }) => (person ? { ...d, description: `${person}: ${d.description}` } : d)),
      movements: note.facts.movements.map((m) => m.name),
    },
    formatLabel: noteFormatLabels[note.format],
    // A unit's note: each person's own section after the common part (in one client's record, only theirs).
    sections: [
      ...renderNote(note.format, note.fields),
      ...note.personSections.filter((p) => p.text.trim() !== '').map((p) => ({ heading: `For ${p.name} only`, text: p.text })),
    ],
    risk: { levelLabel: riskLevelLabels[note.risk.level], summary: note.risk.summary, actions: note.risk.actions },
    signatures,
    addenda: note.addenda.map((a) => ({ authorName: a.authorName, body: a.body, signedAt: new Date(a.signedAt), contentHash: a.contentHash })),
  };
}

export async function progressNotePdfInput(db: Db, actor: Actor, note: ProgressNoteView, generatedBy: string): Promise<ProgressNotePdfInput> {
  return {
    practice: await header(db, actor.practiceId),
    client: await clientHeader(db, actor.practiceId, note.clientId),
    ...(await pdfNote(db, actor.practiceId, note)),
    generatedAt: new Date(),
    generatedBy,
  };
}

async function themeNames(db: Db, practiceId: string, clientId: string) {
  const rows = await db.select({ id: themes.id, name: themes.name }).from(themes).where(and(eq(themes.practiceId, practiceId), eq(themes.clientId, clientId)));
  return new Map(rows.map((t) => [t.id, t.name]));
}

function pdfPlanVersion(v: PlanView['versions'][number], names: Map<string, string>): PdfPlanVersion {
  return {
    version: v.version,
    reviewDate: v.reviewDate,
    createdAt: new Date(v.createdAt),
    createdByName: v.createdByName,
    clientIntentions: v.content.clientIntentions,
    problems: v.content.problems.map((p) => ({
      statement: p.statement,
      goals: p.goals.map((g) => ({
        statement: g.statement,
        targetDate: g.targetDate,
        objectives: g.objectives.map((o) => ({ statement: o.statement, measure: o.measure, targetDate: o.targetDate })),
        interventions: g.interventions.map((i) => i.statement),
      })),
    })),
    themes: v.content.themeIds.map((id) => names.get(id) ?? '').filter(Boolean),
    acknowledgements: v.acknowledgements.map((a) => ({ name: `${a.name} (client)`, at: new Date(a.at) })),
    changes: v.changes,
    signatures: [{ label: 'Published by', name: v.createdByName, at: new Date(v.createdAt) }],
  };
}

export async function planPdfInput(db: Db, actor: Actor, clientId: string, chapterId: string, version: number, generatedBy: string): Promise<PlanPdfInput> {
  const chapter = await chapterOf(db, actor.practiceId, clientId, chapterId);
  const plan = await getPlan(db, actor, clientId, chapterId);
  const v = plan?.versions.find((x) => x.version === version);
  if (!v) throw notFound('That plan version');
  const base = pdfPlanVersion(v, await themeNames(db, actor.practiceId, clientId));
  return {
    ...base,
    signatures: base.signatures ?? [],
    practice: await header(db, actor.practiceId),
    client: await clientHeader(db, actor.practiceId, clientId),
    chapterNumber: chapter.number,
    generatedAt: new Date(),
    generatedBy,
  };
}

/** A chapter in full: its facts, transition summary, diagnoses, every plan version and every signed note. */
export async function chapterSummaryPdfInput(db: Db, actor: Actor, clientId: string, chapterId: string, generatedBy: string): Promise<ChapterSummaryPdfInput> {
  const chapter = await chapterOf(db, actor.practiceId, clientId, chapterId);
  const plan = await getPlan(db, actor, clientId, chapterId);
  const names = await themeNames(db, actor.practiceId, clientId);
  const noteRows = await db
    .select({ note: progressNotes })
    .from(progressNotes)
    .innerJoin(sessions, and(eq(sessions.practiceId, progressNotes.practiceId), eq(sessions.id, progressNotes.sessionId)))
    .where(
      and(
        eq(progressNotes.practiceId, actor.practiceId),
        eq(progressNotes.status, 'signed'),
        or(
          and(eq(progressNotes.clientId, clientId), isNull(sessions.unitId), eq(sessions.chapterId, chapterId)),
          // The notes of their units' sessions they came to, in this chapter of theirs.
          sql`exists (select 1 from session_attendees a where a.practice_id = ${sessions.practiceId} and a.session_id = ${sessions.id}
            and a.client_id = ${clientId} and a.chapter_id = ${chapterId} and a.attendance = 'attended')`,
        ),
      ),
    )
    .orderBy(asc(sessions.startsAt));
  const notes: PdfProgressNote[] = [];
  for (const r of noteRows) notes.push(await pdfNote(db, actor.practiceId, await noteView(db, actor.practiceId, r.note, undefined, undefined, clientId)));
  const dx = await listDiagnoses(db, actor.practiceId, clientId);
  const [phase] = await db.select({ phase: chapters.phase }).from(chapters).where(and(eq(chapters.practiceId, actor.practiceId), eq(chapters.id, chapterId)));
  return {
    practice: await header(db, actor.practiceId),
    client: await clientHeader(db, actor.practiceId, clientId),
    chapter: {
      number: chapter.number,
      openedAt: chapter.openedAt,
      endedAt: chapter.endedAt,
      phaseLabel: chapter.endedAt ? 'Ended' : (phaseLabels[(phase?.phase ?? chapter.phase) as Phase] ?? chapter.phase),
      openingNote: chapter.openingNote,
      transition:
        chapter.endedAt && chapter.whatWasLived !== null
          ? { whatWasLived: chapter.whatWasLived, whatRemainsOpen: chapter.whatRemainsOpen ?? '', doorLeftOpen: chapter.doorLeftOpen ?? '' }
          : null,
    },
    diagnoses: dx.map((d) => ({ code: d.code, description: d.description, primary: d.primary, context: d.context, startsOn: d.startsOn, endsOn: d.endsOn })),
    planVersions: (plan?.versions ?? []).slice().reverse().map((v) => pdfPlanVersion(v, names)),
    notes,
    relationalMaps: (await mapVersionsBetween(db, actor.practiceId, clientId, chapter.openedAt, chapter.endedAt)).map((v) => ({ number: v.number, savedAt: v.savedAt.toISOString(), label: v.label, map: v.map })),
    generatedAt: new Date(),
    generatedBy,
  };
}
