/** The words the map editor uses for its parts: one place, so the canvas, the table and the forms agree. */
import {
  type MapNode,
  type MapTie,
  type RelationalMap,
  emotionalPatternLabels,
  knownEmotionalPatterns,
  levelLabels,
  nodeKindLabels,
  qualityLabels,
  sectorLabels,
  strengthLabels,
} from '../../../domain/maps/map';
import { type SpokenDirection, spokenDirection } from './mapEdit';

export const turnToLabels: Record<'client' | 'practitioner' | 'both', string> = {
  client: 'Marked by the client',
  practitioner: 'Marked by the practitioner',
  both: 'Marked by both',
};

export const tieKindLabels: Record<MapTie['kind'], string> = {
  connection: 'Connection',
  knows: 'Know each other',
  influence: 'Influence on',
  partner: 'Partners',
  parent: 'Parent of',
  twin: 'Twins',
  emotional: 'Emotional pattern',
};

export const genderLabels: Record<MapNode['gender'], string> = { female: 'Female', male: 'Male', nonbinary: 'Non-binary', unknown: 'Not known' };

export const partnerStatusLabels: Record<string, string> = {
  married: 'Married',
  partnered: 'Partnered',
  separated: 'Separated',
  divorced: 'Divorced',
  widowed: 'Widowed',
  ended: 'Ended',
};

export const parentBondLabels: Record<string, string> = { birth: 'Birth', adoptive: 'Adoptive', foster: 'Foster', step: 'Step', unknown: 'Not known' };

export function patternLabel(pattern: string): string {
  return emotionalPatternLabels[pattern] ?? pattern.replace(/_/g, ' ');
}

/** A pattern name as typed, made into the stored form: a known one by its label, otherwise lower-case words joined by "_". */
export function patternFromInput(text: string): string {
  const known = knownEmotionalPatterns.find((p) => patternLabel(p).toLowerCase() === text.trim().toLowerCase());
  if (known) return known;
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);
}

export function nameOf(map: RelationalMap, id: string): string {
  return map.nodes.find((n) => n.id === id)?.label || 'someone no longer on the map';
}

/** "Energy flows to Inés", said relative to the client where the client is one end. */
export function directionLabel(map: RelationalMap, tie: { a: string; b: string }, spoken: SpokenDirection): string {
  const a = nameOf(map, tie.a);
  const b = nameOf(map, tie.b);
  const client = map.nodes.find((n) => n.kind === 'client')?.label ?? 'the client';
  switch (spoken) {
    case 'to_client':
      return `Energy flows to ${client}`;
    case 'from_client':
      return `Energy flows from ${client}`;
    case 'both':
      return 'Energy flows both ways';
    case 'none':
      return 'No direction marked';
    case 'a_to_b':
      return `From ${a} to ${b}`;
    case 'b_to_a':
      return `From ${b} to ${a}`;
  }
}

/** The choices of direction for a tie: spoken relative to the client when the client is one end. */
export function directionChoices(map: RelationalMap, tie: { a: string; b: string }): Array<{ value: SpokenDirection; label: string }> {
  const client = map.nodes.find((n) => n.kind === 'client')?.id;
  const withClient = client !== undefined && (tie.a === client || tie.b === client);
  const values: SpokenDirection[] = withClient ? ['to_client', 'from_client', 'both', 'none'] : ['a_to_b', 'b_to_a', 'both', 'none'];
  return values.map((value) => ({ value, label: directionLabel(map, tie, value) }));
}

/** "Ana, person, social level, someone to turn to": what a screen reader hears for a node. */
export function describeNode(node: MapNode): string {
  const parts = [node.label || 'Unnamed', node.kind === 'client' ? 'the client, at the centre' : nodeKindLabels[node.kind].toLowerCase()];
  if (node.kind === 'institution' && node.sector) parts.push(sectorLabels[node.sector].toLowerCase());
  if (node.kind !== 'client') parts.push(`${levelLabels[node.level].toLowerCase()} level`);
  if (node.turnTo) parts.push(`someone to turn to (${turnToLabels[node.turnTo].toLowerCase()})`);
  if (node.deceased) parts.push('deceased');
  return parts.join(', ');
}

/** "Strong, supportive tie between Inés and Ana; energy flows to Inés". */
export function describeTie(map: RelationalMap, tie: MapTie): string {
  const a = nameOf(map, tie.a);
  const b = nameOf(map, tie.b);
  switch (tie.kind) {
    case 'connection': {
      const direction = spokenDirection(map, tie);
      const said = direction === 'none' ? '' : `; ${directionLabel(map, tie, direction).replace(/^E/, 'e').replace(/^F/, 'f')}`;
      return `${strengthLabels[tie.strength]}, ${qualityLabels[tie.quality].toLowerCase()} tie between ${a} and ${b}${said}`;
    }
    case 'knows':
      return `${a} and ${b} know each other`;
    case 'influence':
      return `${a} influences ${b}`;
    case 'partner':
      return `${a} and ${b}: ${partnerStatusLabels[tie.status]?.toLowerCase() ?? tie.status}`;
    case 'parent':
      return `${a} is a ${parentBondLabels[tie.bond]?.toLowerCase() ?? tie.bond} parent of ${b}`;
    case 'twin':
      return `${a} and ${b} are ${tie.identical ? 'identical ' : ''}twins`;
    case 'emotional':
      return `${a} and ${b}: ${patternLabel(tie.pattern).toLowerCase()}`;
  }
}

/** The first words of a note, for lists and conflicts. */
export function shortNote(note: string): string {
  const t = note.trim().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** The whole map in lines of words, for the conflict view and plain-text reading. */
export function mapInWords(map: RelationalMap): { nodes: string; ties: string } {
  return {
    nodes: map.nodes
      .filter((n) => n.kind !== 'client')
      .map((n) => `${describeNode(n)}${n.note.trim() ? ` — ${shortNote(n.note)}` : ''}`)
      .join('\n'),
    ties: map.ties.map((t) => describeTie(map, t)).join('\n'),
  };
}

export { levelLabels, nodeKindLabels, qualityLabels, sectorLabels, strengthLabels };
