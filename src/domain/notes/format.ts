import { z } from 'zod';
import { draftText } from '../shared/text.js';

/**
 * A progress note is written once, in six format-independent fields, and rendered into the
 * format the practice (or the practitioner, per note) chooses. Changing the format never loses
 * what was written: only the headings and the grouping change.
 */
export const noteFormats = ['soap', 'dap', 'birp'] as const;
export const noteFormatSchema = z.enum(noteFormats);
export type NoteFormat = (typeof noteFormats)[number];

export const noteFormatLabels: Record<NoteFormat, string> = { soap: 'SOAP', dap: 'DAP', birp: 'BIRP' };

export const noteFormatExplanations: Record<NoteFormat, string> = {
  soap: 'Subjective, Objective, Assessment, Plan — the common medical shape.',
  dap: 'Data, Assessment, Plan — shorter; what happened folds into Data.',
  birp: 'Behaviour, Intervention, Response, Plan — for settings that ask what was done and how it landed.',
};

export const progressFieldKeys = ['clientReport', 'observations', 'interventions', 'response', 'assessment', 'plan'] as const;
export type ProgressFieldKey = (typeof progressFieldKeys)[number];

const field = draftText(20_000, 'Keep each part under 20,000 characters; add an addendum for more.');
export const progressFieldsSchema = z.object({
  clientReport: field.default(''),
  observations: field.default(''),
  interventions: field.default(''),
  response: field.default(''),
  assessment: field.default(''),
  plan: field.default(''),
});
export type ProgressFields = z.infer<typeof progressFieldsSchema>;

export const emptyProgressFields = (): ProgressFields => ({
  clientReport: '',
  observations: '',
  interventions: '',
  response: '',
  assessment: '',
  plan: '',
});

export interface FieldLabel {
  label: string;
  prompt: string;
}

const baseLabels: Record<ProgressFieldKey, FieldLabel> = {
  clientReport: { label: 'What the client brought', prompt: 'In their words where you can: what they spoke of, how their week has been.' },
  observations: { label: 'What you noticed', prompt: 'Presentation, mood and affect, how they were in the room or on the call.' },
  interventions: { label: 'What you offered', prompt: 'Approaches, exercises, movements of the session.' },
  response: { label: 'How it landed', prompt: 'How the client responded, what shifted or did not.' },
  assessment: { label: 'Your assessment', prompt: 'Your clinical understanding now, and progress toward the plan’s goals.' },
  plan: { label: 'Next steps', prompt: 'What comes next: the next session, tasks, referrals, collaboration.' },
};

/** Which section of each format a field renders into. */
const sectionOf: Record<NoteFormat, Record<ProgressFieldKey, string>> = {
  soap: { clientReport: 'Subjective', observations: 'Objective', interventions: 'Plan', response: 'Assessment', assessment: 'Assessment', plan: 'Plan' },
  dap: { clientReport: 'Data', observations: 'Data', interventions: 'Data', response: 'Assessment', assessment: 'Assessment', plan: 'Plan' },
  birp: { clientReport: 'Behaviour', observations: 'Behaviour', interventions: 'Intervention', response: 'Response', assessment: 'Response', plan: 'Plan' },
};

/** The order fields appear in within their section, per format. */
const fieldOrder: Record<NoteFormat, readonly ProgressFieldKey[]> = {
  soap: ['clientReport', 'observations', 'response', 'assessment', 'interventions', 'plan'],
  dap: ['clientReport', 'observations', 'interventions', 'assessment', 'response', 'plan'],
  birp: ['clientReport', 'observations', 'interventions', 'response', 'assessment', 'plan'],
};

export const formatSections: Record<NoteFormat, readonly string[]> = {
  soap: ['Subjective', 'Objective', 'Assessment', 'Plan'],
  dap: ['Data', 'Assessment', 'Plan'],
  birp: ['Behaviour', 'Intervention', 'Response', 'Plan'],
};

/** Sub-headings used when several fields share a section, so the reader knows which is which. */
const subHeadings: Record<ProgressFieldKey, string> = {
  clientReport: 'Client report',
  observations: 'Observations',
  interventions: 'Interventions used',
  response: 'Response',
  assessment: 'Assessment',
  plan: 'Plan',
};

/** The fields in the order a form shows them for this format, each labelled with its section. */
export function fieldLabels(format: NoteFormat): Array<{ key: ProgressFieldKey; section: string } & FieldLabel> {
  return fieldOrder[format].map((key) => ({ key, section: sectionOf[format][key], ...baseLabels[key] }));
}

export interface RenderedSection {
  heading: string;
  text: string;
}

/**
 * The note as an institution reads it: one section per heading of the format, in order.
 * A section joining several fields names each non-empty part; empty fields are left out,
 * and a section with nothing written says so rather than disappearing.
 */
export function renderNote(format: NoteFormat, fields: ProgressFields): RenderedSection[] {
  return formatSections[format].map((heading) => {
    const keys = fieldOrder[format].filter((k) => sectionOf[format][k] === heading);
    const written = keys.map((k) => ({ k, text: fields[k].trim() })).filter((x) => x.text !== '');
    if (written.length === 0) return { heading, text: 'Nothing recorded.' };
    if (keys.length === 1 || (written.length === 1 && written[0]?.k === keys[0])) {
      return { heading, text: written.map((x) => x.text).join('\n\n') };
    }
    return { heading, text: written.map((x) => `${subHeadings[x.k]}: ${x.text}`).join('\n\n') };
  });
}

/** Fields whose section would be empty in this format: what signing asks for. */
export function emptySections(format: NoteFormat, fields: ProgressFields): string[] {
  return formatSections[format].filter((heading) =>
    fieldOrder[format].filter((k) => sectionOf[format][k] === heading).every((k) => fields[k].trim() === ''),
  );
}

/** The first field of a section: where a form points when that section is empty. */
export function firstFieldOf(format: NoteFormat, heading: string): ProgressFieldKey | undefined {
  return fieldOrder[format].find((k) => sectionOf[format][k] === heading);
}
