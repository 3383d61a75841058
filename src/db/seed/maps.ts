import { onRing } from '../../domain/maps/draw.js';
import { canonicalMap, type MapLevel, type MapNode, type MapTie, mapProblems, newMap, type RelationalMap, relationalMapSchema } from '../../domain/maps/map.js';
import { connectionMetrics } from '../../domain/maps/metrics.js';
import { mapContentHash } from '../repos/maps.js';
import { relationalMaps, relationalMapVersions, type sessions } from '../schema/index.js';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface MapsPlan {
  relationalMaps: Row<typeof relationalMaps>[];
  relationalMapVersions: Row<typeof relationalMapVersions>[];
}

const person = (id: string, label: string, level: MapLevel, angle: number, extra: Partial<MapNode> = {}): MapNode => ({
  ...newMap('').nodes[0]!,
  id,
  kind: 'person',
  label,
  level,
  clientId: null,
  ...onRing(level, angle),
  ...extra,
});
const thing = (id: string, kind: MapNode['kind'], label: string, level: MapLevel, angle: number, extra: Partial<MapNode> = {}): MapNode =>
  person(id, label, level, angle, { kind, ...extra });
const tie = (b: string, strength: 'tenuous' | 'moderate' | 'strong', quality: 'supportive' | 'stressful' | 'conflicted' | 'cut_off', direction: 'none' | 'a_to_b' | 'b_to_a' | 'both', note = ''): MapTie => ({
  id: `c-${b}`,
  kind: 'connection',
  a: 'client',
  b,
  strength,
  quality,
  direction,
  note,
});

/**
 * Inés's world as she and Mariela drew it early in the assessment: family far away in
 * Guadalajara, the children she carries, an ex-husband she still fights with, the market and the
 * choir at the edges, and migration pressing on all of it.
 */
function inesFirst(name: string, clientId: string): RelationalMap {
  const base = newMap(name, clientId);
  const centre = { ...base.nodes[0]!, gender: 'female' as const, born: 1986 };
  return {
    alterTiesRecorded: false,
    nodes: [
      centre,
      person('mother', 'Mamá Rosa', 'familial', 200, { gender: 'female', born: 1958, note: 'In Guadalajara; video calls when the connection allows.' }),
      person('father', 'Papá Ernesto', 'familial', 230, { gender: 'male', born: 1955, died: 2019, deceased: true }),
      person('lupita', 'Lupita (sister)', 'familial', 170, { gender: 'female', born: 1989, turnTo: 'client' }),
      person('sofia', 'Sofía', 'personal', 60, { gender: 'female', born: 2012 }),
      person('mateo', 'Mateo', 'personal', 110, { gender: 'male', born: 2015 }),
      person('ricardo', 'Ricardo (ex-husband)', 'familial', 20, { gender: 'male', born: 1984 }),
      thing('choir', 'group', 'Parish choir', 'social', 300),
      thing('market', 'place', 'Saturday market', 'ecological', 330, { note: 'Where she sells tamales.' }),
      thing('lake', 'place', 'The lake in the morning', 'ecological', 250),
      thing('immigration', 'institution', 'Immigration office', 'ecological', 20, { sector: 'government' }),
      thing('faith', 'spiritual', 'Her faith', 'spiritual', 280),
      thing('migration', 'influence', 'Migration and distance', 'ecological', 150),
    ],
    ties: [
      tie('mother', 'moderate', 'supportive', 'b_to_a', 'Misses her every day.'),
      tie('lupita', 'moderate', 'supportive', 'both', 'Every Sunday on the phone.'),
      tie('sofia', 'strong', 'stressful', 'a_to_b', 'Tired of being the strong one.'),
      tie('mateo', 'strong', 'supportive', 'a_to_b'),
      tie('ricardo', 'tenuous', 'conflicted', 'none', 'Arguments over the children’s weekends.'),
      tie('choir', 'tenuous', 'supportive', 'b_to_a'),
      tie('market', 'moderate', 'stressful', 'a_to_b'),
      tie('lake', 'tenuous', 'supportive', 'b_to_a'),
      tie('immigration', 'moderate', 'stressful', 'a_to_b', 'Paperwork that never seems to end.'),
      tie('faith', 'strong', 'supportive', 'b_to_a'),
      { id: 'i-mother', kind: 'influence', a: 'migration', b: 'mother', note: 'Three years and two thousand kilometres.' },
      { id: 'i-client', kind: 'influence', a: 'migration', b: 'client', note: 'Living between two places.' },
      { id: 'p-parents', kind: 'partner', a: 'father', b: 'mother', status: 'widowed', since: 1982, until: 2019, note: '' },
      { id: 'p-ines', kind: 'partner', a: 'client', b: 'ricardo', status: 'divorced', since: 2010, until: 2021, note: '' },
      { id: 'pa-m-ines', kind: 'parent', a: 'mother', b: 'client', bond: 'birth' },
      { id: 'pa-f-ines', kind: 'parent', a: 'father', b: 'client', bond: 'birth' },
      { id: 'pa-m-lupita', kind: 'parent', a: 'mother', b: 'lupita', bond: 'birth' },
      { id: 'pa-f-lupita', kind: 'parent', a: 'father', b: 'lupita', bond: 'birth' },
      { id: 'pa-i-sofia', kind: 'parent', a: 'client', b: 'sofia', bond: 'birth' },
      { id: 'pa-r-sofia', kind: 'parent', a: 'ricardo', b: 'sofia', bond: 'birth' },
      { id: 'pa-i-mateo', kind: 'parent', a: 'client', b: 'mateo', bond: 'birth' },
      { id: 'pa-r-mateo', kind: 'parent', a: 'ricardo', b: 'mateo', bond: 'birth' },
      { id: 'e-ines-mother', kind: 'emotional', a: 'client', b: 'mother', pattern: 'close', direction: 'none', note: '' },
      { id: 'e-ines-ricardo', kind: 'emotional', a: 'client', b: 'ricardo', pattern: 'conflicted', direction: 'none', note: '' },
    ],
  };
}

/**
 * Fourteen weeks on: the choir has become a place to rest, a friend from it someone to call, the
 * fights with Ricardo stopped by choosing distance, and Inés says who knows whom.
 */
function inesLater(first: RelationalMap): RelationalMap {
  const replace = (id: string, change: Partial<MapTie>) => first.ties.map((t) => (t.id === id ? ({ ...t, ...change } as MapTie) : t));
  let ties = replace('c-choir', { strength: 'strong', note: 'Thursday practice is the best evening of the week.' } as Partial<MapTie>);
  ties = ties.map((t) => (t.id === 'c-ricardo' ? ({ ...t, quality: 'cut_off', note: 'Handovers by message only, for now.' } as MapTie) : t));
  ties = ties.map((t) => (t.id === 'c-market' ? ({ ...t, quality: 'supportive' } as MapTie) : t));
  ties = ties.map((t) => (t.id === 'c-sofia' ? ({ ...t, quality: 'supportive', direction: 'both' } as MapTie) : t));
  ties = ties.map((t) => (t.id === 'c-lake' ? ({ ...t, strength: 'moderate' } as MapTie) : t));
  return {
    alterTiesRecorded: true,
    nodes: [
      ...first.nodes.map((n) => (n.id === 'choir' ? { ...n, turnTo: 'client' as const } : n)),
      person('carmen', 'Carmen (from the choir)', 'social', 330, { gender: 'female', turnTo: 'both' }),
      thing('clinic', 'institution', 'Harbour Relational Health', 'ecological', 60, { sector: 'health' }),
    ],
    ties: [
      ...ties,
      tie('carmen', 'moderate', 'supportive', 'both', 'They walk by the lake together now.'),
      tie('clinic', 'moderate', 'supportive', 'b_to_a'),
      { id: 'k-carmen-choir', kind: 'knows', a: 'carmen', b: 'choir' },
      { id: 'k-lupita-mother', kind: 'knows', a: 'lupita', b: 'mother' },
      { id: 'k-sofia-mateo', kind: 'knows', a: 'sofia', b: 'mateo' },
      { id: 'k-ricardo-sofia', kind: 'knows', a: 'ricardo', b: 'sofia' },
      { id: 'k-ricardo-mateo', kind: 'knows', a: 'ricardo', b: 'mateo' },
      { id: 'k-mother-sofia', kind: 'knows', a: 'mother', b: 'sofia' },
      { id: 'k-choir-faith', kind: 'knows', a: 'choir', b: 'faith' },
    ],
  };
}

type SessionRow = Row<typeof sessions>;

/** The demo's relational maps: Inés has a working copy and two saved versions, each tied to a session. */
export function planMaps(input: { practiceId: string; clients: Array<{ key: string; id: string; name: string; practitionerId: string }>; sessions: SessionRow[] }): MapsPlan {
  const plan: MapsPlan = { relationalMaps: [], relationalMapVersions: [] };
  const ines = input.clients.find((c) => c.key === 'ines');
  if (!ines) return plan;
  const held = input.sessions
    .filter((s) => s.clientId === ines.id && s.status === 'held')
    .sort((a, b) => (a.startsAt as Date).getTime() - (b.startsAt as Date).getTime());
  const early = held[1] ?? held[0];
  const latest = held[held.length - 1];
  if (!early || !latest || early === latest) return plan;
  const first = canonicalMap(relationalMapSchema.parse(inesFirst(ines.name, ines.id)));
  const later = canonicalMap(relationalMapSchema.parse(inesLater(first)));
  for (const m of [first, later]) {
    const problems = Object.values(mapProblems(m));
    if (problems.length > 0) throw new Error(`The demo map for Inés is not sound: ${problems.join(' ')}`);
  }
  const versions: Array<[RelationalMap, SessionRow, string]> = [
    [first, early, 'Drawn together in the assessment'],
    [later, latest, 'After the choir retreat'],
  ];
  versions.forEach(([map, session, label], i) => {
    const savedAt = new Date((session.startsAt as Date).getTime() + 45 * 60_000);
    plan.relationalMapVersions.push({
      practiceId: input.practiceId,
      clientId: ines.id,
      number: i + 1,
      map,
      metrics: connectionMetrics(map),
      label,
      sessionId: session.id ?? null,
      contentHash: mapContentHash(map),
      savedBy: ines.practitionerId,
      savedAt,
    });
  });
  plan.relationalMaps.push({
    practiceId: input.practiceId,
    clientId: ines.id,
    map: later,
    version: 3,
    updatedBy: ines.practitionerId,
    createdAt: versions[0]![1].startsAt as Date,
    updatedAt: new Date((latest.startsAt as Date).getTime() + 45 * 60_000),
  });
  return plan;
}
