import type { ThemeStage } from '../../domain/themes/arc.js';

/**
 * Invented documentation for the demo practice: what a few months of notes, themes, diagnoses
 * and plans look like. Keyed by demo client; clients not named here get plainer notes built
 * from their own words.
 */
export interface ClientStory {
  /** What sessions circled around, in the order they came up. */
  topics: string[];
  themes: Array<{ name: string; description: string; arc: ThemeStage[]; fromSession: number }>;
  diagnoses: Array<{ code: string; description: string; context: string; primary: boolean; daysAgo: number }>;
  plan?: { intentions: string; problem: string; goal: string; objective: string; measure: string; intervention: string };
}

export const stories: Record<string, ClientStory> = {
  ines: {
    topics: ['her mother’s voice on the phone and the silence after', 'being the strong one for her children', 'the Sunday market that smells like home', 'a neighbour who invited her for coffee', 'what she is allowed to miss'],
    themes: [
      { name: 'Being the strong one', description: 'Holding everyone, with nobody holding her.', arc: ['emerging', 'recurring', 'transforming'], fromSession: 0 },
      { name: 'Living between two places', description: 'Migration grief: here and there at once.', arc: ['emerging', 'recurring'], fromSession: 1 },
      { name: 'A neighbour’s kitchen', description: 'A new, small belonging nobody planned for.', arc: ['emerging'], fromSession: 3 },
    ],
    diagnoses: [
      { code: 'F43.23', description: 'Adjustment disorder with mixed anxiety and depressed mood', context: 'A starting point, not a conclusion. Inés asked that “duelo migratorio” sit beside it: the grief of leaving, still moving three years on.', primary: true, daysAgo: 98 },
      { code: 'Z60.3', description: 'Acculturation difficulty', context: 'Language at work and at school meetings; the children translate for her, which she hates.', primary: false, daysAgo: 98 },
    ],
    plan: {
      intentions: 'To stop living with one foot in Guadalajara and one here, and to let someone hold me sometimes.',
      problem: 'Grief and isolation after migration; exhaustion from carrying the family alone',
      goal: 'Build a circle of support here that she can lean on',
      objective: 'Has two people here she can call when the evenings are hard',
      measure: 'Her own account each month; relational map',
      intervention: 'Relational mapping; grief work on what was left behind',
    },
  },
  eli: {
    topics: ['his father’s silence at the family dinner', 'what “belonging to myself” means', 'his chosen family on Friday nights', 'the letter he will not send yet'],
    themes: [
      { name: 'Waiting for permission', description: 'Needing his father’s blessing to be at home in himself.', arc: ['emerging', 'recurring', 'transforming'], fromSession: 0 },
      { name: 'Chosen family', description: 'The people who already hold him.', arc: ['emerging', 'integrated'], fromSession: 1 },
    ],
    diagnoses: [],
    plan: {
      intentions: 'Belonging to myself, whether or not my father comes round.',
      problem: 'Family rejection and waiting for acceptance',
      goal: 'Feel at home in himself in family settings',
      objective: 'Goes to the next family gathering on his own terms',
      measure: 'His own account after family events',
      intervention: 'Narrative work on the letter; chosen-family mapping',
    },
  },
  seun: {
    topics: ['panic in the lab before a presentation', 'sleep and the 3 a.m. emails', 'what his parents would say about therapy'],
    themes: [{ name: 'Not letting anyone down', description: 'The visa, the scholarship, the family’s hopes.', arc: ['emerging'], fromSession: 0 }],
    diagnoses: [
      { code: 'F41.0', description: 'Panic disorder [episodic paroxysmal anxiety]', context: 'Named as a starting point. The pressure of a visa tied to his programme is part of the picture, not background.', primary: true, daysAgo: 6 },
      { code: 'Z65.3', description: 'Problems related to other legal circumstances', context: 'Visa status depends on staying enrolled full time.', primary: false, daysAgo: 6 },
    ],
  },
  fatima: {
    topics: ['the hearing date that keeps moving', 'her son’s drawings', 'the women at the mosque who bring food'],
    themes: [{ name: 'Protecting her son from her worry', description: 'Keeping a calm face for him.', arc: ['emerging', 'recurring'], fromSession: 0 }],
    diagnoses: [
      { code: 'F43.10', description: 'Post-traumatic stress disorder, unspecified', context: 'A starting point; her symptoms make sense given what she fled.', primary: true, daysAgo: 24 },
      { code: 'Z65.8', description: 'Other specified problems related to psychosocial circumstances', context: 'Waiting for her asylum hearing, with no date fixed.', primary: false, daysAgo: 24 },
      { code: 'Z59.819', description: 'Housing instability, housed unspecified', context: 'Shared flat through the resettlement agency; the lease ends in spring.', primary: false, daysAgo: 24 },
    ],
    plan: {
      intentions: 'To sleep, and to be calm enough for my son while we wait.',
      problem: 'Sleep and fear while the asylum case is pending',
      goal: 'Sleep most nights and keep daily routines for her son',
      objective: 'Four nights a week with six hours of sleep',
      measure: 'Sleep diary',
      intervention: 'Grounding and body-based work; connection with the mosque women’s group',
    },
  },
  daniel: {
    topics: ['the first weekend with the kids in the new flat', 'the drumming circle he went back to', 'how he talks to his ex-wife now'],
    themes: [{ name: 'Finding his way back to people', description: 'From staying in to the drumming circle.', arc: ['emerging', 'recurring', 'transforming', 'integrated'], fromSession: 0 }],
    diagnoses: [
      { code: 'F43.21', description: 'Adjustment disorder with depressed mood', context: 'After the divorce; eased over the months.', primary: true, daysAgo: 150 },
      { code: 'Z63.5', description: 'Disruption of family by separation and divorce', context: 'Shared custody; the children every other weekend.', primary: false, daysAgo: 150 },
    ],
    plan: {
      intentions: 'To be a father my kids can lean on, and to find my way back to people.',
      problem: 'Withdrawal after divorce',
      goal: 'Weekly contact with friends and community',
      objective: 'Goes to the drumming circle most weeks',
      measure: 'His own account',
      intervention: 'Relational mapping; behavioural activation with people he chose',
    },
  },
  clarence: {
    topics: ['the evenings since Loretta died', 'the church men’s breakfast', 'her garden, which he has started to water'],
    themes: [{ name: 'The quiet house', description: 'Evenings that used to be hers and his.', arc: ['emerging', 'recurring'], fromSession: 0 }],
    diagnoses: [{ code: 'Z63.4', description: 'Disappearance and death of family member', context: 'Loretta died in the spring after fifty-one years together. Grief, not a disorder.', primary: true, daysAgo: 60 }],
  },
  haddad: {
    topics: ['Yasmin’s closed door', 'the new school and the lunch table', 'how strict is strict enough'],
    themes: [{ name: 'Closed doors', description: 'Withdrawal met with pressure, met with more withdrawal.', arc: ['emerging', 'recurring', 'transforming'], fromSession: 0 }],
    diagnoses: [],
    plan: {
      intentions: 'Fewer closed doors.',
      problem: 'Yasmin’s withdrawal since changing schools; parents disagree on limits',
      goal: 'Family talks about hard things without a door closing',
      objective: 'One family meal a week where everyone stays',
      measure: 'Family’s own count',
      intervention: 'Family sessions; liaison with the school counsellor (with consent)',
    },
  },
  priya: {
    topics: ['work following her to bed', 'the team member she is afraid to let go', 'her grandmother’s advice about rest'],
    themes: [{ name: 'Running on empty', description: 'Worth measured by output.', arc: ['emerging', 'recurring'], fromSession: 0 }],
    diagnoses: [{ code: 'Z56.9', description: 'Unspecified problems related to employment', context: 'Burnout at work; not a diagnosis of her, a description of her conditions.', primary: true, daysAgo: 40 }],
    plan: {
      intentions: 'To have evenings that are mine again.',
      problem: 'Exhaustion and work that never ends',
      goal: 'Protect two evenings a week',
      objective: 'No work messages after 7 p.m. on Tuesdays and Thursdays',
      measure: 'Her own log',
      intervention: 'Values work; boundaries practice',
    },
  },
  tomasz: {
    topics: ['the back pain and the pain of not working', 'snapping at his kids', 'his father, who also never stopped working'],
    themes: [{ name: 'Worth through work', description: 'Who am I if I cannot work?', arc: ['emerging'], fromSession: 0 }],
    diagnoses: [{ code: 'F43.23', description: 'Adjustment disorder with mixed anxiety and depressed mood', context: 'After the injury and losing work; the family’s money worries are part of it.', primary: true, daysAgo: 50 }],
  },
};

/** Sentences the notes are built from, varied by session. */
export const notePhrases = {
  observations: [
    'Arrived on time; warm, a little tired; tearful at moments and able to come back.',
    'Settled quickly; voice steadier than last time; good eye contact.',
    'Quieter at first, opening up as we went; laughed twice.',
    'Restless at the start, slowed down with grounding; engaged throughout.',
  ],
  interventions: [
    'Grounding at the start (FORCE: feel, orient); relational mapping of who is near and far.',
    'Reflective listening; we named the pattern together and looked at where it began.',
    'Narrative work on the story they tell about themself; a small experiment for the week.',
    'Body-based work with the breath; we returned to their own words for what they want.',
  ],
  responses: [
    'Said it felt lighter to say it out loud.',
    'Could name one person to reach toward this week.',
    'Pushed back on one reflection, and we stayed with that; felt like real contact.',
    'Left with a plan of their own making.',
  ],
  assessments: [
    'Connection is growing; isolation still strongest in the evenings.',
    'Steady progress toward the plan; no risk indicators today.',
    'A harder week, held well; the relationship is a resource now.',
    'Moving from surviving toward choosing; the theme is shifting shape.',
  ],
  plans: ['Weekly, same time.', 'Continue; revisit the map next session.', 'Fortnightly from next month if this holds.', 'Bring the letter next time.'],
  relationship: [
    'Something softened between us when I admitted I did not know.',
    'I noticed I wanted to rescue; I held back and they found their own answer.',
    'A small rupture when I moved too fast; we repaired it by naming it.',
  ],
  reactions: [
    'This stirs my own family story of leaving; I will take it to supervision.',
    'I felt protective, maybe more than the work needs.',
    'Tired today; I noticed my attention drifting at the end.',
  ],
};
