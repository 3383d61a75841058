import { applySchedules } from '../../db/repos/measures.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { requireClientAccess } from '../../db/repos/access.js';
import { findCalendarOwner } from '../../db/repos/people.js';
import { getPractice } from '../../db/repos/practice.js';
import { recordAudit } from '../audit/log.js';
import {
  changeSessionStatus,
  feedSessions,
  getSession,
  listClientSessions,
  listSessionsInRange,
  listUnitSessions,
  recordAttendance,
  rescheduleSession,
  scheduleSessions,
  clientsOfSession,
  sessionAccess,
} from '../../db/repos/sessions.js';
import { requireUnit } from '../../db/repos/units.js';
import { attendanceValues, formatOfUnit } from '../../domain/units/units.js';
import { isAdmin, isClinician } from '../../domain/people/roles.js';
import { renderCalendar } from '../../domain/sessions/ical.js';
import { formatLabels, modalityLabels, recurrences, sessionFormats, sessionModalities, sessionStatuses } from '../../domain/sessions/rules.js';
import { forbidden, invalid, notFound } from '../../domain/shared/errors.js';
import { audit, auditEach, staff } from '../guards.js';
import { errors, idParams, text, uuid } from './schemas.js';
import { sessionOut } from './sessionShape.js';

const when = z.iso.datetime({ offset: true, error: 'give a date and time (ISO 8601)' }).transform((s) => new Date(s)).refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100, 'give a date between 2000 and 2100');
const minutes = z.number().int('whole minutes').min(5, 'at least 5 minutes').max(480, 'at most 8 hours');

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => `${[...p][0]?.toUpperCase() ?? ''}.`)
    .join(' ');

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  /** Loads a session and checks the person's access to its client. */
  async function sessionFor(request: Parameters<typeof staff>[1], sessionId: string, write: boolean) {
    const me = await staff(db, request);
    const session = await getSession(db, me.actor.practiceId, sessionId).catch(() => {
      throw notFound('The session');
    });
    const access = await sessionAccess(db, me.actor, session);
    if (!access) throw notFound('The session');
    if (write && access === 'supervision') throw forbidden('A supervisor can read this session but not change it.');
    return { me, session };
  }

  app.get(
    '/sessions',
    {
      schema: {
        operationId: 'listSessions',
        tags: ['sessions'],
        summary: 'A practitioner’s sessions between two instants (the week calendar); yours by default',
        querystring: z.object({ from: when, to: when, practitionerId: uuid.optional() }),
        response: { 200: z.array(sessionOut), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const { from, to } = request.query;
      if (to <= from) throw invalid('“to” must be after “from”.', { to: 'After from.' });
      if (to.getTime() - from.getTime() > 62 * 86400_000) throw invalid('Ask for at most 62 days at a time.');
      const practitionerId = request.query.practitionerId ?? me.actor.userId;
      const rows = await listSessionsInRange(db, me.actor, { practitionerId, from, to });
      await audit(db, request, me, { action: 'sessions.list', clientId: null, recordType: 'calendar', recordId: practitionerId });
      return rows;
    },
  );

  app.get(
    '/sessions/today',
    {
      schema: {
        operationId: 'listTodaysSessions',
        tags: ['sessions'],
        summary: 'Your sessions today, in the practice’s time zone',
        response: { 200: z.array(sessionOut), ...errors(401) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const day = DateTime.now().setZone(me.practice.timezone).startOf('day');
      const rows = await listSessionsInRange(db, me.actor, { practitionerId: me.actor.userId, from: day.toJSDate(), to: day.plus({ days: 1 }).toJSDate() });
      await audit(db, request, me, { action: 'sessions.today', clientId: null, recordType: 'calendar', recordId: me.actor.userId });
      return rows;
    },
  );

  app.post(
    '/sessions',
    {
      schema: {
        operationId: 'scheduleSessions',
        tags: ['sessions'],
        summary: 'Schedule a session, or a weekly or fortnightly series',
        body: z
          .object({
            clientId: uuid.optional(),
            /** A couple's, family's or group's session instead of one client's. */
            unitId: uuid.optional(),
            practitionerId: uuid.optional(),
            startsAt: when,
            minutes,
            format: z.enum(sessionFormats).optional(),
            modality: z.enum(sessionModalities),
            recurrence: z.enum(recurrences).default('none'),
            count: z.number().int().min(1).max(52).default(1),
          })
          .refine((b) => (b.clientId === undefined) !== (b.unitId === undefined), { message: 'Name either the client or the couple, family or group.', path: ['clientId'] }),
        response: { 201: z.object({ sessions: z.array(sessionOut) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const me = await staff(db, request);
      const { unitId } = request.body;
      const unit = unitId ? (await requireUnit(db, me.actor, unitId)) : null;
      const access = unit ? unit.access : await requireClientAccess(db, me.actor, request.body.clientId ?? '');
      if (access === 'supervision') throw forbidden('A supervisor cannot schedule for a supervisee’s client.');
      const practitionerId = request.body.practitionerId ?? (isClinician(me.actor.roles) ? me.actor.userId : undefined);
      if (!practitionerId) throw invalid('Choose the practitioner for this session.', { practitionerId: 'Required.' });
      if (practitionerId !== me.actor.userId && access !== 'admin') throw forbidden('You can schedule only your own sessions.');
      const format = request.body.format ?? (unit ? formatOfUnit(unit.unit.kind) : undefined);
      if (!format) throw invalid('Choose the session’s format.', { format: 'Required.' });
      const clientId = request.body.clientId ?? unit?.unit.members.find((m) => m.clientId !== null && m.leftAt === null)?.clientId ?? '';
      const sessions = await scheduleSessions(db, me.actor, { ...request.body, clientId, unitId, format, practitionerId });
      await auditEach(db, request, me, sessions[0] ? clientsOfSession(sessions[0]) : [clientId], { action: 'session.create', recordType: 'session', recordId: sessions[0]?.id ?? null });
      return reply.status(201).send({ sessions });
    },
  );

  app.get(
    '/sessions/:id',
    {
      schema: { operationId: 'getSession', tags: ['sessions'], summary: 'One session', params: idParams, response: { 200: sessionOut, ...errors(401, 404) } },
    },
    async (request) => {
      const { me, session } = await sessionFor(request, request.params.id, false);
      // A unit's session is in each of its clients' records: the read is logged against each.
      await auditEach(db, request, me, clientsOfSession(session), { action: 'session.read', recordType: 'session', recordId: session.id });
      return session;
    },
  );

  app.patch(
    '/sessions/:id',
    {
      schema: {
        operationId: 'rescheduleSession',
        tags: ['sessions'],
        summary: 'Reschedule a scheduled session (send the version you started from)',
        params: idParams,
        body: z.object({
          version: z.number().int().min(1),
          startsAt: when.optional(),
          minutes: minutes.optional(),
          format: z.enum(sessionFormats).optional(),
          modality: z.enum(sessionModalities).optional(),
        }),
        response: { 200: sessionOut, ...errors(400, 401, 403, 404, 409, 423) },
      },
    },
    async (request) => {
      const { me, session } = await sessionFor(request, request.params.id, true);
      const { version, ...changes } = request.body;
      const updated = await rescheduleSession(db, me.actor.practiceId, session.id, version, changes);
      await auditEach(db, request, me, clientsOfSession(session), { action: 'session.reschedule', recordType: 'session', recordId: session.id });
      return updated;
    },
  );

  app.post(
    '/sessions/:id/status',
    {
      schema: {
        operationId: 'setSessionStatus',
        tags: ['sessions'],
        summary: 'Mark a session held (with the FORCE movements visited), no-show, cancelled, or back to scheduled',
        params: idParams,
        body: z.object({
          version: z.number().int().min(1),
          status: z.enum(sessionStatuses),
          note: text(2000).default(''),
          movements: z.array(z.string().max(40)).max(50).optional(),
        }),
        response: { 200: sessionOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { me, session } = await sessionFor(request, request.params.id, true);
      const updated = await changeSessionStatus(db, me.actor.practiceId, session.id, request.body);
      await auditEach(db, request, me, clientsOfSession(session), { action: `session.${request.body.status}`, recordType: 'session', recordId: session.id });
      if (request.body.status === 'held') {
        // Each client who came to a unit's session has their own measure schedules.
        const came = updated.unitId ? updated.attendees.flatMap((a) => (a.clientId && a.attendance === 'attended' ? [a.clientId] : [])) : [session.clientId];
        for (const clientId of came) await applySchedules(db, me.actor.practiceId, clientId, 'session_held', me.actor.userId);
      }
      return updated;
    },
  );

  app.get(
    '/clients/:id/sessions',
    {
      schema: {
        operationId: 'listClientSessions',
        tags: ['sessions'],
        summary: 'All of a client’s sessions, oldest first',
        params: idParams,
        response: { 200: z.array(sessionOut), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      await requireClientAccess(db, me.actor, request.params.id);
      const rows = await listClientSessions(db, me.actor, request.params.id);
      await audit(db, request, me, { action: 'sessions.list', clientId: request.params.id, recordType: 'session', recordId: null });
      return rows;
    },
  );

  app.put(
    '/sessions/:id/attendance',
    {
      schema: {
        operationId: 'recordSessionAttendance',
        tags: ['sessions'],
        summary: 'Who came to a couple’s, family’s or group’s session, person by person (until its note is signed)',
        params: idParams,
        body: z.object({
          attendees: z
            .array(z.object({ memberId: uuid, attendance: z.enum(attendanceValues), note: text(500).optional() }))
            .min(1, 'Name at least one person.')
            .max(40)
            .refine((list) => new Set(list.map((a) => a.memberId)).size === list.length, 'Name each person once.'),
        }),
        response: { 200: sessionOut, ...errors(400, 401, 403, 404, 423) },
      },
    },
    async (request) => {
      const { me, session } = await sessionFor(request, request.params.id, true);
      if (session.practitionerId !== me.actor.userId && !isAdmin(me.actor.roles)) throw forbidden('The practitioner who holds the session records who came.');
      const updated = await recordAttendance(db, me.actor.practiceId, session.id, request.body.attendees);
      await auditEach(db, request, me, clientsOfSession(session), { action: 'session.attendance', recordType: 'session', recordId: session.id });
      return updated;
    },
  );

  app.get(
    '/units/:unitId/sessions',
    {
      schema: {
        operationId: 'listUnitSessions',
        tags: ['units'],
        summary: 'A couple’s, family’s or group’s sessions, oldest first',
        params: z.object({ unitId: uuid }),
        response: { 200: z.array(sessionOut), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const rows = await listUnitSessions(db, me.actor, request.params.unitId);
      await audit(db, request, me, { action: 'sessions.list', clientId: rows[0]?.clientId ?? null, recordType: 'unit', recordId: request.params.unitId });
      return rows;
    },
  );

  app.get(
    '/calendar/:feed',
    {
      schema: {
        operationId: 'getCalendarFeed',
        tags: ['sessions'],
        summary: 'A practitioner’s sessions as iCalendar, at a secret address (no cookie needed); clients appear by initials only',
        params: z.object({ feed: z.string().max(200) }),
        response: { 200: z.string(), ...errors(404) },
      },
    },
    async (request, reply) => {
      const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})\.ics$/.exec(request.params.feed);
      if (!m) throw notFound('The calendar');
      const [, practiceId, token] = m as unknown as [string, string, string];
      const owner = await findCalendarOwner(db, practiceId, token);
      if (!owner?.active) throw notFound('The calendar');
      const practice = await getPractice(db, practiceId);
      const rows = await feedSessions(db, practiceId, owner.id);
      const now = new Date();
      const ics = renderCalendar(
        `${practice.name} — ${owner.displayName}`,
        rows.map((s) => ({
          uid: `${s.id}@liminal`,
          start: s.startsAt,
          minutes: s.minutes,
          // Clients by initials only, a unit's session by everyone on its list.
          summary: s.unitId ? `${formatLabels[s.format as keyof typeof formatLabels] ?? 'Session'} · ${s.attendees.map((a) => initials(a.name)).join(' & ')}` : `Session · ${initials(s.clientName)}`,
          description: `${formatLabels[s.format as keyof typeof formatLabels] ?? s.format}, ${modalityLabels[s.modality as keyof typeof modalityLabels] ?? s.modality}`,
          status: s.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
          updatedAt: s.updatedAt,
        })),
        now,
      );
      await recordAudit(db, { practiceId, actorId: owner.id, actorRole: 'calendar_feed', action: 'calendar_feed.read', clientId: null, recordType: 'calendar', recordId: owner.id, ip: request.ip });
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
    },
  );
};
