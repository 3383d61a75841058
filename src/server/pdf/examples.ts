import { onRing } from '../../domain/maps/draw.js';
import { type MapLevel, type MapNode, type MapTie, type RelationalMap, relationalMapSchema, type RelationalMapInput } from '../../domain/maps/map.js';
import type { ChapterSummaryPdfInput, PdfProgressNote, PlanPdfInput, PracticeHeader, ProgressNotePdfInput } from './types.js';

/**
 * Invented, realistic inputs for the PDF renderers: used by their tests and handy for trying a
 * layout change. No real person or practice is described.
 */

export const examplePractice: PracticeHeader = {
  name: 'Riverbend Relational Health Collective',
  address: '212 Alder Street, Suite 4\nPortland, OR 97205 · (503) 555-0148',
  timezone: 'America/Los_Angeles',
};

export const exampleClient = { name: 'Zoë Brontë-Okafor', dateOfBirth: '1991-07-23' };

const longReport = [
  'Zoë arrived a few minutes early and said the week had been “heavier than I expected — not bad, just heavy.” She spoke at length about her sister’s move to Montréal and the quiet in the flat since. She named missing the small rituals: Sunday phone calls, shared crosswords, the walk to the bakery on Alberta Street.',
  'She described two nights of broken sleep after an argument with her manager about the new rota, and said she had “gone small” at work afterwards: arriving on time, leaving on time, speaking only when asked. She linked this to how she used to keep her head down at home when her parents argued.',
  'Between sessions she tried the evening check-in we discussed: three lines in a notebook about what she noticed in her body. She brought the notebook and read two entries aloud, with some hesitation at first and then more ease.',
];

const longObservations = [
  'Presented as tired but engaged; speech of normal rate, at times slowing when speaking of her sister. Affect congruent, tearful briefly at the mention of the bakery walk, recovered without prompting. Sustained eye contact through most of the session; posture softened in the second half.',
  'She laughed twice — once at her own handwriting, once recalling her sister’s terrible puns — and each time looked up as if checking whether laughter was allowed here. I said it was welcome, and she nodded.',
];

/** A note long enough to run over several pages. */
export function exampleLongNote(): PdfProgressNote {
  return {
    facts: {
      startsAt: new Date('2026-03-12T22:05:00Z'),
      minutes: 53,
      modality: 'Video',
      format: 'Individual',
      participants: ['Zoë Brontë-Okafor', 'Lucía Fernández'],
      serviceCode: '90837',
      serviceLabel: 'Psychotherapy, 53 minutes or more',
      diagnoses: [
        { code: 'F43.21', description: 'Adjustment disorder with depressed mood', primary: true },
        { code: 'Z60.2', description: 'Problems related to living alone', primary: false },
      ],
      movements: ['Finding ground', 'Opening', 'Reflecting', 'Connecting', 'Emerging'],
    },
    formatLabel: 'SOAP',
    sections: [
      { heading: 'Subjective', text: [...longReport, ...longReport.map((p) => p.replace('She', 'Later she'))].join('\n\n') },
      { heading: 'Objective', text: [...longObservations, ...longObservations, ...longObservations].join('\n\n') },
      {
        heading: 'Assessment',
        text: [
          'Response: She took up the invitation to slow down when speaking of loss, and was able to stay with sadness for several minutes without moving to self-criticism.',
          'Assessment: Symptoms of low mood and withdrawal remain consistent with an adjustment reaction to her sister’s move, set within a longer pattern of going quiet under conflict. Connection with friends has thinned; her relationship with her own body as a source of information is growing. Progress toward the plan’s first goal is steady.',
        ].join('\n\n'),
      },
      {
        heading: 'Plan',
        text: [
          'Interventions used: grounding at the start of the session; reflective listening around the sister’s move; exploring the link between workplace conflict and family history; reviewing the body check-in notebook together.',
          'Plan: Continue weekly sessions. She will keep the evening check-in and add one line about a moment of connection. We will return to the rota conversation with her manager next week, including what she might want to say.',
        ].join('\n\n'),
      },
    ],
    risk: {
      levelLabel: 'Low',
      summary: 'Denies thoughts of self-harm or suicide; describes passive wishes to “disappear for a weekend” as wanting rest, not death. Protective factors: her sister, two close friends, her work with the community garden.',
      actions: 'Safety plan reviewed and unchanged; crisis line number confirmed in her phone.',
    },
    signatures: [
      { label: 'Signed by', name: 'Lucía Fernández', credentials: 'Associate Marriage and Family Therapist', at: new Date('2026-03-12T23:40:00Z'), contentHash: 'sha256:6f1c0a3e9b52d7c48a1e0f3b5d6c7a8e9f0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d' },
      { label: 'Co-signed by (supervisor)', name: 'Søren Ødegård', credentials: 'LMFT', at: new Date('2026-03-13T17:15:00Z') },
    ],
    addenda: [
      {
        authorName: 'Lucía Fernández',
        body: 'After the session Zoë wrote through the portal to say she had called her sister that evening. Recorded at her request; no change to the assessment.',
        signedAt: new Date('2026-03-14T16:30:00Z'),
        contentHash: 'sha256:0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b',
      },
    ],
  };
}

/** A note of ordinary length, for timing. */
export function exampleTypicalNote(): PdfProgressNote {
  const note = exampleLongNote();
  return {
    ...note,
    sections: note.sections.map((s) => ({ heading: s.heading, text: s.text.split('\n\n').slice(0, 1).join('') })),
  };
}

export function exampleProgressNotePdf(): ProgressNotePdfInput {
  return {
    ...exampleLongNote(),
    practice: examplePractice,
    client: exampleClient,
    generatedAt: new Date('2026-03-20T18:00:00Z'),
    generatedBy: 'Noor Haddad',
  };
}

export function examplePlanPdf(): PlanPdfInput {
  return {
    practice: examplePractice,
    client: exampleClient,
    chapterNumber: 2,
    version: 3,
    reviewDate: '2026-06-12',
    createdAt: new Date('2026-03-02T19:10:00Z'),
    createdByName: 'Lucía Fernández',
    clientIntentions: 'I want to feel less alone in the evenings, and to say what I need at work without freezing. I’d like my sister and me to find a new rhythm — not the old one.',
    problems: [
      {
        statement: 'Low mood and withdrawal since her sister moved away, with broken sleep.',
        goals: [
          {
            statement: 'Rebuild a weekly rhythm of connection outside work.',
            targetDate: '2026-06-01',
            objectives: [
              { statement: 'Two planned contacts a week with friends or family.', measure: 'Self-report in session, tracked monthly', targetDate: '2026-04-30' },
              { statement: 'Sleep at least six hours on five nights a week.', measure: 'Sleep diary', targetDate: null },
            ],
            interventions: ['Relational exploration of loss and change', 'Evening body check-in practice'],
          },
        ],
      },
      {
        statement: 'Freezing in conflict at work, echoing earlier family patterns.',
        goals: [
          {
            statement: 'Speak up about the rota in a way that feels like her own voice.',
            targetDate: null,
            objectives: [{ statement: 'Rehearse the conversation in session and then hold it.', measure: '', targetDate: '2026-04-15' }],
            interventions: ['Rehearsal and reflection on what happens in the body during conflict'],
          },
        ],
      },
    ],
    themes: ['Going small under conflict — recurring', 'The bakery walk: rituals of belonging — emerging'],
    acknowledgements: [{ name: 'Zoë Brontë-Okafor', at: new Date('2026-03-05T03:20:00Z') }],
    changes: ['Added the goal about speaking up at work.', 'Review date moved to 12 June.'],
    signatures: [{ label: 'Published by', name: 'Lucía Fernández', credentials: 'Associate MFT', at: new Date('2026-03-02T19:10:00Z') }],
    generatedAt: new Date('2026-03-20T18:00:00Z'),
    generatedBy: 'Lucía Fernández',
  };
}

type NodeInput = RelationalMapInput['nodes'][number];
const placed = (id: string, kind: MapNode['kind'], label: string, level: MapLevel, degrees: number, extra: Partial<NodeInput> = {}): NodeInput => ({
  id,
  kind,
  label,
  level,
  ...onRing(level, degrees),
  ...extra,
});
const withClient = (id: string, strength: 'tenuous' | 'moderate' | 'strong', quality: 'supportive' | 'stressful' | 'conflicted' | 'cut_off', direction: 'none' | 'a_to_b' | 'b_to_a' | 'both', note = '') =>
  ({ id: `c-${id}`, kind: 'connection', a: 'client', b: id, strength, quality, direction, note }) as const;

/**
 * Zoë's relational map as first drawn in the chapter: her sister newly far away, parents who
 * argued, a manager she goes small with, a bakery walk she misses, and distance pressing on it.
 */
export function exampleRelationalMap(): RelationalMap {
  return relationalMapSchema.parse({
    alterTiesRecorded: false,
    nodes: [
      { id: 'client', kind: 'client', label: 'Zoë Brontë-Okafor', level: 'personal', x: 0, y: 0, gender: 'female', born: 1991 },
      placed('amara', 'person', 'Amara (sister)', 'familial', 200, { gender: 'female', born: 1988, turnTo: 'client', note: 'Moved to Montréal in the autumn.' }),
      placed('mother', 'person', 'Mum', 'familial', 250, { gender: 'female', born: 1962 }),
      placed('father', 'person', 'Dad', 'familial', 290, { gender: 'male', born: 1960, died: 2021, deceased: true }),
      placed('manager', 'person', 'Her manager at the roastery', 'social', 20, { gender: 'unknown' }),
      placed('friends', 'group', 'Friends from the climbing gym', 'social', 120),
      placed('work', 'institution', 'The roastery', 'ecological', 40, { sector: 'work' }),
      placed('bakery', 'practice', 'Walk to the bakery', 'personal', 140),
      placed('checkin', 'practice', 'Evening body check-in', 'personal', 60),
      placed('river', 'place', 'The Willamette at dawn', 'ecological', 160),
      placed('quiet', 'spiritual', 'Quiet mornings', 'spiritual', 300),
      placed('distance', 'influence', 'Distance from family', 'ecological', 230),
    ],
    ties: [
      withClient('amara', 'strong', 'supportive', 'both', 'Sunday calls, shorter now.'),
      withClient('mother', 'moderate', 'stressful', 'b_to_a'),
      withClient('father', 'tenuous', 'cut_off', 'none'),
      withClient('manager', 'moderate', 'conflicted', 'b_to_a', 'The rota argument.'),
      withClient('friends', 'tenuous', 'supportive', 'none'),
      withClient('work', 'moderate', 'stressful', 'a_to_b'),
      withClient('bakery', 'moderate', 'supportive', 'b_to_a'),
      withClient('checkin', 'tenuous', 'supportive', 'b_to_a'),
      withClient('river', 'tenuous', 'supportive', 'b_to_a'),
      withClient('quiet', 'moderate', 'supportive', 'b_to_a'),
      { id: 'i-distance-amara', kind: 'influence', a: 'distance', b: 'amara', note: 'Four thousand kilometres.' },
      { id: 'k-manager-work', kind: 'knows', a: 'manager', b: 'work' },
      { id: 'p-parents', kind: 'partner', a: 'father', b: 'mother', status: 'divorced', since: 1985, until: 2004 },
      { id: 'pa-mother-client', kind: 'parent', a: 'mother', b: 'client', bond: 'birth' },
      { id: 'pa-father-client', kind: 'parent', a: 'father', b: 'client', bond: 'birth' },
      { id: 'pa-mother-amara', kind: 'parent', a: 'mother', b: 'amara', bond: 'birth' },
      { id: 'pa-father-amara', kind: 'parent', a: 'father', b: 'amara', bond: 'birth' },
    ],
  } satisfies RelationalMapInput);
}

/** The same map near the chapter's end: the tie with her manager eased, friends closer, the check-in a habit. */
export function exampleRelationalMapLater(): RelationalMap {
  const first = exampleRelationalMap();
  const changed: Record<string, Partial<MapTie>> = {
    'c-manager': { strength: 'moderate', quality: 'supportive', direction: 'both' } as Partial<MapTie>,
    'c-friends': { strength: 'strong', direction: 'both' } as Partial<MapTie>,
    'c-checkin': { strength: 'strong' } as Partial<MapTie>,
  };
  return {
    ...first,
    ties: first.ties.map((t) => ({ ...t, ...(changed[t.id] ?? {}) }) as MapTie),
  };
}

export function exampleChapterSummaryPdf(): ChapterSummaryPdfInput {
  const plan = examplePlanPdf();
  const first = exampleLongNote();
  const second: PdfProgressNote = {
    ...exampleTypicalNote(),
    facts: { ...first.facts, startsAt: new Date('2026-03-19T22:00:00Z'), minutes: 50, serviceCode: '90834', serviceLabel: 'Psychotherapy, 45 minutes' },
    addenda: [],
  };
  return {
    practice: examplePractice,
    client: exampleClient,
    chapter: {
      number: 2,
      openedAt: new Date('2026-01-08T18:00:00Z'),
      endedAt: new Date('2026-05-28T20:00:00Z'),
      phaseLabel: 'Transition',
      openingNote: 'Zoë returned after eighteen months, a few weeks after her sister moved to Montréal.',
      transition: {
        whatWasLived: 'A season of grieving a change in closeness, and of finding her voice at work.',
        whatRemainsOpen: 'How she and her sister keep in touch across the distance; sleep in winter.',
        doorLeftOpen: 'She knows she can write through the portal or book a check-in at any time.',
      },
    },
    diagnoses: [
      { code: 'F43.21', description: 'Adjustment disorder with depressed mood', primary: true, context: 'Low mood and withdrawal began within weeks of her sister’s move.', startsOn: '2026-01-15', endsOn: '2026-05-20' },
      { code: 'Z60.2', description: 'Problems related to living alone', primary: false, context: '', startsOn: '2026-01-15', endsOn: null },
    ],
    planVersions: [
      { ...plan, version: 2, reviewDate: '2026-04-01', changes: [], acknowledgements: [] },
      plan,
    ],
    notes: [first, second],
    relationalMaps: [
      { number: 2, savedAt: '2026-05-15T03:30:00.000Z', label: 'Before the ending', map: exampleRelationalMapLater() },
      { number: 1, savedAt: '2026-01-22T19:10:00.000Z', label: 'Drawn together in the assessment', map: exampleRelationalMap() },
    ],
    generatedAt: new Date('2026-05-30T17:00:00Z'),
    generatedBy: 'Noor Haddad',
  };
}
