import { canonicalMap, centreOf, directionFrom, qualityLabels, type RelationalMap, strengthLabels } from '../../domain/maps/map.js';
import { ecomapScene } from '../../domain/maps/svg.js';
import { formatDateTime, formatDay, formatDayOf } from './dates.js';
import { PdfWriter } from './layout.js';
import { drawEcomap, drawLegend, ecomapScale, legendHeight } from './mapDrawing.js';
import type {
  ChapterSummaryPdfInput,
  PdfAddendum,
  PdfClient,
  PdfDiagnosis,
  PdfPlanVersion,
  PdfProgressNote,
  PdfRelationalMap,
  PlanPdfInput,
  PracticeHeader,
  ProgressNotePdfInput,
  Signature,
} from './types.js';

/**
 * The three documents institutions ask for, rendered on the server: a signed progress note, a
 * treatment plan version, and a chapter summary. Each prints only the fields of its input; the
 * relational (process) note has no field here and so can never appear.
 */

const clientLines = (client: PdfClient): string[] => [
  `Client: ${client.name}`,
  `Date of birth: ${client.dateOfBirth ? formatDay(client.dateOfBirth) : 'Not recorded'}`,
];

const diagnosisLine = (d: PdfDiagnosis): string => `${d.code} — ${d.description}${d.primary ? ' (primary)' : ''}`;

const minutes = (n: number): string => `${n} minute${n === 1 ? '' : 's'}`;

function sessionFacts(note: PdfProgressNote, practice: PracticeHeader): Array<[string, string]> {
  const f = note.facts;
  const service = f.serviceLabel?.trim() ? `${f.serviceCode} — ${f.serviceLabel.trim()}` : f.serviceCode;
  return [
    ['Date and time', formatDateTime(f.startsAt, practice.timezone)],
    ['Length', minutes(f.minutes)],
    ['Held', `${f.format}, ${f.modality}`],
    ['Participants', f.participants.join(', ')],
    ['Service code', service],
    ['Diagnoses in effect', f.diagnoses.length ? f.diagnoses.map(diagnosisLine).join('\n') : 'None recorded on this date'],
    ['Movements visited', f.movements.length ? f.movements.join(', ') : 'None recorded'],
    ['Note format', note.formatLabel],
  ];
}

/**
 * The three heading levels a part of a document may use: a note or a plan printed on its own
 * uses headings for its sections; inside a chapter summary, the note or plan version is the
 * heading and its sections step down one level.
 */
interface Levels {
  section(text: string): void;
  item(text: string, indent?: number): void;
}

const levelsFor = (w: PdfWriter, nested: boolean): Levels =>
  nested
    ? { section: (t) => w.subheading(t), item: (t, indent) => w.minorHeading(t, indent) }
    : { section: (t) => w.heading(t), item: (t, indent) => w.subheading(t, indent) };

/** The body of one signed note: facts, sections, risk, signatures, addenda. */
function noteBody(w: PdfWriter, note: PdfProgressNote, practice: PracticeHeader, nested: boolean): void {
  const level = levelsFor(w, nested);
  if (!nested) w.heading('Session');
  w.fields(sessionFacts(note, practice));

  for (const s of note.sections) {
    level.section(s.heading);
    w.paragraph(s.text);
  }

  level.section('Risk');
  const riskRows: Array<[string, string]> = [['Level', note.risk.levelLabel]];
  if (note.risk.summary.trim()) riskRows.push(['What was assessed', note.risk.summary]);
  if (note.risk.actions.trim()) riskRows.push(['What was done', note.risk.actions]);
  w.fields(riskRows);

  level.section('Signatures');
  if (note.signatures.length === 0) w.note('This note carries no signature.');
  for (const s of note.signatures) w.signature(s);

  if (note.addenda.length) {
    level.section('Addenda');
    w.note('Added after signing. The original note above is unchanged.');
    note.addenda.forEach((a: PdfAddendum, i) => {
      level.item(`Addendum ${i + 1}`);
      w.paragraph(a.body);
      w.signature({ label: 'Addendum signed by', name: a.authorName, at: a.signedAt, contentHash: a.contentHash });
    });
  }
}

/** A signed progress note with its session facts, sections, risk, signatures and addenda. */
export async function renderProgressNotePdf(input: ProgressNotePdfInput): Promise<Buffer> {
  const title = 'Progress note';
  const w = new PdfWriter({ practice: input.practice, title, clientName: input.client.name, generatedAt: input.generatedAt, generatedBy: input.generatedBy, releasedTo: input.releasedTo });
  w.title(`${title} (${input.formatLabel})`, [
    ...clientLines(input.client),
    `Session of ${formatDateTime(input.facts.startsAt, input.practice.timezone)}`,
  ]);
  noteBody(w, input, input.practice, false);
  return w.finish();
}

/** One plan version's content: intentions, problems with goals, objectives and interventions, themes, acknowledgements. */
function planBody(w: PdfWriter, plan: PdfPlanVersion, practice: PracticeHeader, nested: boolean): void {
  const level = levelsFor(w, nested);

  level.section('The client’s intentions, in their own words');
  w.paragraph(plan.clientIntentions, 'Not written for this version.');

  level.section('Problems, goals and objectives');
  if (plan.problems.length === 0) w.paragraph('', 'No problems are listed in this version.');
  plan.problems.forEach((problem, p) => {
    level.item(`Problem ${p + 1}`);
    w.paragraph(problem.statement, 'Not described.');
    if (problem.goals.length === 0) w.note('No goals set for this problem yet.', 12);
    problem.goals.forEach((goal, g) => {
      const target = goal.targetDate ? ` (target ${formatDay(goal.targetDate)})` : '';
      w.minorHeading(`Goal ${p + 1}.${g + 1}${target}`, 12);
      w.paragraph(goal.statement, 'Not described.', 12);
      if (goal.objectives.length) {
        w.note('Objectives', 12);
        w.bullets(
          goal.objectives.map((o) => {
            const parts = [o.statement.trim() || 'Not described.'];
            if (o.measure.trim()) parts.push(`Measured by: ${o.measure.trim()}`);
            if (o.targetDate) parts.push(`Target: ${formatDay(o.targetDate)}`);
            return parts.join('\n');
          }),
          12,
        );
      }
      if (goal.interventions.length) {
        w.note('Interventions', 12);
        w.bullets(goal.interventions.map((i) => i.trim() || 'Not described.'), 12);
      }
    });
  });

  level.section('Emergent themes linked to the plan');
  if (plan.themes.length) w.bullets(plan.themes);
  else w.paragraph('', 'No themes are linked to this version.');

  if (plan.changes?.length) {
    level.section('Changes from the previous version');
    w.bullets(plan.changes);
  }

  level.section('Client acknowledgement');
  if (plan.acknowledgements.length === 0) w.paragraph('', 'The client has not acknowledged this version yet.');
  else w.bullets(plan.acknowledgements.map((a) => `Acknowledged by ${a.name}, ${formatDateTime(a.at, practice.timezone)}`));
}

function planFacts(plan: PdfPlanVersion, practice: PracticeHeader): Array<[string, string]> {
  return [
    ['Version', String(plan.version)],
    ['Created', `${formatDateTime(plan.createdAt, practice.timezone)} by ${plan.createdByName}`],
    ['Review by', plan.reviewDate ? formatDay(plan.reviewDate) : 'No review date set'],
  ];
}

/** One published version of a chapter's treatment plan. */
export async function renderPlanPdf(input: PlanPdfInput): Promise<Buffer> {
  const title = 'Treatment plan';
  const w = new PdfWriter({ practice: input.practice, title, clientName: input.client.name, generatedAt: input.generatedAt, generatedBy: input.generatedBy, releasedTo: input.releasedTo });
  w.title(`${title}: chapter ${input.chapterNumber}, version ${input.version}`, clientLines(input.client));
  w.fields(planFacts(input, input.practice));
  planBody(w, input, input.practice, false);
  w.heading('Signatures');
  const signatures: Signature[] = input.signatures;
  if (signatures.length === 0) w.note('This plan version carries no signature.');
  for (const s of signatures) w.signature(s);
  return w.finish();
}

/** At most this many map versions are drawn in a chapter summary, the newest first. */
const MAPS_DRAWN = 2;
/** At most this many ties are written out in words under a drawing. */
const TIES_IN_WORDS = 40;

const flowWords = { to: ', toward the client', from: ', from the client', both: ', both ways', none: '' } as const;

/** The client's connections, each told from the other end: "Mum: moderate, stressful, toward the client". */
function tiesWithClient(map: RelationalMap): string[] {
  const client = centreOf(map);
  const label = new Map(map.nodes.map((n) => [n.id, n.label]));
  return canonicalMap(map).ties.flatMap((t) => {
    if (t.kind !== 'connection' || !client || (t.a !== client.id && t.b !== client.id)) return [];
    const other = label.get(t.a === client.id ? t.b : t.a);
    if (other === undefined) return [];
    return [`${other}: ${strengthLabels[t.strength].toLowerCase()}, ${qualityLabels[t.quality].toLowerCase()}${flowWords[directionFrom(t, client.id)]}`];
  });
}

/** The newest map versions of the chapter: each drawn as an ecomap with a short legend, its ties with the client in words. */
function relationalMapSection(w: PdfWriter, maps: PdfRelationalMap[], practice: PracticeHeader, withheld?: string): void {
  const newest = [...maps].sort((a, b) => b.number - a.number).slice(0, MAPS_DRAWN);
  const drawings = newest.map((version) => {
    const scene = ecomapScene(version.map);
    // Room is left on the page for the version's heading, the legend and a few lines of words.
    const scale = ecomapScale(scene, w.figureArea.width, w.figureArea.height - 230);
    return { version, scene, scale, height: scene.bounds.height * scale };
  });
  w.ensureSpace((drawings[0]?.height ?? 0) + 120);
  w.heading('Relational map');
  if (withheld) {
    w.paragraph('', withheld);
    return;
  }
  if (drawings.length === 0) {
    w.paragraph('', 'No relational map version was saved in this chapter.');
    return;
  }
  w.note(
    `${maps.length > MAPS_DRAWN ? `The newest ${MAPS_DRAWN} of the ${maps.length} versions saved in this chapter. ` : ''}` +
      'Each is an ecomap: the client at the centre; the rings, from the centre, are the personal, familial, social, ecological and spiritual levels.',
  );
  for (const { version, scene, scale, height } of drawings) {
    const at = new Date(version.savedAt);
    const day = Number.isNaN(at.getTime()) ? version.savedAt : formatDayOf(at, practice.timezone);
    w.ensureSpace(height + 50);
    w.subheading(`Version ${version.number}, saved ${day}${version.label.trim() ? ` — ${version.label.trim()}` : ''}`);
    w.figure(height, (doc, box) => drawEcomap(doc, scene, box, scale));
    w.space(6);
    w.figure(
      (doc, width) => legendHeight(doc, scene, width),
      (doc, box) => drawLegend(doc, scene, box),
    );
    const words = tiesWithClient(version.map);
    if (words.length) {
      const more = words.length - TIES_IN_WORDS;
      w.note(`Ties with the client, in words: ${words.slice(0, TIES_IN_WORDS).join('; ')}${more > 0 ? `; and ${more} more` : ''}.`);
    } else {
      w.note('No ties with the client were drawn in this version.');
    }
  }
}

/** A chapter of care: its opening and ending, diagnoses with their history, the relational map, plan versions and every signed note. */
export async function renderChapterSummaryPdf(input: ChapterSummaryPdfInput): Promise<Buffer> {
  const { practice, chapter } = input;
  const title = 'Chapter summary';
  const w = new PdfWriter({ practice, title, clientName: input.client.name, generatedAt: input.generatedAt, generatedBy: input.generatedBy, releasedTo: input.releasedTo });
  w.title(`${title}: chapter ${chapter.number}`, clientLines(input.client));
  w.fields([
    ['Opened', formatDateTime(chapter.openedAt, practice.timezone)],
    ['Ended', chapter.endedAt ? formatDateTime(chapter.endedAt, practice.timezone) : 'Open (this chapter has not ended)'],
    ['Phase', chapter.phaseLabel],
    ['Plan versions', String(input.planVersions.length)],
    ['Progress notes', String(input.notes.length)],
  ]);

  if (chapter.openingNote.trim()) {
    w.heading('How the chapter opened');
    w.paragraph(chapter.openingNote);
  }

  w.heading('Transition summary');
  if (chapter.transition) {
    w.subheading('What was lived');
    w.paragraph(chapter.transition.whatWasLived);
    w.subheading('What remains open');
    w.paragraph(chapter.transition.whatRemainsOpen);
    w.subheading('How the door is left open');
    w.paragraph(chapter.transition.doorLeftOpen);
  } else {
    w.paragraph('', 'This chapter has not ended, so there is no transition summary yet.');
  }

  w.heading('Diagnoses');
  if (input.diagnoses.length === 0) w.paragraph('', 'No diagnoses were recorded in this chapter.');
  for (const d of input.diagnoses) {
    w.subheading(diagnosisLine(d));
    w.note(d.endsOn ? `From ${formatDay(d.startsOn)} to ${formatDay(d.endsOn)}` : `From ${formatDay(d.startsOn)}, still in effect`);
    if (d.context.trim()) w.paragraph(d.context);
  }

  relationalMapSection(w, input.relationalMaps, practice, input.relationalMapsWithheld);

  if (input.planVersions.length === 0) {
    w.heading('Treatment plan');
    w.paragraph('', 'No plan version was published in this chapter.');
  }
  for (const plan of input.planVersions) {
    w.heading(`Treatment plan, version ${plan.version}`);
    w.fields(planFacts(plan, practice));
    planBody(w, plan, practice, true);
    if (plan.signatures?.length) {
      w.subheading('Signatures');
      for (const s of plan.signatures) w.signature(s);
    }
  }

  if (input.notes.length === 0) {
    w.heading('Progress notes');
    w.paragraph('', 'No signed progress notes in this chapter.');
  }
  for (const note of input.notes) {
    w.heading(`Progress note: ${formatDayOf(note.facts.startsAt, practice.timezone)}`);
    noteBody(w, note, practice, true);
  }
  return w.finish();
}
