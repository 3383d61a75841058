import { z } from 'zod';

export const sessionOut = z.object({
  id: z.string(),
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
});
