import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/shared/errors.js';
import { verifyPassword } from '../../server/auth/passwords.js';
import { openDatabase, type Database } from '../client.js';
import { demoExists, hasAnyPractice, seedDemo, type DemoSummary } from './demo.js';
import { verifyNoteHash } from '../repos/notes.js';
import { progressNotes } from '../schema/index.js';

const zone = 'America/Chicago';
const password = 'harbour-demo-password';

async function freshDatabase(): Promise<Database> {
  const database = await openDatabase({ kind: 'memory' });
  await database.migrate();
  return database;
}

interface SessionRow {
  id: string;
  client_id: string;
  chapter_id: string | null;
  practitioner_id: string;
  series_id: string | null;
  starts_at: Date;
  minutes: number;
  format: string;
  status: string;
  status_note: string;
  movements: string[];
}

const sessionsOf = (database: Database) =>
  database.query<SessionRow>(
    'select id, client_id, chapter_id, practitioner_id, series_id, starts_at, minutes, format, status, status_note, movements from sessions order by starts_at',
  );

const clinicians = (database: Database) =>
  database.query<{ id: string; display_name: string }>(
    `select id, display_name from users where roles && array['practitioner','associate']::text[]`,
  );

function todaysSessions(sessions: SessionRow[], now: Date): SessionRow[] {
  const day = DateTime.fromJSDate(now, { zone }).startOf('day');
  return sessions.filter((s) => {
    const at = DateTime.fromJSDate(new Date(s.starts_at), { zone });
    return at >= day && at < day.plus({ days: 1 });
  });
}

describe('the demo practice', () => {
  let database: Database;
  let summary: DemoSummary;
  const now = new Date();

  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('does not exist on a fresh install, and exists once seeded', async () => {
    expect(await hasAnyPractice(database.db)).toBe(false);
    expect(await demoExists(database.db)).toBe(false);
    summary = await seedDemo(database.db, { password, now });
    expect(await hasAnyPractice(database.db)).toBe(true);
    expect(await demoExists(database.db)).toBe(true);
    expect(summary.slug).toBe('harbour');
    expect(summary.practiceName).toMatch(/Harbour/);
  });

  it('opens as a practice in Chicago with its defaults, an about text and crisis resources', async () => {
    const [practice] = await database.query<Record<string, unknown>>('select * from practices');
    expect(practice).toMatchObject({ practice_id: summary.practiceId, slug: 'harbour', timezone: zone });
    expect(String(practice?.about).length).toBeGreaterThan(100);
    expect(practice?.crisis_resources).toMatch(/911/);
    expect(practice?.crisis_resources).toMatch(/988/);
    expect((practice?.force_movements as unknown[]).length).toBe(5);
    expect((practice?.common_factors as unknown[]).length).toBe(8);
  });

  it('has an admin, three practitioners, a supervisor, and an associate under supervision', async () => {
    const staff = await database.query<{ id: string; roles: string[]; credentials: string; pronouns: string; email: string }>(
      `select id, roles, credentials, pronouns, email from users where not ('client' = any(roles))`,
    );
    const withRole = (r: string) => staff.filter((u) => u.roles.includes(r));
    expect(withRole('practice_admin')).toHaveLength(1);
    expect(withRole('practitioner').length).toBeGreaterThanOrEqual(3);
    expect(withRole('supervisor')).toHaveLength(1);
    expect(withRole('associate')).toHaveLength(1);
    for (const u of staff) {
      expect(u.email).toMatch(/@harbour\.example$/);
      expect(u.pronouns).not.toBe('');
    }
    const [supervision] = await database.query<{ supervisor_id: string; supervisee_id: string }>('select * from supervisions');
    expect(supervision?.supervisor_id).toBe(withRole('supervisor')[0]?.id);
    expect(supervision?.supervisee_id).toBe(withRole('associate')[0]?.id);
  });

  it('gives every demo account the password it was seeded with, and lists each with a note', async () => {
    const accounts = await database.query<{ email: string; password_hash: string; roles: string[]; client_id: string | null }>(
      'select email, password_hash, roles, client_id from users',
    );
    expect(summary.logins.map((l) => l.email).sort()).toEqual(accounts.map((a) => a.email).sort());
    expect(new Set(accounts.map((a) => a.password_hash)).size).toBe(1);
    expect(await verifyPassword(accounts[0]?.password_hash ?? '', password)).toBe(true);
    for (const login of summary.logins) expect(login.note.length).toBeGreaterThan(10);
    const portal = accounts.filter((a) => a.roles.includes('client'));
    // Inés, Grace, and Dana and Kofi (a couple, each with their own account).
    expect(portal).toHaveLength(4);
    for (const a of portal) expect(a.client_id).not.toBeNull();
  });

  it('has a couple seen together, each with their own record, and their family with a daughter who has no account', async () => {
    const units = await database.query<{ id: string; kind: string; name: string }>('select id, kind, name from relational_units order by name');
    expect(units.map((u) => `${u.kind}:${u.name}`)).toEqual(['couple:Dana & Kofi', 'family:The Whitaker-Asante family']);
    const members = await database.query<{ unit: string; who: string; client_id: string | null }>(
      `select u.name as unit, coalesce(c.name, m.name) as who, m.client_id from unit_members m
       join relational_units u on u.practice_id = m.practice_id and u.id = m.unit_id
       left join clients c on c.practice_id = m.practice_id and c.id = m.client_id order by u.name, m.joined_at`,
    );
    expect(members.filter((m) => m.unit === 'Dana & Kofi').map((m) => m.who)).toEqual(['Dana Whitaker', 'Kofi Asante']);
    expect(members.find((m) => m.who === 'Ama')?.client_id).toBeNull();
    // Every couple session has both partners on its list, each in their own chapter; the held ones say both came.
    const lists = await database.query<{ status: string; people: number; came: number; chapters: number }>(
      `select s.status, count(a.*)::int as people, count(*) filter (where a.attendance = 'attended')::int as came, count(distinct a.chapter_id)::int as chapters
       from sessions s join session_attendees a on a.practice_id = s.practice_id and a.session_id = s.id
       where s.unit_id is not null group by s.id, s.status`,
    );
    expect(lists.length).toBeGreaterThan(4);
    for (const l of lists) expect([l.people, l.chapters, l.status === 'held' ? 2 : 0]).toEqual([2, 2, l.came]);
  });

  it('has about twenty clients, each with a primary practitioner, and a few seen by two', async () => {
    const clients = await database.query<{ id: string; name: string; legal_name: string; search_text: string; primary_practitioner_id: string }>(
      'select id, name, legal_name, search_text, primary_practitioner_id from clients',
    );
    expect(clients.length).toBeGreaterThanOrEqual(18);
    const care = await database.query<{ client_id: string; practitioner_id: string; kind: string }>('select * from care_relationships');
    for (const c of clients) {
      // The same accent-free form the app writes, so "ines" finds Inés.
      expect(c.search_text).toBe(`${c.name} ${c.legal_name}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
      const primary = care.filter((r) => r.client_id === c.id && r.kind === 'primary');
      expect(primary.map((r) => r.practitioner_id)).toEqual([c.primary_practitioner_id]);
    }
    expect(care.filter((r) => r.kind === 'additional').length).toBeGreaterThanOrEqual(2);
    const associate = await database.query<{ id: string }>(`select id from users where 'associate' = any(roles)`);
    expect(clients.some((c) => c.primary_practitioner_id === associate[0]?.id)).toBe(true);
  });

  it('shows every client at a phase of their journey, matching their open chapter', async () => {
    const clients = await database.query<{ id: string; current_phase: string }>('select id, current_phase from clients');
    const chapters = await database.query<{ id: string; client_id: string; phase: string; ended_at: Date | null; what_was_lived: string | null; door_left_open: string | null }>(
      'select id, client_id, phase, ended_at, what_was_lived, door_left_open from chapters',
    );
    for (const c of clients) {
      const open = chapters.filter((ch) => ch.client_id === c.id && !ch.ended_at);
      if (c.current_phase === 'ended') {
        expect(open).toHaveLength(0);
      } else {
        expect(open).toHaveLength(1);
        expect(open[0]?.phase).toBe(c.current_phase);
      }
    }
    for (const ch of chapters.filter((x) => x.ended_at)) {
      expect(ch.what_was_lived).toBeTruthy();
      expect(ch.door_left_open).toBeTruthy();
    }
    const phasesSeen = new Set(clients.map((c) => c.current_phase));
    for (const p of ['reaching_out', 'assessment', 'diagnosis', 'planning', 'the_work', 'transition', 'ended']) expect(phasesSeen).toContain(p);
    expect(clients.filter((c) => c.current_phase === 'ended').length).toBeGreaterThanOrEqual(2);
  });

  it('has a client who ended a chapter and returned, with the new chapter linked to the old', async () => {
    const linked = await database.query<{ client_id: string; number: number; previous_ended_at: Date | null; previous_summary: string | null; current_phase: string; phase: string }>(
      `select c.client_id, c.number, p.ended_at as previous_ended_at, p.what_was_lived as previous_summary, cl.current_phase, c.phase
         from chapters c join chapters p on p.id = c.previous_chapter_id join clients cl on cl.id = c.client_id
        where c.ended_at is null`,
    );
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ number: 2 });
    expect(linked[0]?.previous_ended_at).not.toBeNull();
    expect(linked[0]?.previous_summary).toBeTruthy();
    expect(linked[0]?.current_phase).toBe(linked[0]?.phase);
  });

  it('records each chapter’s phase moves from reaching out to where it stands, including a move back', async () => {
    const chapters = await database.query<{ id: string; phase: string; opened_at: Date }>('select id, phase, opened_at from chapters');
    const moves = await database.query<{ chapter_id: string; from_phase: string | null; to_phase: string; moved_at: Date; note: string }>(
      'select chapter_id, from_phase, to_phase, moved_at, note from phase_moves order by moved_at',
    );
    const order = ['reaching_out', 'assessment', 'diagnosis', 'planning', 'the_work', 'transition'];
    let movedBack = false;
    for (const ch of chapters) {
      const mine = moves.filter((m) => m.chapter_id === ch.id);
      expect(mine[0]).toMatchObject({ from_phase: null, to_phase: 'reaching_out' });
      expect(new Date(mine[0]!.moved_at).getTime()).toBe(new Date(ch.opened_at).getTime());
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]?.from_phase).toBe(mine[i - 1]?.to_phase);
        if (order.indexOf(mine[i]!.to_phase) < order.indexOf(mine[i]!.from_phase!)) {
          movedBack = true;
          expect(mine[i]?.note).not.toBe('');
        }
      }
      expect(mine[mine.length - 1]?.to_phase).toBe(ch.phase);
    }
    expect(movedBack).toBe(true);
  });

  it('has held sessions behind and scheduled ones ahead, with a few cancelled and one no-show', async () => {
    const sessions = await sessionsOf(database);
    const past = sessions.filter((s) => new Date(s.starts_at) < now);
    const future = sessions.filter((s) => new Date(s.starts_at) >= now);
    expect(past.length).toBeGreaterThan(30);
    expect(future.length).toBeGreaterThan(20);
    for (const s of future) expect(s.status).toBe('scheduled');
    const held = past.filter((s) => s.status === 'held');
    expect(held.length).toBeGreaterThan(past.length * 0.8);
    for (const s of held) {
      expect(s.movements.length).toBeGreaterThan(0);
      for (const k of s.movements) expect(['f', 'o', 'r', 'c', 'e']).toContain(k);
    }
    const cancelled = past.filter((s) => s.status === 'cancelled');
    expect(cancelled.length).toBeGreaterThanOrEqual(2);
    for (const s of cancelled) expect(s.status_note).not.toBe('');
    expect(past.filter((s) => s.status === 'no_show')).toHaveLength(1);
    expect(new Set(sessions.map((s) => s.format))).toEqual(new Set(['individual', 'couple', 'family', 'group']));
    expect(sessions.every((s) => s.series_id !== null || DateTime.fromJSDate(new Date(s.starts_at), { zone }).weekday > 5)).toBe(true);
  });

  it('has two inquiries answered differently: one waiting, one replied to', async () => {
    const rows = await database.query<{ id: string; status: string; preferred_practitioner_id: string | null }>(
      `select id, status, preferred_practitioner_id from inquiries where status in ('new', 'replied')`,
    );
    const waiting = rows.filter((r) => r.status === 'new');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.preferred_practitioner_id).not.toBeNull();
    const replied = rows.find((r) => r.status === 'replied');
    const replies = await database.query('select * from inquiry_replies where inquiry_id = $1', [replied?.id]);
    expect(replies).toHaveLength(1);
  });

  it('finds Inés by her name typed with or without the accent', async () => {
    const rows = await database.query<{ name: string }>("select name from clients where search_text like '%ines morales%'");
    expect(rows.map((r) => r.name)).toEqual(['Inés Morales']);
  });

  it('has documentation to show: signed notes whose hashes hold, drafts on the to-do list, and sessions still to write up', async () => {
    const notes = await database.query<{ id: string; status: string; author_id: string; cosign_status: string | null; shared_with_client: boolean; starts_at: Date }>(
      'select n.id, n.status, n.author_id, n.cosign_status, n.shared_with_client, s.starts_at from progress_notes n join sessions s on s.practice_id = n.practice_id and s.id = n.session_id',
    );
    const rows = await database.db.select().from(progressNotes);
    const signed = rows.filter((r) => r.status === 'signed');
    expect(signed.length).toBeGreaterThan(20);
    for (const r of signed) expect(verifyNoteHash(r), r.id).toBe(true);
    const week = Date.now() - 3 * 86400_000;
    const staleDrafts = notes.filter((n) => n.status === 'draft' && new Date(n.starts_at).getTime() < week);
    expect(staleDrafts.length).toBeGreaterThanOrEqual(2);
    expect(notes.filter((n) => n.cosign_status === 'pending')).toHaveLength(1);
    for (const c of await clinicians(database)) {
      const unwritten = await database.query<{ n: number }>(
        `select count(*)::int as n from sessions s where s.practitioner_id = $1 and s.status = 'held'
         and not exists (select 1 from progress_notes n where n.practice_id = s.practice_id and n.session_id = s.id)`,
        [c.id],
      );
      expect(unwritten[0]?.n, `${c.display_name} has held sessions to write up`).toBeGreaterThan(0);
    }
    const ines = await database.query<{ shared: number; versions: number; acks: number; reflections: number }>(
      `select (select count(*)::int from progress_notes n where n.client_id = c.id and n.shared_with_client) as shared,
              (select count(*)::int from plan_versions v join treatment_plans t on t.practice_id = v.practice_id and t.id = v.plan_id where t.client_id = c.id) as versions,
              (select count(*)::int from plan_acknowledgements) as acks,
              (select count(*)::int from session_reflections r where r.client_id = c.id) as reflections
       from clients c where c.name = 'Inés Morales'`,
    );
    expect(ines[0]).toEqual({ shared: 1, versions: 2, acks: 0, reflections: 1 });
    const shared = await database.query<{ n: number }>('select count(*)::int as n from psychotherapy_notes where shared_with_supervisor_id is not null');
    expect(shared[0]?.n).toBe(1);
    const dx = await database.query<{ code: string }>('select code from diagnoses');
    expect(dx.map((d) => d.code)).toEqual(expect.arrayContaining(['F43.23', 'Z60.3', 'Z65.8']));
  });

  it('has measures moving as each story does: PHQ-9 and GAD-7 over the sessions, one risk answer already acknowledged', async () => {
    const rows = await database.query<{ name: string; instrument_key: string; total: number; completed_at: Date }>(
      `select c.name, r.instrument_key, r.total, r.completed_at from measure_responses r join clients c on c.practice_id = r.practice_id and c.id = r.client_id order by r.completed_at`,
    );
    const series = (name: string, key: string) => rows.filter((r) => r.name === name && r.instrument_key === key).map((r) => Number(r.total));
    const daniel = series('Daniel Tsosie', 'phq-9');
    expect(daniel.length).toBeGreaterThanOrEqual(2);
    expect(daniel[0]! - daniel[daniel.length - 1]!).toBeGreaterThanOrEqual(6);
    const seun = series('Seun Adebayo', 'phq-9');
    expect(seun.length).toBeGreaterThanOrEqual(1);
    const alerts = await database.query<{ acknowledged_at: Date | null; acknowledgement_note: string | null }>('select acknowledged_at, acknowledgement_note from risk_alerts');
    expect(alerts.length).toBe(1);
    expect(alerts[0]?.acknowledged_at).not.toBeNull();
    const schedules = await database.query<{ n: number }>('select count(*)::int as n from measure_schedules');
    expect(schedules[0]?.n).toBeGreaterThan(5);
  });

  it('refuses to seed the demo twice, and leaves the first one as it was', async () => {
    const before = await database.query<{ n: number }>('select count(*)::int as n from clients');
    const attempt = seedDemo(database.db, { password, now });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'conflict', message: 'The demo practice already exists.' });
    expect(await database.query('select * from practices')).toHaveLength(1);
    expect(await database.query<{ n: number }>('select count(*)::int as n from clients')).toEqual(before);
  });
});

/** Whatever the moment, the practitioner who opens today's list finds someone on it. */
describe.each([
  ['a weekday morning before opening', '2025-03-10T07:05:00', 'ahead'],
  ['a Friday evening after the last session', '2025-06-13T18:40:00', 'behind'],
  ['a Saturday night', '2025-11-01T22:30:00', 'behind'],
  ['a Sunday morning on the day clocks go back', '2025-11-02T08:00:00', 'ahead'],
] as const)('seeded on %s', (_label, localNow, when) => {
  let database: Database;
  const now = DateTime.fromISO(localNow, { zone }).toJSDate();

  beforeAll(async () => {
    database = await freshDatabase();
    await seedDemo(database.db, { password, now });
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives every practitioner and the associate a session today', async () => {
    const today = todaysSessions(await sessionsOf(database), now);
    for (const c of await clinicians(database)) {
      const mine = today.filter((s) => s.practitioner_id === c.id);
      expect(mine.length, c.display_name).toBeGreaterThan(0);
      if (when === 'ahead') for (const s of mine) expect(new Date(s.starts_at).getTime()).toBeGreaterThan(now.getTime());
      if (when === 'behind') for (const s of mine) expect(s.status).toBe('held');
    }
  });

  it('schedules sessions in working hours, never double-books anyone, and files each under the chapter open then', async () => {
    const sessions = await sessionsOf(database);
    const chapters = await database.query<{ id: string; client_id: string; opened_at: Date; ended_at: Date | null }>(
      'select id, client_id, opened_at, ended_at from chapters',
    );
    for (const s of sessions) {
      const start = DateTime.fromJSDate(new Date(s.starts_at), { zone });
      const end = start.plus({ minutes: s.minutes });
      expect(start.hour).toBeGreaterThanOrEqual(9);
      expect(end <= start.set({ hour: 18, minute: 0 })).toBe(true);
      const chapter = chapters.find((c) => c.id === s.chapter_id);
      expect(chapter?.client_id).toBe(s.client_id);
      expect(new Date(chapter!.opened_at) <= new Date(s.starts_at)).toBe(true);
      if (chapter?.ended_at) expect(new Date(s.starts_at) < new Date(chapter.ended_at)).toBe(true);
    }
    const byPractitioner = new Map<string, SessionRow[]>();
    for (const s of sessions) byPractitioner.set(s.practitioner_id, [...(byPractitioner.get(s.practitioner_id) ?? []), s]);
    for (const list of byPractitioner.values()) {
      for (let i = 1; i < list.length; i++) {
        const prevEnd = new Date(list[i - 1]!.starts_at).getTime() + list[i - 1]!.minutes * 60_000;
        expect(new Date(list[i]!.starts_at).getTime()).toBeGreaterThanOrEqual(prevEnd);
      }
    }
  });
});
