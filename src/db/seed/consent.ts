import { consents, type phaseMoves } from '../schema/index.js';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface ConsentPlan {
  consents: Row<typeof consents>[];
}

/** Two clients keep their scores out of the practice's outcome research, as some people choose. */
const declinesResearch = new Set(['seun', 'meilin']);

/**
 * The demo's consents: consent to treatment for everyone whose work has begun, given the day
 * before it began; consent to the practice's outcome research from most; and Inés's consent to
 * share her chapter summary with her family doctor.
 */
export function planConsents(input: {
  practiceId: string;
  now: Date;
  localDay: (at: Date) => string;
  clients: Array<{ key: string; id: string; practitionerId: string; openedAt: Date }>;
  phaseMoves: Row<typeof phaseMoves>[];
}): ConsentPlan {
  const plan: ConsentPlan = { consents: [] };
  const day = (at: Date) => input.localDay(at);
  for (const c of input.clients) {
    const work = input.phaseMoves
      .filter((m) => m.clientId === c.id && m.toPhase === 'the_work')
      .map((m) => m.movedAt as Date)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    if (work) {
      const given = new Date(work.getTime() - 86_400_000);
      plan.consents.push({
        practiceId: input.practiceId,
        clientId: c.id,
        purpose: 'treatment',
        scope: 'Weekly sessions as agreed in the plan; the limits of confidentiality were explained; either of us may end the work.',
        givenOn: day(given),
        via: 'in_session',
        recordedBy: c.practitionerId,
        recordedAt: given,
      });
    }
    if (!declinesResearch.has(c.key)) {
      plan.consents.push({
        practiceId: input.practiceId,
        clientId: c.id,
        purpose: 'research',
        scope: 'Scores only, without name or anything that identifies me.',
        givenOn: day(c.openedAt),
        via: 'on_paper',
        recordedBy: c.practitionerId,
        recordedAt: c.openedAt,
      });
    }
    if (c.key === 'ines') {
      const given = new Date(input.now.getTime() - 60 * 86_400_000);
      plan.consents.push({
        practiceId: input.practiceId,
        clientId: c.id,
        purpose: 'sharing',
        collaboratorName: 'Dr. Amal Haddad',
        collaboratorRole: 'Family doctor',
        categories: ['chapter_summary'],
        scope: 'So my doctor knows what we are working on; not my questionnaires.',
        givenOn: day(given),
        expiresOn: day(new Date(input.now.getTime() + 300 * 86_400_000)),
        via: 'in_session',
        recordedBy: c.practitionerId,
        recordedAt: given,
      });
    }
  }
  return plan;
}
