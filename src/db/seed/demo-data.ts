/**
 * The people and words of the demo practice. Everyone here is invented; any likeness to a real
 * person or organisation is accidental. Kept apart from demo.ts so the texts can be read and
 * edited without wading through the code that writes them.
 */
import type { Phase } from '../../domain/journey/phases.js';
import type { Role } from '../../domain/people/roles.js';

export const demoSlug = 'harbour';
export const demoTimezone = 'America/Chicago';

export const demoPractice = {
  name: 'Harbour Relational Health',
  about:
    'We are a small group of therapists who believe that people heal in relationship: with someone who ' +
    'listens closely, and with the families, communities, traditions and places that hold us. Here there is ' +
    'room for all of you — your culture and history, your strengths as well as what hurts. Whatever has ' +
    'brought you to this page, writing to us is already a step toward connection, and it matters. Tell us ' +
    'a little in your own words; one of us will write back within two working days.',
  crisisResources:
    'If you are in immediate danger, call 911. In the US you can call or text 988 (the Suicide & Crisis ' +
    'Lifeline) at any hour, or chat at 988lifeline.org. This page is not watched around the clock, so ' +
    'please do not wait for our reply if you are in crisis.',
};

export type StaffKey = 'admin' | 'mariela' | 'tavita' | 'sam' | 'hyunwoo';

export interface StaffSeed {
  key: StaffKey;
  email: string;
  displayName: string;
  pronouns: string;
  credentials: string;
  roles: Role[];
  /** What to look at when signed in as this person. */
  note: string;
}

export const demoStaff: StaffSeed[] = [
  {
    key: 'admin',
    email: 'noor@harbour.example',
    displayName: 'Noor Rahimi',
    pronouns: 'she/her',
    credentials: 'Practice manager',
    roles: ['practice_admin'],
    note: 'Practice admin: people and roles, practice settings (FORCE movements, common factors), inquiries, audit log.',
  },
  {
    key: 'mariela',
    email: 'mariela@harbour.example',
    displayName: 'Mariela Quispe',
    pronouns: 'she/her',
    credentials: 'PsyD',
    roles: ['practitioner', 'supervisor'],
    note: "Practitioner and supervisor: her caseload (a client who returned for a second chapter), and Hyun-woo's clients to supervise.",
  },
  {
    key: 'tavita',
    email: 'tavita@harbour.example',
    displayName: 'Tavita Faleolo',
    pronouns: 'he/him',
    credentials: 'LMFT',
    roles: ['practitioner'],
    note: 'Practitioner: a couple, a family that moved back to assessment, a group; the new inquiry asks for him.',
  },
  {
    key: 'sam',
    email: 'sam@harbour.example',
    displayName: 'Sam Lindqvist',
    pronouns: 'they/them',
    credentials: 'LCSW',
    roles: ['practitioner'],
    note: 'Practitioner: an elder in grief, a young adult in assessment, a chapter just ended with its transition summary.',
  },
  {
    key: 'hyunwoo',
    email: 'hyunwoo@harbour.example',
    displayName: 'Hyun-woo Park',
    pronouns: 'he/him',
    credentials: 'AMFT (associate)',
    roles: ['associate'],
    note: 'Associate (pre-licensed): his progress notes need co-signing by Dr. Mariela Quispe, his supervisor.',
  },
];

/** The associate and the supervisor who co-signs their notes. */
export const demoSupervision = { supervisor: 'mariela', supervisee: 'hyunwoo' } as const satisfies Record<string, StaffKey>;

export interface MoveSeed {
  to: Phase;
  daysAgo: number;
  note?: string;
}

export interface ChapterSeed {
  openedDaysAgo: number;
  openingNote: string;
  /** Moves after the first one (nothing → reaching out at opening), oldest first. */
  moves: MoveSeed[];
  ended?: { daysAgo: number; whatWasLived: string; whatRemainsOpen: string; doorLeftOpen: string };
}

export interface RhythmSeed {
  every: 'weekly' | 'fortnightly';
  format: 'individual' | 'couple' | 'family' | 'group';
  modality: 'in_person' | 'video' | 'phone';
  minutes: number;
}

/** A past session that did not happen as planned; nth counts back from the most recent past session before today. */
export interface MissedSeed {
  nth: number;
  status: 'cancelled' | 'no_show';
  note: string;
}

export interface ClientSeed {
  key: string;
  name: string;
  legalName: string;
  pronouns: string;
  culturalIdentities: string;
  communities: string;
  email: string;
  phone: string;
  preferredContact: string;
  dateOfBirth?: string;
  emergencyContact: { name: string; phone: string; relationship: string };
  concerns: string;
  resilience: string;
  connection: string;
  vitality: string;
  practitioner: StaffKey;
  additional?: StaffKey[];
  chapters: ChapterSeed[];
  rhythm?: RhythmSeed;
  /** This client's series falls on today's weekday, so the practitioner's day is never empty. */
  todayAnchor?: boolean;
  missed?: MissedSeed[];
  portal?: { email: string; note: string };
}

const individual = (modality: RhythmSeed['modality'], every: RhythmSeed['every'] = 'weekly'): RhythmSeed => ({
  every,
  format: 'individual',
  modality,
  minutes: 50,
});

/** The usual road into the work, in days ago; a 0 leaves that phase out. */
const road = (opened: number, assessment: number, diagnosis: number, planning: number, work: number): MoveSeed[] =>
  (
    [
      { to: 'assessment', daysAgo: assessment },
      { to: 'diagnosis', daysAgo: diagnosis, note: 'Named as a starting point, not a conclusion.' },
      { to: 'planning', daysAgo: planning },
      { to: 'the_work', daysAgo: work },
    ] satisfies MoveSeed[]
  ).filter((m) => m.daysAgo > 0 && m.daysAgo < opened);

export const demoClients: ClientSeed[] = [
  // ── Mariela Quispe, PsyD ──────────────────────────────────────────────
  {
    key: 'ines',
    name: 'Inés Morales',
    legalName: 'María Inés Morales Delgado',
    pronouns: 'she/her',
    culturalIdentities: 'Mexican (tapatía); Catholic; bilingual Spanish and English',
    communities: 'Her parish choir; the Saturday market where she sells tamales',
    email: 'ines.morales@example.org',
    phone: '312-555-0101',
    preferredContact: 'Text or WhatsApp; Spanish is welcome',
    dateOfBirth: '1986-04-12',
    emergencyContact: { name: 'Lupita Morales', phone: '713-555-0182', relationship: 'Sister' },
    concerns: 'Three years after leaving Guadalajara I still live between two places. I miss my mother, and I am tired of being the strong one for my children.',
    resilience: 'My faith, my sense of humour, and knowing how much I have already carried.',
    connection: 'My sister Lupita on the phone every Sunday; the women in the choir.',
    vitality: 'Cooking for people; walking by the lake in the early morning.',
    practitioner: 'mariela',
    chapters: [
      {
        openedDaysAgo: 120,
        openingNote: 'Wrote through the reach-out page after a friend from the choir suggested it.',
        moves: [
          { to: 'assessment', daysAgo: 112 },
          { to: 'diagnosis', daysAgo: 98, note: 'Adjustment disorder as a starting point; Inés asked that "duelo migratorio" sit beside it.' },
          { to: 'planning', daysAgo: 91 },
          { to: 'the_work', daysAgo: 84 },
        ],
      },
    ],
    rhythm: individual('in_person'),
    todayAnchor: true,
    missed: [{ nth: 3, status: 'cancelled', note: 'Her daughter was home sick; Inés asked to move to video the following week.' }],
    portal: { email: 'ines@harbour.example', note: 'Client portal: her upcoming sessions and her journey, in the work.' },
  },
  {
    key: 'eli',
    name: 'Eli Navarro',
    legalName: 'Elías Navarro',
    pronouns: 'he/him',
    culturalIdentities: 'Puerto Rican; trans man; raised Catholic and still goes to Mass with his abuela',
    communities: 'A trans men’s peer group; his abuela’s parish; the climbing gym',
    email: 'eli.navarro@example.org',
    phone: '312-555-0102',
    preferredContact: 'Email',
    dateOfBirth: '1991-10-02',
    emergencyContact: { name: 'Jess Romero', phone: '312-555-0152', relationship: 'Partner' },
    concerns: 'Two years after coming out most of my family has come round; my father has not. I want to stop waiting for his permission to feel at home in myself.',
    resilience: 'Headstrong in a good way; loyal; a faith that is his own.',
    connection: 'Abuela Carmen; his partner Jess; the peer group.',
    vitality: 'Bouldering; salsa on Friday nights.',
    practitioner: 'mariela',
    additional: ['tavita'],
    chapters: [
      {
        openedDaysAgo: 160,
        openingNote: 'Referred by his peer group facilitator.',
        moves: [
          ...road(160, 153, 140, 133, 120),
          { to: 'planning', daysAgo: 40, note: 'Eli asked to revisit the plan: his intention has shifted from "being accepted" to "belonging to myself".' },
          { to: 'the_work', daysAgo: 33 },
        ],
      },
    ],
    rhythm: individual('in_person'),
  },
  {
    key: 'daniel',
    name: 'Daniel Tsosie',
    legalName: 'Daniel R. Tsosie',
    pronouns: 'he/him',
    culturalIdentities: 'Diné; grew up near Shiprock, has lived in the city for twenty years',
    communities: 'The urban Native community centre; his drum group',
    email: 'daniel.tsosie@example.org',
    phone: '312-555-0103',
    preferredContact: 'Phone call',
    dateOfBirth: '1980-06-21',
    emergencyContact: { name: 'Ray Tsosie', phone: '505-555-0114', relationship: 'Uncle' },
    concerns: 'After the divorce I stopped going anywhere. I want to be a father my kids can lean on, and to find my way back to people.',
    resilience: 'His grandmother’s teachings; eleven years of sobriety; patience.',
    connection: 'His two children on weekends; his uncle Ray; the drum group he has just rejoined.',
    vitality: 'Running at dawn; silversmithing.',
    practitioner: 'mariela',
    chapters: [
      {
        openedDaysAgo: 200,
        openingNote: 'Called the practice directly; asked for someone who would not need culture explained.',
        moves: [
          ...road(200, 193, 186, 179, 170),
          { to: 'transition', daysAgo: 18, note: 'Daniel feels ready to space sessions out; we are looking back together at what has changed.' },
        ],
      },
    ],
    rhythm: individual('in_person', 'fortnightly'),
  },
  {
    key: 'grace',
    name: 'Grace Kim-Alvarez',
    legalName: 'Grace Soo-ah Kim-Alvarez',
    pronouns: 'she/her',
    culturalIdentities: 'Korean and Colombian American; raised Presbyterian, now "spiritual, not religious"',
    communities: 'Her climbing friends; the Asian American employee network at work',
    email: 'grace.kimalvarez@example.org',
    phone: '312-555-0104',
    preferredContact: 'Email or text',
    dateOfBirth: '1993-01-30',
    emergencyContact: { name: 'Luis Alvarez', phone: '312-555-0154', relationship: 'Husband' },
    concerns: 'I came back after my father’s stroke. The old pattern is back: I hold everyone together all day and fall apart at night.',
    resilience: 'She knows this pattern now, and she knew she could come back.',
    connection: 'Her mother and brother; her husband Luis; the friends who brought food to the hospital.',
    vitality: 'Climbing; making kimchi with her mother; salsa in the car.',
    practitioner: 'mariela',
    chapters: [
      {
        openedDaysAgo: 540,
        openingNote: 'Reached out a few months before her wedding.',
        moves: [
          ...road(540, 533, 520, 512, 500),
          { to: 'transition', daysAgo: 400, note: 'The panic has eased; Grace wants to try on her own for a while.' },
        ],
        ended: {
          daysAgo: 380,
          whatWasLived:
            'Grace came in with panic before her wedding, caught between two families’ expectations. Over a year she found her own voice with both families, and the panic eased.',
          whatRemainsOpen: 'How to ask for care rather than only giving it.',
          doorLeftOpen: 'Grace knows she can come back at any time; we agreed a return would be a new chapter, not a failure.',
        },
      },
      {
        openedDaysAgo: 35,
        openingNote: 'Grace returned after her father’s stroke.',
        moves: [
          { to: 'assessment', daysAgo: 30 },
          { to: 'the_work', daysAgo: 20, note: 'We know each other; a short look at what has changed was enough to begin.' },
        ],
      },
    ],
    rhythm: individual('video'),
    portal: { email: 'grace@harbour.example', note: 'Client portal: a returning client, with two chapters; the first ended with a transition summary.' },
  },
  {
    key: 'lucia',
    name: 'Lucía Fernández',
    legalName: 'Lucía Belén Fernández',
    pronouns: 'she/her',
    culturalIdentities: 'Argentine (porteña); moved here a year ago for her husband’s work',
    communities: 'Still finding them',
    email: 'lucia.fernandez@example.org',
    phone: '312-555-0105',
    preferredContact: 'Email, in Spanish if possible',
    emergencyContact: { name: 'Martín Sosa', phone: '312-555-0155', relationship: 'Husband' },
    concerns: 'Lonely since the move. My friends, my language, my mate in the afternoon with my mother — all far away.',
    resilience: 'Adventurous; has started over before.',
    connection: 'Her husband; video calls with her mother in Buenos Aires.',
    vitality: 'Tango, though she has not found a place to dance yet.',
    practitioner: 'mariela',
    chapters: [{ openedDaysAgo: 3, openingNote: 'Wrote through the reach-out page; prefers Spanish. First call booked.', moves: [] }],
  },

  // ── Tavita Faleolo, LMFT ──────────────────────────────────────────────
  {
    key: 'seun',
    name: 'Seun Adebayo',
    legalName: 'Oluwaseun Adebayo',
    pronouns: 'he/him',
    culturalIdentities: 'Yoruba, Nigerian; here for a PhD; Pentecostal upbringing',
    communities: 'The Nigerian students’ association; his church choir',
    email: 'seun.adebayo@example.org',
    phone: '312-555-0106',
    preferredContact: 'Text',
    dateOfBirth: '1998-08-14',
    emergencyContact: { name: 'Funmi Adebayo', phone: '312-555-0156', relationship: 'Sister' },
    concerns: 'Panic in the lab, and I do not sleep. At home, people do not talk about this kind of thing.',
    resilience: 'Disciplined, warm, deeply funny once he relaxes.',
    connection: 'His sister Funmi, two hours away; a labmate he trusts.',
    vitality: 'Singing; Sunday football in the park.',
    practitioner: 'tavita',
    chapters: [
      {
        openedDaysAgo: 30,
        openingNote: 'Referred by the university counselling centre for longer-term work.',
        moves: [
          { to: 'assessment', daysAgo: 24 },
          { to: 'diagnosis', daysAgo: 6, note: 'Panic disorder as a starting point, with the pressure of a visa tied to his programme written beside it.' },
        ],
      },
    ],
    rhythm: individual('video'),
    todayAnchor: true,
  },
  // Dana and Kofi come as a couple: two clients, each with their own record and portal, seen
  // together as the unit "Dana & Kofi" (the couple's sessions live on Dana's rhythm).
  {
    key: 'dana-kofi',
    name: 'Dana Whitaker',
    legalName: 'Dana Whitaker',
    pronouns: 'she/her',
    culturalIdentities: 'White; grew up on a farm in Iowa; Lutheran roots',
    communities: 'Her nursing colleagues; a new parents’ group; her best friend next door',
    email: 'dana.whitaker@example.org',
    phone: '312-555-0107',
    preferredContact: 'Email',
    emergencyContact: { name: 'Kofi Asante', phone: '312-555-0167', relationship: 'Partner' },
    concerns: 'Since our daughter was born ten months ago we have become roommates who pass a baby back and forth. I argue about small things and go quiet about big ones.',
    resilience: 'We still make each other laugh, and we both want this to work.',
    connection: 'Kofi; my best friend next door; my sister on the phone on Sundays.',
    vitality: 'Dancing in the kitchen, when we remember to.',
    practitioner: 'tavita',
    chapters: [{ openedDaysAgo: 90, openingNote: 'Dana wrote for both of them.', moves: road(90, 84, 77, 70, 63) }],
    rhythm: { every: 'weekly', format: 'couple', modality: 'in_person', minutes: 80 },
    missed: [{ nth: 2, status: 'cancelled', note: 'The baby had a fever; Kofi called in the morning.' }],
    portal: { email: 'dana@harbour.example', note: 'Client portal: one of a couple (with Kofi); sees the couple’s shared notes and her own section.' },
  },
  {
    key: 'kofi',
    name: 'Kofi Asante',
    legalName: 'Kofi Asante',
    pronouns: 'he/him',
    culturalIdentities: 'Ghanaian (Asante); came to the US for university; Methodist',
    communities: 'The Ghanaian community association; his five-a-side team',
    email: 'kofi.asante@example.org',
    phone: '312-555-0167',
    preferredContact: 'Text',
    emergencyContact: { name: 'Dana Whitaker', phone: '312-555-0107', relationship: 'Partner' },
    concerns: 'I come home and feel I have already failed at something. I go quiet so it does not turn into a fight.',
    resilience: 'My mother’s stubbornness, and Dana’s laugh.',
    connection: 'My mother, visiting from Kumasi; my cousin Yaw.',
    vitality: 'Highlife on Saturday mornings with Ama on my shoulders.',
    practitioner: 'tavita',
    chapters: [{ openedDaysAgo: 90, openingNote: 'Came in with Dana; his own record opened the same day.', moves: road(90, 84, 77, 70, 63) }],
    portal: { email: 'kofi@harbour.example', note: 'Client portal: one of a couple (with Dana); sees the couple’s shared notes, never Dana’s own section.' },
  },
  {
    key: 'haddad',
    name: 'The Haddad family',
    legalName: 'Haddad family: Rami, Leila and Yasmin (15)',
    pronouns: 'Rami he/him · Leila she/her · Yasmin she/her',
    culturalIdentities: 'Lebanese American; Maronite (Rami’s family) and Sunni (Leila’s family); Arabic and English at home',
    communities: 'Extended family nearby; Yasmin’s robotics team; the regulars at the family bakery',
    email: 'haddad.family@example.org',
    phone: '312-555-0108',
    preferredContact: 'Phone call to Leila',
    emergencyContact: { name: 'Samira Khoury', phone: '312-555-0158', relationship: 'Leila’s mother (Teta)' },
    concerns: 'Yasmin has been withdrawing since she changed schools. We argue about how strict to be, and she goes to her room.',
    resilience: 'A family that eats dinner together most nights and loves fiercely.',
    connection: 'Teta lives ten minutes away; cousins Yasmin’s age.',
    vitality: 'Yasmin’s drawings; Rami’s cooking; summer days at the lake.',
    practitioner: 'tavita',
    additional: ['sam'],
    chapters: [
      {
        openedDaysAgo: 100,
        openingNote: 'Leila called after a school meeting.',
        moves: [
          { to: 'assessment', daysAgo: 93 },
          { to: 'planning', daysAgo: 79, note: 'Family intentions in their own words: fewer closed doors.' },
          { to: 'the_work', daysAgo: 65 },
          {
            to: 'assessment',
            daysAgo: 24,
            note: 'Yasmin told us she is being left out at school. We went back to assessment to understand the school context before going on.',
          },
          { to: 'the_work', daysAgo: 10, note: 'Back to the work, with the school counsellor now in the picture (with the family’s consent).' },
        ],
      },
    ],
    rhythm: { every: 'fortnightly', format: 'family', modality: 'in_person', minutes: 80 },
  },
  {
    key: 'kalani',
    name: 'Kalani Akana',
    legalName: 'Kalani M. Akana',
    pronouns: 'she/her',
    culturalIdentities: 'Kanaka Maoli (Native Hawaiian); grew up on Oʻahu',
    communities: 'A hula hālau that meets on Sundays; the connection circle here',
    email: 'kalani.akana@example.org',
    phone: '312-555-0109',
    preferredContact: 'Text',
    dateOfBirth: '1987-03-05',
    emergencyContact: { name: 'Mika Tanaka', phone: '312-555-0159', relationship: 'Partner' },
    concerns: 'I moved here for my partner’s job. I miss the ocean, my ʻohana, everything. Winter is hard.',
    resilience: 'Aloha as a practice, not a word; her grandmother’s chants.',
    connection: 'Video calls with her tūtū; her partner Mika; the hālau.',
    vitality: 'Dancing hula; the lake, which is almost an ocean.',
    practitioner: 'tavita',
    chapters: [{ openedDaysAgo: 75, openingNote: 'Joined after an individual consultation; the circle felt like the right fit.', moves: road(75, 70, 0, 63, 56) }],
    rhythm: { every: 'weekly', format: 'group', modality: 'in_person', minutes: 80 },
  },
  {
    key: 'hannah',
    name: 'Hannah Goldberg',
    legalName: 'Hannah R. Goldberg',
    pronouns: 'she/her',
    culturalIdentities: 'Ashkenazi Jewish; Reform congregation',
    communities: 'Her synagogue’s young families group; her book club',
    email: 'hannah.goldberg@example.org',
    phone: '312-555-0110',
    preferredContact: 'Email',
    dateOfBirth: '1984-11-19',
    emergencyContact: { name: 'Ben Goldberg', phone: '312-555-0160', relationship: 'Husband' },
    concerns: 'My brother David died last year. I have been holding my parents up and I have not cried once.',
    resilience: 'Her humour; her rabbi; her children’s questions.',
    connection: 'Her husband Ben; her parents; David’s friends.',
    vitality: 'Baking challah on Fridays; swimming.',
    practitioner: 'tavita',
    chapters: [
      {
        openedDaysAgo: 330,
        openingNote: 'Referred by her rabbi.',
        moves: [...road(330, 323, 316, 309, 300), { to: 'transition', daysAgo: 150 }],
        ended: {
          daysAgo: 120,
          whatWasLived:
            'Hannah came after her brother David died. She found ways to grieve with her parents instead of protecting them, and the family marked his first yahrzeit together.',
          whatRemainsOpen: 'Anniversaries will be tender; her father’s health.',
          doorLeftOpen: 'Hannah is welcome back for a single session or a new chapter, whenever she wishes.',
        },
      },
    ],
  },
  {
    key: 'ahmad',
    name: 'Ahmad Noori',
    legalName: 'Ahmad Zia Noori',
    pronouns: 'he/him',
    culturalIdentities: 'Hazara, from Afghanistan; arrived in 2021; Muslim; Dari and English',
    communities: 'The Afghan community association; his cricket team',
    email: 'ahmad.noori@example.org',
    phone: '312-555-0111',
    preferredContact: 'Phone, with a Dari interpreter',
    emergencyContact: { name: 'Zahra Noori', phone: '312-555-0161', relationship: 'Wife' },
    concerns: 'Worry for family still back home; headaches; short temper with the children.',
    resilience: 'He rebuilt a life from nothing, and he is proud of his children.',
    connection: 'His wife Zahra; the cricket team; his caseworker.',
    vitality: 'Cricket on Saturdays; reading poetry in Dari.',
    practitioner: 'tavita',
    chapters: [{ openedDaysAgo: 5, openingNote: 'Referred by his resettlement caseworker; first call with an interpreter booked.', moves: [] }],
  },

  // ── Sam Lindqvist, LCSW ───────────────────────────────────────────────
  {
    key: 'clarence',
    name: 'Clarence Odom',
    legalName: 'Clarence Everett Odom',
    pronouns: 'he/him',
    culturalIdentities: 'African American; Army veteran; a deacon in his Baptist church',
    communities: 'His church’s deacon board; Tuesday breakfast with other veterans',
    email: 'clarence.odom@example.org',
    phone: '312-555-0112',
    preferredContact: 'Telephone, mornings',
    dateOfBirth: '1946-09-03',
    emergencyContact: { name: 'Denise Odom-Harris', phone: '312-555-0162', relationship: 'Daughter' },
    concerns: 'Lost my wife Loretta in the spring, after fifty-one years. The house is too quiet and I do not know what to do with the evenings.',
    resilience: 'A faith that has carried him through a war and a long life; a steady routine.',
    connection: 'His daughter Denise calls every night; grandchildren; the deacons.',
    vitality: 'His vegetable garden; fixing things for the neighbours.',
    practitioner: 'sam',
    chapters: [{ openedDaysAgo: 130, openingNote: 'His daughter made the first call, with Clarence beside her.', moves: road(130, 123, 116, 109, 100) }],
    rhythm: individual('phone'),
    todayAnchor: true,
    missed: [{ nth: 4, status: 'cancelled', note: 'Clarence was at his granddaughter’s graduation — a good reason.' }],
  },
  {
    key: 'rowan',
    name: 'Rowan Adeyemi-Clarke',
    legalName: 'Rowan Adeyemi-Clarke',
    pronouns: 'they/them',
    culturalIdentities: 'Nigerian and English heritage; queer; raised in Houston',
    communities: 'The campus queer student union; an online tabletop game group',
    email: 'rowan.ac@example.org',
    phone: '312-555-0113',
    preferredContact: 'Text or email',
    dateOfBirth: '2006-02-17',
    emergencyContact: { name: 'Tobi Adeyemi-Clarke', phone: '713-555-0163', relationship: 'Older sibling' },
    concerns: 'First year at college, far from home. I am around people all day and I still feel completely alone.',
    resilience: 'Curious, honest, good at finding words for things.',
    connection: 'Their sibling Tobi; two friends from high school on Discord.',
    vitality: 'Drawing comics; late walks with music.',
    practitioner: 'sam',
    chapters: [{ openedDaysAgo: 20, openingNote: 'Found us through the campus LGBTQ+ resource list.', moves: [{ to: 'assessment', daysAgo: 13 }] }],
    rhythm: individual('video'),
  },
  {
    key: 'meilin',
    name: 'Mei-Lin Chou',
    legalName: 'Chou Mei-Lin',
    pronouns: 'she/her',
    culturalIdentities: 'Taiwanese American; Buddhist family, "more of a gardener than a practitioner"',
    communities: 'Her temple’s volunteer kitchen; a caregivers’ support line',
    email: 'meilin.chou@example.org',
    phone: '312-555-0114',
    preferredContact: 'Email',
    dateOfBirth: '1973-05-08',
    emergencyContact: { name: 'Wei Chou', phone: '312-555-0164', relationship: 'Husband' },
    concerns: 'My mother’s dementia is getting worse. Between her, my teenagers and my job, there is nothing left of me.',
    resilience: 'Organised, patient, a long view of family.',
    connection: 'Her husband Wei; her brother in Seattle by phone; a neighbour who sits with her mother on Thursdays.',
    vitality: 'Her balcony garden; calligraphy, which she has taken up again.',
    practitioner: 'sam',
    chapters: [{ openedDaysAgo: 110, openingNote: 'Her mother’s geriatrician suggested support for the caregiver too.', moves: road(110, 104, 97, 90, 83) }],
    rhythm: individual('video', 'fortnightly'),
  },
  {
    key: 'fatima',
    name: 'Fatima Diallo',
    legalName: 'Fatimata Diallo',
    pronouns: 'she/her',
    culturalIdentities: 'Senegalese (Pulaar); Muslim; speaks French, Pulaar and Wolof, learning English',
    communities: 'Her mosque’s women’s circle; other parents at her son’s school',
    email: 'fatima.diallo@example.org',
    phone: '312-555-0115',
    preferredContact: 'Phone; French is easiest',
    dateOfBirth: '1989-12-01',
    emergencyContact: { name: 'Awa Diallo', phone: '312-555-0165', relationship: 'Cousin' },
    concerns: 'Waiting for my asylum hearing. I do not sleep well, and I do not want my son to see how worried I am.',
    resilience: 'Her faith; her son Ibrahima; a strong will.',
    connection: 'Her cousin Awa; the women’s circle; a caseworker she trusts.',
    vitality: 'Cooking thieboudienne on Sundays; afternoons in the park with Ibrahima.',
    practitioner: 'sam',
    chapters: [
      {
        openedDaysAgo: 45,
        openingNote: 'Referred by a legal aid clinic.',
        moves: [
          { to: 'assessment', daysAgo: 38 },
          { to: 'diagnosis', daysAgo: 24, note: 'Named as a starting point; the asylum process and housing written beside it as Z-codes.' },
          { to: 'planning', daysAgo: 9 },
        ],
      },
    ],
    rhythm: individual('in_person'),
  },
  {
    key: 'marcus',
    name: 'Marcus Bell',
    legalName: 'Marcus Anthony Bell',
    pronouns: 'he/him',
    culturalIdentities: 'Black American; raised in Memphis; Methodist',
    communities: 'The retired teachers’ association; his church’s men’s group',
    email: 'marcus.bell@example.org',
    phone: '312-555-0116',
    preferredContact: 'Phone call',
    dateOfBirth: '1960-07-27',
    emergencyContact: { name: 'Gloria Bell', phone: '312-555-0166', relationship: 'Wife' },
    concerns: 'Retired after thirty-two years of teaching and felt as if I had disappeared.',
    resilience: 'Generations of students who remember him; a dogged optimism.',
    connection: 'His wife Gloria; his brother in Memphis; former students.',
    vitality: 'Jazz records; the tutoring programme he started.',
    practitioner: 'sam',
    chapters: [
      {
        openedDaysAgo: 220,
        openingNote: 'His wife found the practice; Marcus called himself.',
        moves: [...road(220, 213, 206, 199, 190), { to: 'transition', daysAgo: 30, note: 'Marcus feels like himself again; we are preparing to end.' }],
        ended: {
          daysAgo: 6,
          whatWasLived:
            'Marcus came in feeling invisible after retiring. He grieved leaving a role that had held him for decades, reconnected with his brother, and started tutoring former students’ children.',
          whatRemainsOpen: 'Winter evenings are still long; his knee surgery in the spring.',
          doorLeftOpen: 'Marcus will call if the winter is hard; a single check-in session is welcome at any time.',
        },
      },
    ],
    rhythm: individual('in_person'),
  },
  {
    key: 'jordan',
    name: 'Jordan Meyers',
    legalName: 'Jordan A. Meyers',
    pronouns: 'he/they',
    culturalIdentities: 'Deaf; ASL is his first language; Jewish; grew up in Minnesota',
    communities: 'The Deaf community centre; a Jewish LGBTQ+ havurah',
    email: 'jordan.meyers@example.org',
    phone: '312-555-0117',
    preferredContact: 'Email or text; video sessions with an ASL interpreter',
    emergencyContact: { name: 'Ari Cohen', phone: '312-555-0167', relationship: 'Partner' },
    concerns: 'A new job where nobody signs. I am exhausted from lip-reading all day and I want to talk with someone without explaining everything first.',
    resilience: 'A strong Deaf identity and community; clear about what he needs.',
    connection: 'His partner Ari; Deaf friends from school.',
    vitality: 'Photography; Shabbat dinners with friends.',
    practitioner: 'sam',
    chapters: [{ openedDaysAgo: 2, openingNote: 'Asked for video sessions with an ASL interpreter; Noor is arranging one.', moves: [] }],
  },

  // ── Hyun-woo Park, AMFT (associate) ───────────────────────────────────
  {
    key: 'priya',
    name: 'Priya Raghunathan',
    legalName: 'Priya Raghunathan',
    pronouns: 'she/her',
    culturalIdentities: 'Tamil, Indian American; Hindu, practising "in my own way"',
    communities: 'A South Asian women in tech group; her running club',
    email: 'priya.r@example.org',
    phone: '312-555-0118',
    preferredContact: 'Email',
    dateOfBirth: '1991-09-09',
    emergencyContact: { name: 'Arjun Menon', phone: '312-555-0168', relationship: 'Partner' },
    concerns: 'I lead a team at a software company and I am running on empty. I cannot remember the last time work did not follow me to bed.',
    resilience: 'Clear thinking, a dry sense of humour, a partner who notices.',
    connection: 'Her partner Arjun; a college friend she texts daily; her parents, though she tells them little.',
    vitality: 'Long runs on Saturdays; the Carnatic songs her grandmother sang.',
    practitioner: 'hyunwoo',
    chapters: [
      {
        openedDaysAgo: 35,
        openingNote: 'Found us through her employee assistance programme list.',
        moves: [
          { to: 'assessment', daysAgo: 29 },
          { to: 'diagnosis', daysAgo: 15 },
          { to: 'planning', daysAgo: 8, note: 'Priya’s own words for the plan: "work that fits inside a life".' },
        ],
      },
    ],
    rhythm: individual('video'),
    todayAnchor: true,
  },
  {
    key: 'tomasz',
    name: 'Tomasz Wiśniewski',
    legalName: 'Tomasz Wiśniewski',
    pronouns: 'he/him',
    culturalIdentities: 'Polish American, second generation; Catholic; living with chronic back pain since an injury at work',
    communities: 'His union local; his sons’ hockey league',
    email: 'tomasz.w@example.org',
    phone: '312-555-0119',
    preferredContact: 'Phone call',
    dateOfBirth: '1984-02-11',
    emergencyContact: { name: 'Agnieszka Wiśniewska', phone: '312-555-0169', relationship: 'Wife' },
    concerns: 'Hurt my back on a job site last year. The pain is better, but I am not. I snap at my kids and I cannot sleep.',
    resilience: 'Hard-working, honest, shows up.',
    connection: 'His wife Agnieszka; his brother; the crew he worked with.',
    vitality: 'Fishing with his sons; he used to build furniture.',
    practitioner: 'hyunwoo',
    additional: ['mariela'],
    chapters: [
      {
        openedDaysAgo: 40,
        openingNote: 'Referred by his physical therapist.',
        moves: [
          { to: 'assessment', daysAgo: 33 },
          { to: 'diagnosis', daysAgo: 12, note: 'Chronic pain and low mood named together, with his work situation beside them; Dr. Quispe joined for the assessment.' },
        ],
      },
    ],
    rhythm: individual('in_person'),
  },
  {
    key: 'aaliyah',
    name: 'Aaliyah Brooks',
    legalName: 'Aaliyah Simone Brooks',
    pronouns: 'she/her',
    culturalIdentities: 'Black American; grew up in the AME church',
    communities: 'Her hospital unit; her sorority sisters',
    email: 'aaliyah.brooks@example.org',
    phone: '312-555-0120',
    preferredContact: 'Text',
    dateOfBirth: '1997-10-23',
    emergencyContact: { name: 'Yvonne Brooks', phone: '312-555-0170', relationship: 'Mother' },
    concerns: 'ICU nurse, five years in. I am good at my job and I feel nothing after a shift. I am grieving patients I never had time to grieve.',
    resilience: 'Fierce competence; humour; a mother who taught her to rest on Sundays.',
    connection: 'Her mother; two friends from nursing school; her cat.',
    vitality: 'Braiding hair for friends; gospel on the drive home.',
    practitioner: 'hyunwoo',
    chapters: [
      {
        openedDaysAgo: 150,
        openingNote: 'Self-referred after a hard winter on the unit.',
        moves: [
          ...road(150, 143, 130, 123, 115),
          { to: 'transition', daysAgo: 14, note: 'Aaliyah is moving to a day-shift role; we are spacing sessions and looking back together.' },
        ],
      },
    ],
    rhythm: individual('video', 'fortnightly'),
    missed: [{ nth: 2, status: 'no_show', note: 'Aaliyah picked up an extra night shift and slept through; she called that evening.' }],
  },
  {
    key: 'ruth',
    name: 'Ruth Abernathy',
    legalName: 'Ruth Ellen Abernathy',
    pronouns: 'she/her',
    culturalIdentities: 'Appalachian roots; Methodist; retired librarian',
    communities: 'The residents’ book club; her church, by livestream',
    email: 'ruth.abernathy@example.org',
    phone: '312-555-0121',
    preferredContact: 'Telephone, afternoons',
    dateOfBirth: '1941-04-02',
    emergencyContact: { name: 'Carol Abernathy', phone: '312-555-0171', relationship: 'Niece' },
    concerns: 'I moved into assisted living in the autumn. Everyone is kind, and I have never felt so alone.',
    resilience: 'A sharp mind, a lifetime of reading, a wicked sense of humour.',
    connection: 'Her niece Carol; letters with a friend from childhood.',
    vitality: 'Crosswords; the birds at the feeder outside her window.',
    practitioner: 'hyunwoo',
    chapters: [{ openedDaysAgo: 16, openingNote: 'Her niece called; Ruth wanted to speak for herself on the second call.', moves: [{ to: 'assessment', daysAgo: 9 }] }],
    rhythm: individual('phone'),
  },
  {
    key: 'sofia',
    name: 'Sofia Esposito',
    legalName: 'Sofia Grace Esposito',
    pronouns: 'she/her',
    culturalIdentities: 'Italian American; a big Catholic family; the first in her family at graduate school',
    communities: 'Her lab; her cousins’ group chat',
    email: 'sofia.esposito@example.org',
    phone: '312-555-0122',
    preferredContact: 'Email',
    dateOfBirth: '2001-06-15',
    emergencyContact: { name: 'Rosa Esposito', phone: '312-555-0172', relationship: 'Mother' },
    concerns: 'Perfectionism and panic before exams; feeling like an impostor.',
    resilience: 'Bright, warm, a family that shows up.',
    connection: 'Her mother and grandmother; her cousins.',
    vitality: 'Sunday dinners; open-water swimming.',
    practitioner: 'hyunwoo',
    chapters: [
      {
        openedDaysAgo: 260,
        openingNote: 'Self-referred in the middle of her final year.',
        moves: [
          { to: 'assessment', daysAgo: 253 },
          { to: 'planning', daysAgo: 240 },
          { to: 'the_work', daysAgo: 230 },
          { to: 'transition', daysAgo: 90, note: 'Sofia is moving away for a PhD; we are preparing the ending together.' },
        ],
        ended: {
          daysAgo: 70,
          whatWasLived: 'Sofia learned to notice the panic early and to let her family see her struggle. She finished her degree.',
          whatRemainsOpen: 'Starting a PhD in another state; the old perfectionism may return under pressure.',
          doorLeftOpen: 'We gave her the names of two therapists near her new university; she may return to us by video where licensing allows.',
        },
      },
    ],
  },
];

export const demoInquiries = {
  waiting: {
    name: 'Themba Nkosi',
    contact: 'themba.nkosi@example.org · 312-555-0177',
    whatBrings:
      'Since my mother passed in the spring I have been going through the motions. A friend said you work with grief in a way that includes family and where we come from. ' +
      'I would like to talk with someone, ideally Tavita. Evenings or video work best for me.',
    preferred: 'tavita' as StaffKey,
    hoursAgo: 5,
  },
  replied: {
    name: 'Camille Durand',
    contact: 'camille.durand@example.org',
    whatBrings:
      'I am a hospice chaplain. I love my work, but I have started carrying it home in a way I do not recognise. I am looking for a space that is mine.',
    preferred: 'sam' as StaffKey,
    daysAgo: 4,
    reply:
      'Dear Camille, thank you for writing, and for putting it so clearly. Carrying others’ endings is real work, and it makes sense to want a space of your own. ' +
      'I have Tuesday and Thursday afternoons open. Would a 20-minute phone call this week help us see whether we are a good fit? Warmly, Sam',
  },
};

/** A couple, family or group seen together; `sessionsOf` is the client whose rhythm holds the unit's sessions. */
export interface UnitSeed {
  kind: 'couple' | 'family' | 'group';
  name: string;
  clients: Array<{ key: string; relationship: string }>;
  related: Array<{ name: string; relationship: string; attends: boolean }>;
  sessionsOf?: string;
}

export const demoUnits: UnitSeed[] = [
  {
    kind: 'couple',
    name: 'Dana & Kofi',
    clients: [
      { key: 'dana-kofi', relationship: 'partner' },
      { key: 'kofi', relationship: 'partner' },
    ],
    related: [],
    sessionsOf: 'dana-kofi',
  },
  {
    kind: 'family',
    name: 'The Whitaker-Asante family',
    clients: [
      { key: 'dana-kofi', relationship: 'mother' },
      { key: 'kofi', relationship: 'father' },
    ],
    related: [
      { name: 'Ama', relationship: 'daughter, 10 months', attends: false },
      { name: 'Akosua Asante', relationship: 'Kofi’s mother, visiting from Kumasi', attends: false },
    ],
  },
];
