import { describe, expect, it } from 'vitest';
import { exampleChapterSummaryPdf, exampleLongNote, examplePlanPdf, exampleProgressNotePdf } from './examples.js';
import { renderChapterSummaryPdf, renderPlanPdf, renderProgressNotePdf } from './render.js';
import { extractPdfPages, extractPdfText, readPdfMetadata } from './text.js';
import type { ProgressNotePdfInput } from './types.js';

/** Every page carries the practice, the document, the client, the confidentiality line and "Page n of m". */
function expectFramedPages(pages: string[], title: string): void {
  pages.forEach((page, i) => {
    expect(page, `page ${i + 1}`).toContain('Riverbend Relational Health Collective');
    expect(page, `page ${i + 1}`).toContain(title);
    expect(page, `page ${i + 1}`).toContain('Zoë Brontë-Okafor');
    expect(page, `page ${i + 1}`).toContain('Confidential health information');
    expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
  });
}

describe('the progress note PDF', () => {
  it('prints a long note over several pages, each with the practice header, the client and "Page n of m"', async () => {
    const pdf = await renderProgressNotePdf(exampleProgressNotePdf());
    const pages = await extractPdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expectFramedPages(pages, 'Progress note');
    expect((await readPdfMetadata(pdf)).pages).toBe(pages.length);
  });

  it('prints the session facts, diagnoses in effect, sections and risk', async () => {
    const text = await extractPdfText(await renderProgressNotePdf(exampleProgressNotePdf()));
    expect(text).toContain('Progress note (SOAP)');
    expect(text).toContain('Date of birth: 23 Jul 1991');
    expect(text).toContain('12 Mar 2026, 15:05 (America/Los_Angeles)');
    expect(text).toContain('53 minutes');
    expect(text).toContain('Individual, Video');
    expect(text).toContain('90837 — Psychotherapy, 53 minutes or more');
    expect(text).toContain('F43.21 — Adjustment disorder with depressed mood (primary)');
    expect(text).toContain('Z60.2 — Problems related to living alone');
    expect(text).toContain('Finding ground, Opening, Reflecting, Connecting, Emerging');
    for (const heading of ['Subjective', 'Objective', 'Assessment', 'Plan', 'Risk', 'Signatures']) expect(text).toContain(heading);
    expect(text).toContain('Safety plan reviewed and unchanged');
  });

  it('prints each signature with name, credentials, time in the practice time zone and content hash', async () => {
    const text = await extractPdfText(await renderProgressNotePdf(exampleProgressNotePdf()));
    expect(text).toContain('Signed by');
    expect(text).toContain('Lucía Fernández, Associate Marriage and Family Therapist');
    // Signed 23:40 UTC on 12 March: 16:40 in Portland (daylight time began on 8 March).
    expect(text).toContain('12 Mar 2026, 16:40 (America/Los_Angeles)');
    expect(text).toContain('Content hash: sha256:6f1c0a3e9b52d7c48a1e0f3b5d6c7a8e9f0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d');
    expect(text).toContain('Co-signed by (supervisor)');
    expect(text).toContain('Søren Ødegård, LMFT');
    expect(text).toContain('13 Mar 2026, 10:15 (America/Los_Angeles)');
  });

  it('prints addenda after the signatures, each with its own signature and hash', async () => {
    const text = await extractPdfText(await renderProgressNotePdf(exampleProgressNotePdf()));
    const addenda = text.indexOf('Addenda');
    expect(addenda).toBeGreaterThan(text.indexOf('Søren Ødegård'));
    expect(text.slice(addenda)).toContain('Addendum 1');
    expect(text.slice(addenda)).toContain('had called her sister that evening');
    expect(text.slice(addenda)).toContain('14 Mar 2026, 09:30 (America/Los_Angeles)');
    expect(text.slice(addenda)).toContain('sha256:0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b');
  });

  it('keeps accents, curly quotes and dashes exactly as written', async () => {
    const text = await extractPdfText(await renderProgressNotePdf(exampleProgressNotePdf()));
    expect(text).toContain('“heavier than I expected — not bad,');
    expect(text).toContain('sister’s move to Montréal');
  });

  it('renders emoji and characters the font lacks without failing, marking the missing ones', async () => {
    const input = exampleProgressNotePdf();
    input.sections = [{ heading: 'Subjective', text: 'She drew 🌱 and 😀 beside the words 家族 and “together”, then a family 👩‍👧 emoji.\u0007' }];
    const text = await extractPdfText(await renderProgressNotePdf(input));
    expect(text).toContain('She drew \ufffd and 😀 beside the words \ufffd\ufffd and “together”');
    expect(text).not.toContain('\u0000');
  });

  it('wraps a very long unbroken string instead of running off the page', async () => {
    const input = exampleProgressNotePdf();
    const link = `https://example.org/${'resource-'.repeat(30)}end`;
    input.sections = [{ heading: 'Plan', text: `Shared a reading: ${link}` }];
    const text = await extractPdfText(await renderProgressNotePdf(input));
    expect(text.replace(/\s+/g, '')).toContain(link);
  });

  it('prints only what it is given: a field outside the input shape never reaches the PDF', async () => {
    const withExtra = { ...exampleProgressNotePdf(), relationalNote: { relationshipNow: 'canary-7f3e-relational' } };
    const input: ProgressNotePdfInput = withExtra;
    const text = await extractPdfText(await renderProgressNotePdf(input));
    expect(text).toContain('Zoë Brontë-Okafor');
    expect(text).not.toContain('canary-7f3e-relational');
  });

  it('sets the title, author and creator a PDF reader shows', async () => {
    const meta = await readPdfMetadata(await renderProgressNotePdf(exampleProgressNotePdf()));
    expect(meta).toMatchObject({
      title: 'Progress note — Zoë Brontë-Okafor',
      author: 'Riverbend Relational Health Collective',
      creator: 'Liminal',
    });
  });

  it('gives byte-identical files for the same input', async () => {
    const [a, b] = await Promise.all([renderProgressNotePdf(exampleProgressNotePdf()), renderProgressNotePdf(exampleProgressNotePdf())]);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('prints on A4 when the practice asks for it', async () => {
    const input = exampleProgressNotePdf();
    const letter = await renderProgressNotePdf(input);
    const a4 = await renderProgressNotePdf({ ...input, practice: { ...input.practice, paperSize: 'a4' } });
    expect(letter.toString('latin1')).toContain('/MediaBox [0 0 612 792]');
    expect(a4.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
  });
});

describe('the treatment plan PDF', () => {
  it('prints the client’s intentions first, then problems, goals, objectives and interventions with dates', async () => {
    const pdf = await renderPlanPdf(examplePlanPdf());
    const pages = await extractPdfPages(pdf);
    expectFramedPages(pages, 'Treatment plan');
    const text = pages.join('\n');
    expect(text).toContain('Treatment plan: chapter 2, version 3');
    expect(text.indexOf('I want to feel less alone in the evenings')).toBeLessThan(text.indexOf('Problem 1'));
    expect(text).toContain('Goal 1.1 (target 1 Jun 2026)');
    expect(text).toContain('Two planned contacts a week with friends or family.');
    expect(text).toContain('Measured by: Sleep diary');
    expect(text).toContain('Target: 15 Apr 2026');
    expect(text).toContain('Evening body check-in practice');
    expect(text).toContain('Review by 12 Jun 2026');
  });

  it('prints linked themes, changes, the client’s acknowledgement and the signature', async () => {
    const text = await extractPdfText(await renderPlanPdf(examplePlanPdf()));
    expect(text).toContain('Going small under conflict — recurring');
    expect(text).toContain('Added the goal about speaking up at work.');
    expect(text).toContain('Acknowledged by Zoë Brontë-Okafor, 4 Mar 2026, 19:20 (America/Los_Angeles)');
    expect(text).toContain('Published by');
    expect(text).toContain('Lucía Fernández, Associate MFT');
  });

  it('says so when the client has not acknowledged the version', async () => {
    const text = await extractPdfText(await renderPlanPdf({ ...examplePlanPdf(), acknowledgements: [] }));
    expect(text).toContain('The client has not acknowledged this version yet.');
    expect(text).not.toContain('Acknowledged by');
  });
});

describe('the chapter summary PDF', () => {
  it('prints the chapter, its transition summary and the diagnosis history, ended ones included', async () => {
    const pdf = await renderChapterSummaryPdf(exampleChapterSummaryPdf());
    const pages = await extractPdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expectFramedPages(pages, 'Chapter summary');
    const text = pages.join('\n');
    expect(text).toContain('Chapter summary: chapter 2');
    expect(text).toContain('28 May 2026, 13:00 (America/Los_Angeles)');
    expect(text).toContain('Transition summary');
    expect(text).toContain('A season of grieving a change in closeness');
    expect(text).toContain('How the door is left open');
    expect(text).toContain('book a check-in at any time');
    expect(text).toContain('From 15 Jan 2026 to 20 May 2026');
    expect(text).toContain('From 15 Jan 2026, still in effect');
    expect(text).toContain('began within weeks of her sister’s move');
  });

  it('prints every plan version and every note with its signatures and addenda, in the order given', async () => {
    const text = await extractPdfText(await renderChapterSummaryPdf(exampleChapterSummaryPdf()));
    expect(text.indexOf('Treatment plan, version 2')).toBeGreaterThan(-1);
    expect(text.indexOf('Treatment plan, version 3')).toBeGreaterThan(text.indexOf('Treatment plan, version 2'));
    const first = text.indexOf('Progress note: 12 Mar 2026');
    const second = text.indexOf('Progress note: 19 Mar 2026');
    expect(first).toBeGreaterThan(text.indexOf('Treatment plan, version 3'));
    expect(second).toBeGreaterThan(first);
    expect(text.slice(first, second)).toContain('had called her sister that evening');
    expect(text.slice(second)).toContain('90834 — Psychotherapy, 45 minutes');
    expect(text.slice(second)).toContain('Søren Ødegård, LMFT');
  });

  it('says when the chapter is still open and nothing has been written yet', async () => {
    const input = exampleChapterSummaryPdf();
    const text = await extractPdfText(
      await renderChapterSummaryPdf({
        ...input,
        chapter: { ...input.chapter, endedAt: null, transition: null, phaseLabel: 'Assessment' },
        diagnoses: [],
        planVersions: [],
        notes: [],
        relationalMaps: [],
      }),
    );
    expect(text).toContain('Open (this chapter has not ended)');
    expect(text).toContain('This chapter has not ended, so there is no transition summary yet.');
    expect(text).toContain('No diagnoses were recorded in this chapter.');
    expect(text).toContain('No plan version was published in this chapter.');
    expect(text).toContain('No signed progress notes in this chapter.');
    expect(text).toContain('No relational map version was saved in this chapter.');
    expect(text).toContain('Page 1 of 1');
  });

  it('draws the relational map versions newest first, dated in the practice time zone, with a legend and the ties in words', async () => {
    const pages = await extractPdfPages(await renderChapterSummaryPdf(exampleChapterSummaryPdf()));
    expectFramedPages(pages, 'Chapter summary');
    // Lines wrap where the page does: compare words, not line breaks.
    const text = pages.join('\n').replace(/\s+/g, ' ');
    const section = text.indexOf('Relational map');
    expect(section).toBeGreaterThan(text.indexOf('Diagnoses'));
    expect(section).toBeLessThan(text.indexOf('Treatment plan, version 2'));
    // Saved 03:30 UTC on 15 May: still the evening of 14 May in Portland.
    const newer = text.indexOf('Version 2, saved 14 May 2026 — Before the ending');
    const older = text.indexOf('Version 1, saved 22 Jan 2026 — Drawn together in the assessment');
    expect(newer).toBeGreaterThan(section);
    expect(older).toBeGreaterThan(newer);
    // Labels drawn on the map, the legend, and the ties in words.
    for (const words of ['Amara (sister)', 'Quiet mornings', 'The roastery', 'Personal', 'Spiritual', 'Stressful (hatched)', 'Cut off (broken)', 'Cultural or systemic influence']) {
      expect(text.slice(newer, older)).toContain(words);
    }
    expect(text.slice(newer, older)).toContain('Her manager at the roastery: moderate, supportive, both ways');
    expect(text.slice(older)).toContain('Her manager at the roastery: moderate, conflicted, toward the client');
  });

  it('draws only the newest two map versions and says how many were saved', async () => {
    const input = exampleChapterSummaryPdf();
    const [newer, older] = input.relationalMaps;
    const third = { ...newer!, number: 3, savedAt: '2026-05-20T18:00:00.000Z', label: 'Last session' };
    const text = await extractPdfText(await renderChapterSummaryPdf({ ...input, relationalMaps: [older!, third, newer!] }));
    expect(text).toContain('The newest 2 of the 3 versions saved in this chapter.');
    expect(text.indexOf('Version 3, saved 20 May 2026 — Last session')).toBeLessThan(text.indexOf('Version 2, saved 14 May 2026'));
    expect(text).not.toContain('Version 1, saved');
  });

  it('draws a map whose labels the font cannot show in full without failing', async () => {
    const input = exampleChapterSummaryPdf();
    const map = input.relationalMaps[0]!.map;
    const nodes = map.nodes.map((n) => (n.id === 'amara' ? { ...n, label: 'Abuela 🌺 家 & “Tía”' } : n));
    const text = await extractPdfText(await renderChapterSummaryPdf({ ...input, relationalMaps: [{ ...input.relationalMaps[0]!, map: { ...map, nodes } }] }));
    expect(text).toContain('Abuela \ufffd \ufffd & “Tía”');
  });

  it('renders a chapter of forty notes in a few seconds at most', async () => {
    const input = exampleChapterSummaryPdf();
    const notes = Array.from({ length: 40 }, (_, i) => ({
      ...exampleLongNote(),
      facts: { ...exampleLongNote().facts, startsAt: new Date(Date.UTC(2026, 0, 8 + i * 3, 18)) },
    }));
    const started = performance.now();
    const pdf = await renderChapterSummaryPdf({ ...input, notes });
    expect(performance.now() - started).toBeLessThan(8000);
    const pages = await extractPdfPages(pdf);
    expect(pages.length).toBeGreaterThan(40);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });
});
