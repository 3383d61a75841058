import { z } from 'zod';
import { attendanceValues, unitKinds } from '../../domain/units/units.js';

export const attendeeOut = z.object({
  memberId: z.string(),
  clientId: z.string().nullable(),
  name: z.string(),
  relationship: z.string(),
  attendance: z.enum(attendanceValues),
  note: z.string(),
});

export const sessionOut = z.object({
  id: z.string(),
  /** For a unit's session, its first client member; the attendance list names everyone. */
  clientId: z.string(),
  clientName: z.string(),
  chapterId: z.string().nullable(),
  practitionerId: z.string(),
  practitionerName: z.string(),
  seriesId: z.string().nullable(),
  startsAt: z.date(),
  minutes: z.number(),
  format: z.string(),
  modality: z.string(),
  status: z.string(),
  statusNote: z.string(),
  movements: z.array(z.string()),
  version: z.number(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  unitKind: z.enum(unitKinds).nullable(),
  attendees: z.array(attendeeOut),
});
