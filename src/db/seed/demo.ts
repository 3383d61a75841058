import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { searchTextOf } from '../../domain/clients/profile.js';
import type { Phase } from '../../domain/journey/phases.js';
import { defaultCommonFactors, defaultForceMovements, defaultPracticeSettings } from '../../domain/practice/defaults.js';
import { DomainError } from '../../domain/shared/errors.js';
import { hashPassword } from '../../server/auth/passwords.js';
import type { Db } from '../client.js';
import { type DocumentationPlan, planDocumentation } from './documentation.js';
import { type ConsentPlan, planConsents } from './consent.js';
import { type MapsPlan, planMaps } from './maps.js';
import { type MeasuresPlan, planMeasures } from './measures.js';
import {
  careRelationships,
  chapters,
  clients,
  consents,
  diagnoses,
  inquiries,
  inquiryReplies,
  measureResponses,
  measureSchedules,
  noteAddenda,
  phaseMoves,
  planVersions,
  practices,
  progressNotes,
  psychotherapyNotes,
  relationalMaps,
  relationalMapVersions,
  relationalUnits,
  riskAlerts,
  sessionAttendees,
  sessionReflections,
  sessions,
  supervisions,
  themeArcChanges,
  themes,
  themeTags,
  treatmentPlans,
  unitMembers,
  users,
} from '../schema/index.js';
import {
  demoClients,
  demoUnits,
  demoInquiries,
  demoPractice,
  demoSlug,
  demoStaff,
  demoSupervision,
  demoTimezone,
  type ClientSeed,
  type StaffKey,
} from './demo-data.js';

export interface DemoLogin {
  email: string;
  displayName: string;
  roles: string[];
  /** One line: what to look at when signed in as this person. */
  note: string;
}

export interface DemoSummary {
  practiceId: string;
  slug: string;
  practiceName: string;
  logins: DemoLogin[];
}

/** True once any practice exists (a fresh install offers the demo only before that). */
export async function hasAnyPractice(db: Db): Promise<boolean> {
  const rows = await db.select({ id: practices.practiceId }).from(practices).limit(1);
  return rows.length > 0;
}

/** True when the demo practice (slug `harbour`) exists. */
export async function demoExists(db: Db): Promise<boolean> {
  const rows = await db.select({ id: practices.practiceId }).from(practices).where(eq(practices.slug, demoSlug)).limit(1);
  return rows.length > 0;
}

/**
 * Creates the demo practice "Harbour Relational Health": staff, about twenty clients at every
 * point of the journey, five weeks of held sessions and three weeks ahead, and inquiries. All in
 * one transaction, so a failure leaves nothing half-made. Times are relative to `now`, so every
 * practitioner has a session on the practice's today whatever day it is seeded.
 */
export async function seedDemo(db: Db, opts: { password: string; now?: Date }): Promise<DemoSummary> {
  if (await demoExists(db)) throw alreadyExists();
  // argon2id takes ~50 ms: hash once and share it across the demo accounts.
  const passwordHash = await hashPassword(opts.password);
  const plan = planDemo(opts.now ?? new Date(), passwordHash);

  await db.transaction(async (tx) => {
    if (await demoExists(tx)) throw alreadyExists();
    await tx.insert(practices).values(plan.practice);
    await tx.insert(users).values(plan.users);
    await tx.insert(clients).values(plan.clients);
    await tx.insert(careRelationships).values(plan.careRelationships);
    await tx.insert(supervisions).values(plan.supervisions);
    await tx.insert(chapters).values(plan.chapters);
    await tx.insert(phaseMoves).values(plan.phaseMoves);
    await tx.insert(relationalUnits).values(plan.units);
    await tx.insert(unitMembers).values(plan.unitMembers);
    await tx.insert(sessions).values(plan.sessions);
    await tx.insert(sessionAttendees).values(plan.sessionAttendees);
    await tx.insert(inquiries).values(plan.inquiries);
    await tx.insert(inquiryReplies).values(plan.inquiryReplies);
    const doc = plan.documentation;
    if (doc) {
      // Row by row in a few batches: each table only once its parents are in.
      for (const [table, rows] of [
        [themes, doc.themes],
        [themeArcChanges, doc.themeArcChanges],
        [diagnoses, doc.diagnoses],
        [progressNotes, doc.progressNotes],
        [themeTags, doc.themeTags],
        [noteAddenda, doc.noteAddenda],
        [psychotherapyNotes, doc.psychotherapyNotes],
        [treatmentPlans, doc.treatmentPlans],
        [planVersions, doc.planVersions],
        [sessionReflections, doc.sessionReflections],
      ] as const) {
        if (rows.length > 0) await tx.insert(table).values(rows as never);
      }
    }
    const m = plan.measures;
    if (m) {
      if (m.measureSchedules.length) await tx.insert(measureSchedules).values(m.measureSchedules);
      if (m.measureResponses.length) await tx.insert(measureResponses).values(m.measureResponses);
      if (m.riskAlerts.length) await tx.insert(riskAlerts).values(m.riskAlerts);
    }
    if (plan.consent?.consents.length) await tx.insert(consents).values(plan.consent.consents);
    const maps = plan.maps;
    if (maps) {
      if (maps.relationalMaps.length) await tx.insert(relationalMaps).values(maps.relationalMaps);
      if (maps.relationalMapVersions.length) await tx.insert(relationalMapVersions).values(maps.relationalMapVersions);
    }
  });

  return { practiceId: plan.practice.practiceId, slug: demoSlug, practiceName: demoPractice.name, logins: plan.logins };
}

const alreadyExists = () => new DomainError('conflict', 'The demo practice already exists.');

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

interface DemoPlan {
  practice: Row<typeof practices> & { practiceId: string };
  users: Row<typeof users>[];
  clients: Row<typeof clients>[];
  careRelationships: Row<typeof careRelationships>[];
  supervisions: Row<typeof supervisions>[];
  chapters: Row<typeof chapters>[];
  phaseMoves: Row<typeof phaseMoves>[];
  sessions: Row<typeof sessions>[];
  units: Row<typeof relationalUnits>[];
  unitMembers: Row<typeof unitMembers>[];
  sessionAttendees: Row<typeof sessionAttendees>[];
  inquiries: Row<typeof inquiries>[];
  inquiryReplies: Row<typeof inquiryReplies>[];
  logins: DemoLogin[];
  documentation?: DocumentationPlan;
  measures?: MeasuresPlan;
  maps?: MapsPlan;
  consent?: ConsentPlan;
}

/** FORCE movements as a held session might have visited them: in order, with returns. */
const movementPatterns: string[][] = [
  ['f', 'o', 'r', 'e'],
  ['f', 'o', 'r', 'c', 'e'],
  ['f', 'r', 'o', 'r', 'e'],
  ['f', 'o', 'c', 'r', 'e'],
  ['f', 'o', 'r', 'c', 'r', 'e'],
  ['f', 'o', 'e'],
  ['f', 'o', 'r', 'o', 'c', 'e'],
];

const hours50 = [9, 10, 11, 13, 14, 15, 16, 17];
const hours80 = [9, 10, 13, 14, 15, 16];
const clinicianOrder: StaffKey[] = ['mariela', 'tavita', 'sam', 'hyunwoo'];

interface PlannedChapter {
  id: string;
  /** When the chapter left reaching out, i.e. when sessions can begin; null while still reaching out. */
  workStart: Date | null;
  openedAt: Date;
  endedAt: Date | null;
}

/** Every row the demo needs, computed without touching the database. */
function planDemo(now: Date, passwordHash: string): DemoPlan {
  const practiceId = randomUUID();
  const local = DateTime.fromJSDate(now, { zone: demoTimezone });
  const todayStart = local.startOf('day');
  const dayAt = (daysAgo: number, hour: number, minute = 0): Date =>
    todayStart.minus({ days: daysAgo }).set({ hour, minute }).toJSDate();

  const staffId = new Map<StaffKey, string>(demoStaff.map((s) => [s.key, randomUUID()]));
  const idOf = (key: StaffKey): string => {
    const id = staffId.get(key);
    if (!id) throw new Error(`Unknown demo staff member ${key}.`);
    return id;
  };
  const staffSince = dayAt(600, 9);

  const plan: DemoPlan = {
    practice: {
      practiceId,
      slug: demoSlug,
      name: demoPractice.name,
      timezone: demoTimezone,
      about: demoPractice.about,
      settings: { ...defaultPracticeSettings },
      forceMovements: defaultForceMovements.map((m) => ({ ...m })),
      commonFactors: defaultCommonFactors.map((f) => ({ ...f })),
      crisisResources: demoPractice.crisisResources,
      createdAt: staffSince,
    },
    users: demoStaff.map((s) => ({
      practiceId,
      id: idOf(s.key),
      email: s.email,
      displayName: s.displayName,
      pronouns: s.pronouns,
      roles: s.roles,
      credentials: s.credentials,
      passwordHash,
      passwordChangedAt: now,
      createdAt: staffSince,
    })),
    clients: [],
    careRelationships: [],
    supervisions: [
      { practiceId, supervisorId: idOf(demoSupervision.supervisor), superviseeId: idOf(demoSupervision.supervisee), since: dayAt(400, 9) },
    ],
    chapters: [],
    phaseMoves: [],
    sessions: [],
    units: [],
    unitMembers: [],
    sessionAttendees: [],
    inquiries: [],
    inquiryReplies: [],
    logins: demoStaff.map((s) => ({ email: s.email, displayName: s.displayName, roles: [...s.roles], note: s.note })),
  };

  const clientIds = new Map<string, string>();
  const slots = new SlotBook();

  // Today's hour for each practitioner: still ahead of now where the day allows.
  const hoursLeft = hours50.filter((h) => h > local.hour);
  const todayHour = (ci: number): number =>
    hoursLeft.length > 0 ? (hoursLeft[ci % hoursLeft.length] ?? 17) : ([14, 15, 16, 17][ci % 4] ?? 16);
  const todayIsWeekday = local.weekday <= 5;

  // Weekly hours first for the clients who fill today, then for everyone else.
  const slotOf = new Map<string, { weekday: number; hour: number }>();
  const byAnchorFirst = demoClients.map((c, ci) => ({ c, ci })).sort((a, b) => Number(!!b.c.todayAnchor) - Number(!!a.c.todayAnchor));
  for (const { c, ci } of byAnchorFirst) {
    if (!c.rhythm) continue;
    const clinician = clinicianOrder.indexOf(c.practitioner);
    slotOf.set(
      c.key,
      c.todayAnchor && todayIsWeekday
        ? slots.take(c.practitioner, local.weekday, todayHour(clinician), c.rhythm.minutes)
        : slots.pick(c.practitioner, ci + clinician, c.rhythm.minutes),
    );
  }

  demoClients.forEach((c, ci) => {
    const clientId = randomUUID();
    clientIds.set(c.key, clientId);
    const practitionerId = idOf(c.practitioner);

    const planned = planJourney(c, { clientId, practiceId, practitionerId, adminId: idOf('admin'), ci }, dayAt, plan);
    const last = c.chapters[c.chapters.length - 1];
    const lastPlanned = planned[planned.length - 1];
    const firstOpened = planned[0]?.openedAt ?? now;
    const currentPhase: Phase | 'ended' = last?.ended ? 'ended' : phaseOf(last?.moves);

    plan.clients.push({
      practiceId,
      id: clientId,
      name: c.name,
      legalName: c.legalName,
      pronouns: c.pronouns,
      culturalIdentities: c.culturalIdentities,
      communities: c.communities,
      email: c.email,
      phone: c.phone,
      preferredContact: c.preferredContact,
      dateOfBirth: c.dateOfBirth ?? null,
      emergencyContactName: c.emergencyContact.name,
      emergencyContactPhone: c.emergencyContact.phone,
      emergencyContactRelationship: c.emergencyContact.relationship,
      concerns: c.concerns,
      resilience: c.resilience,
      connection: c.connection,
      vitality: c.vitality,
      searchText: searchTextOf(c),
      currentPhase,
      primaryPractitionerId: practitionerId,
      createdAt: firstOpened,
      updatedAt: lastPlanned?.endedAt ?? now,
    });
    plan.careRelationships.push({ practiceId, clientId, practitionerId, kind: 'primary', since: firstOpened });
    for (const extra of c.additional ?? []) {
      const since = lastPlanned?.workStart ?? firstOpened;
      plan.careRelationships.push({ practiceId, clientId, practitionerId: idOf(extra), kind: 'additional', since });
    }

    if (c.portal) {
      plan.users.push({
        practiceId,
        id: randomUUID(),
        email: c.portal.email,
        displayName: c.name,
        pronouns: c.pronouns,
        roles: ['client'],
        passwordHash,
        passwordChangedAt: now,
        clientId,
        createdAt: firstOpened,
      });
      plan.logins.push({ email: c.portal.email, displayName: c.name, roles: ['client'], note: c.portal.note });
    }

    const rhythm = c.rhythm;
    const slot = slotOf.get(c.key);
    if (!rhythm || !slot) return;
    const clinician = clinicianOrder.indexOf(c.practitioner);
    const anchored = c.todayAnchor === true;
    const parity = anchored ? 0 : ci % 2;
    const seriesId = randomUUID();

    const starts: Array<{ at: DateTime; seriesId: string | null }> = [];
    const monday = local.startOf('week');
    for (let w = -6; w <= 4; w++) {
      if (rhythm.every === 'fortnightly' && (((w + parity) % 2) + 2) % 2 !== 0) continue;
      starts.push({ at: monday.plus({ weeks: w, days: slot.weekday - 1 }).set({ hour: slot.hour, minute: 0 }), seriesId });
    }
    // On a weekend the practitioner still has someone today: a one-off session outside the series.
    if (anchored && !todayIsWeekday) starts.push({ at: todayStart.set({ hour: todayHour(clinician) }), seriesId: null });

    const from = local.minus({ days: 35 });
    const until = local.plus({ days: 22 });
    const clientSessions: Row<typeof sessions>[] = [];
    for (const s of starts.sort((a, b) => a.at.toMillis() - b.at.toMillis())) {
      if (s.at < from || s.at > until) continue;
      const startsAt = s.at.toJSDate();
      const chapter = planned.find(
        (p) => p.workStart && p.workStart <= startsAt && (!p.endedAt || startsAt < p.endedAt),
      );
      if (!chapter?.workStart) continue;
      const past = startsAt < now;
      clientSessions.push({
        practiceId,
        id: randomUUID(),
        clientId,
        chapterId: chapter.id,
        practitionerId,
        seriesId: s.seriesId,
        startsAt,
        minutes: rhythm.minutes,
        format: rhythm.format,
        modality: rhythm.modality,
        status: past ? 'held' : 'scheduled',
        movements: past ? [...(movementPatterns[(ci + clientSessions.length) % movementPatterns.length] ?? [])] : [],
        createdBy: practitionerId,
        createdAt: chapter.workStart,
        updatedAt: past ? s.at.plus({ minutes: rhythm.minutes }).toJSDate() : chapter.workStart,
      });
    }

    // Cancellations and a no-show, counted back from the last session before today so today's list stays whole.
    const beforeToday = clientSessions.filter((s) => s.startsAt < todayStart.toJSDate()).reverse();
    for (const m of c.missed ?? []) {
      const s = beforeToday[m.nth - 1];
      if (!s) continue;
      s.status = m.status;
      s.statusNote = m.note;
      s.movements = [];
    }
    plan.sessions.push(...clientSessions);
  });

  const clientId = (key: string): string => {
    const id = clientIds.get(key);
    if (!id) throw new Error(`Unknown demo client ${key}.`);
    return id;
  };

  const { waiting, replied } = demoInquiries;
  const waitingAt = local.minus({ hours: waiting.hoursAgo }).toJSDate();
  const repliedAt = local.minus({ days: replied.daysAgo }).toJSDate();
  const answeredAt = local.minus({ days: replied.daysAgo - 1, hours: 2 }).toJSDate();
  const repliedId = randomUUID();
  plan.inquiries.push(
    {
      practiceId,
      id: randomUUID(),
      name: waiting.name,
      contact: waiting.contact,
      whatBrings: waiting.whatBrings,
      preferredPractitionerId: idOf(waiting.preferred),
      status: 'new',
      createdAt: waitingAt,
      updatedAt: waitingAt,
    },
    {
      practiceId,
      id: repliedId,
      name: replied.name,
      contact: replied.contact,
      whatBrings: replied.whatBrings,
      preferredPractitionerId: idOf(replied.preferred),
      status: 'replied',
      handledBy: idOf(replied.preferred),
      createdAt: repliedAt,
      updatedAt: answeredAt,
    },
  );
  plan.inquiryReplies.push({ practiceId, id: randomUUID(), inquiryId: repliedId, authorId: idOf(replied.preferred), body: replied.reply, createdAt: answeredAt });

  // Lucía reached out through the public page; her inquiry was accepted and became her record.
  const lucia = demoClients.find((c) => c.key === 'lucia');
  if (lucia) {
    const at = dayAt((lucia.chapters[0]?.openedDaysAgo ?? 3) + 1, 20, 15);
    plan.inquiries.push({
      practiceId,
      id: randomUUID(),
      name: lucia.name,
      contact: `${lucia.email} · ${lucia.phone}`,
      whatBrings: lucia.concerns,
      preferredPractitionerId: idOf(lucia.practitioner),
      status: 'accepted',
      clientId: clientId('lucia'),
      handledBy: idOf('admin'),
      createdAt: at,
      updatedAt: dayAt(lucia.chapters[0]?.openedDaysAgo ?? 3, 9),
    });
  }

  const participants = planUnits(plan, { practiceId, clientId, now });

  plan.documentation = planDocumentation({
    participants,
    practiceId,
    now,
    localDay: (at) => DateTime.fromJSDate(at, { zone: demoTimezone }).toISODate() ?? '',
    sessions: plan.sessions,
    clients: demoClients.map((c) => {
      const id = clientId(c.key);
      return {
        key: c.key,
        id,
        name: c.name,
        concerns: c.concerns,
        practitionerId: idOf(c.practitioner),
        chapters: plan.chapters
          .filter((ch) => ch.clientId === id)
          .sort((a, b) => (a.number ?? 0) - (b.number ?? 0))
          .map((ch) => ({ id: ch.id as string, endedAt: ch.endedAt ?? null, openedAt: ch.openedAt as Date })),
      };
    }),
    staff: {
      names: new Map(demoStaff.map((s) => [idOf(s.key), s.displayName])),
      associateId: idOf(demoSupervision.supervisee),
      supervisorId: idOf(demoSupervision.supervisor),
    },
    movements: defaultForceMovements,
  });
  plan.measures = planMeasures({
    practiceId,
    now,
    clients: demoClients.map((c) => ({ key: c.key, id: clientId(c.key), practitionerId: idOf(c.practitioner) })),
    sessions: plan.sessions,
  });
  plan.consent = planConsents({
    practiceId,
    now,
    localDay: (at) => DateTime.fromJSDate(at, { zone: demoTimezone }).toISODate() ?? '',
    clients: demoClients.map((c) => {
      const id = clientId(c.key);
      const opened = plan.chapters.filter((ch) => ch.clientId === id).map((ch) => ch.openedAt as Date).sort((a, b) => a.getTime() - b.getTime())[0];
      return { key: c.key, id, practitionerId: idOf(c.practitioner), openedAt: opened ?? now };
    }),
    phaseMoves: plan.phaseMoves,
  });
  plan.maps = planMaps({
    practiceId,
    clients: demoClients.map((c) => ({ key: c.key, id: clientId(c.key), name: c.name, practitionerId: idOf(c.practitioner) })),
    sessions: plan.sessions,
  });
  return plan;
}

/**
 * The demo's couples and families: each client keeps their own record; the unit's sessions (on
 * one client's rhythm) get an attendance list with each client in their own chapter. Answers the
 * names of who came to each unit session, for the notes' facts.
 */
function planUnits(plan: DemoPlan, ctx: { practiceId: string; clientId: (key: string) => string; now: Date }): Map<string, string[]> {
  const { practiceId } = ctx;
  const came = new Map<string, string[]>();
  for (const u of demoUnits) {
    const unitId = randomUUID();
    const created = plan.chapters.filter((ch) => u.clients.some((c) => ch.clientId === ctx.clientId(c.key))).map((ch) => (ch.openedAt as Date).getTime());
    const since = new Date(Math.min(...created, ctx.now.getTime()));
    plan.units.push({ practiceId, id: unitId, kind: u.kind, name: u.name, createdAt: since, updatedAt: since });
    const members = [
      ...u.clients.map((c) => ({ id: randomUUID(), clientId: ctx.clientId(c.key), name: '', relationship: c.relationship, attends: true })),
      ...u.related.map((r) => ({ id: randomUUID(), clientId: null, name: r.name, relationship: r.relationship, attends: r.attends })),
    ];
    members.forEach((m, i) => plan.unitMembers.push({ practiceId, unitId, ...m, joinedAt: new Date(since.getTime() + i) }));
    if (!u.sessionsOf) continue;
    const lead = ctx.clientId(u.sessionsOf);
    const names = u.clients.map((c) => demoClients.find((d) => d.key === c.key)?.name ?? c.key);
    for (const session of plan.sessions.filter((s) => s.clientId === lead)) {
      session.unitId = unitId;
      const startsAt = session.startsAt as Date;
      members
        .filter((m) => m.clientId !== null || m.attends)
        .forEach((m, position) => {
          const chapter = plan.chapters.find((ch) => ch.clientId === m.clientId && (ch.openedAt as Date) <= startsAt && (!ch.endedAt || startsAt < ch.endedAt));
          plan.sessionAttendees.push({
            practiceId,
            sessionId: session.id as string,
            memberId: m.id,
            clientId: m.clientId,
            chapterId: (chapter?.id as string | undefined) ?? null,
            attendance: session.status === 'held' ? 'attended' : 'expected',
            position,
          });
        });
      if (session.status === 'held') came.set(session.id as string, names);
    }
  }
  return came;
}

function phaseOf(moves: ReadonlyArray<{ to: Phase }> | undefined): Phase {
  return moves?.[moves.length - 1]?.to ?? 'reaching_out';
}

/** Chapters and their phase moves for one client; returns what sessions need to find their chapter. */
function planJourney(
  c: ClientSeed,
  ids: { clientId: string; practiceId: string; practitionerId: string; adminId: string; ci: number },
  dayAt: (daysAgo: number, hour: number, minute?: number) => Date,
  plan: DemoPlan,
): PlannedChapter[] {
  const { clientId, practiceId, practitionerId, ci } = ids;
  const planned: PlannedChapter[] = [];
  c.chapters.forEach((ch, i) => {
    const id = randomUUID();
    // A chapter still reaching out was opened by the admin who took the first contact.
    const openerId = ch.moves.length ? practitionerId : ids.adminId;
    const openedAt = dayAt(ch.openedDaysAgo, 9 + (ci % 4), 15);
    const endedAt = ch.ended ? dayAt(ch.ended.daysAgo, 17, 30) : null;
    const previous = planned[i - 1];
    plan.chapters.push({
      practiceId,
      id,
      clientId,
      number: i + 1,
      phase: phaseOf(ch.moves),
      openedAt,
      openedBy: openerId,
      openingNote: ch.openingNote,
      previousChapterId: previous?.id ?? null,
      endedAt,
      endedBy: endedAt ? practitionerId : null,
      whatWasLived: ch.ended?.whatWasLived ?? null,
      whatRemainsOpen: ch.ended?.whatRemainsOpen ?? null,
      doorLeftOpen: ch.ended?.doorLeftOpen ?? null,
    });
    plan.phaseMoves.push({ practiceId, id: randomUUID(), chapterId: id, clientId, fromPhase: null, toPhase: 'reaching_out', movedAt: openedAt, movedBy: openerId });
    let from: Phase = 'reaching_out';
    let workStart: Date | null = null;
    for (const m of ch.moves) {
      // Moves happen at the end of the day's work, after any session that prompted them.
      const movedAt = dayAt(m.daysAgo, 18, 10);
      workStart ??= movedAt;
      plan.phaseMoves.push({ practiceId, id: randomUUID(), chapterId: id, clientId, fromPhase: from, toPhase: m.to, movedAt, movedBy: practitionerId, note: m.note ?? '' });
      from = m.to;
    }
    // Sessions begin on the day assessment starts, not only after the evening move.
    if (workStart) workStart = DateTime.fromJSDate(workStart, { zone: demoTimezone }).startOf('day').toJSDate();
    planned.push({ id, workStart, openedAt, endedAt });
  });
  return planned;
}

/** Each practitioner's weekly hours, so two of their clients never share a time. */
class SlotBook {
  private readonly used = new Map<StaffKey, Set<string>>();

  private book(who: StaffKey): Set<string> {
    let set = this.used.get(who);
    if (!set) this.used.set(who, (set = new Set()));
    return set;
  }

  private free(who: StaffKey, weekday: number, hour: number, minutes: number): boolean {
    const book = this.book(who);
    // An 80-minute session runs into the next hour; a 50-minute one must not start inside one.
    const span = minutes > 60 ? [hour, hour + 1] : [hour];
    return span.every((h) => !book.has(`${weekday}-${h}`));
  }

  take(who: StaffKey, weekday: number, hour: number, minutes: number): { weekday: number; hour: number } {
    const book = this.book(who);
    book.add(`${weekday}-${hour}`);
    if (minutes > 60) book.add(`${weekday}-${hour + 1}`);
    return { weekday, hour };
  }

  /** A free weekday slot, spread over the week from a seed. */
  pick(who: StaffKey, seed: number, minutes: number): { weekday: number; hour: number } {
    const hours = minutes > 60 ? hours80 : hours50;
    const total = 5 * hours.length;
    // Steps of 7 visit every one of the 40 (or 30) slots before repeating.
    for (let k = 0; k < total; k++) {
      const n = (seed * 11 + k * 7) % total;
      const weekday = (n % 5) + 1;
      const hour = hours[Math.floor(n / 5)] ?? 9;
      if (this.free(who, weekday, hour, minutes)) return this.take(who, weekday, hour, minutes);
    }
    return this.take(who, 1, 9, minutes);
  }
}
