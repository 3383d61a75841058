import { describe, expect, it } from 'vitest';
import { answerableItems, type InstrumentDefinition, LOINC, ordinalValue } from '../definition.js';
import { findShippedInstrument, gad2, gad7, k10, phq2, phq9, ucla3 } from './index.js';

const asked = (d: InstrumentDefinition) =>
  answerableItems(d).map((i) => ({
    linkId: i.linkId,
    text: i.text,
    loinc: i.code?.find((c) => c.system === LOINC)?.code,
    answers: (i.answerOption ?? []).map((o) => `${ordinalValue(o)} ${o.valueCoding.display}`),
  }));

const phqAnswers = ['0 Not at all', '1 Several days', '2 More than half the days', '3 Nearly every day'];

describe('the shipped wording, answers and LOINC codes', () => {
  it('PHQ-9 asks the nine published questions with their LOINC codes, then the difficulty question', () => {
    // Kroenke, Spitzer & Williams 2001; LOINC panel 44249-1, total 44261-6.
    const table: [string, string][] = [
      ['44250-9', 'Little interest or pleasure in doing things'],
      ['44255-8', 'Feeling down, depressed, or hopeless'],
      ['44259-0', 'Trouble falling or staying asleep, or sleeping too much'],
      ['44254-1', 'Feeling tired or having little energy'],
      ['44251-7', 'Poor appetite or overeating'],
      ['44258-2', 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down'],
      ['44252-5', 'Trouble concentrating on things, such as reading the newspaper or watching television'],
      ['44253-3', 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual'],
      ['44260-8', 'Thoughts that you would be better off dead or of hurting yourself in some way'],
    ];
    const items = asked(phq9);
    expect(items.slice(0, 9)).toEqual(table.map(([loinc, text], i) => ({ linkId: String(i + 1), text, loinc, answers: phqAnswers })));
    expect(items[9]).toMatchObject({ linkId: 'difficulty', loinc: '69722-7', answers: ['0 Not difficult at all', '1 Somewhat difficult', '2 Very difficult', '3 Extremely difficult'] });
    expect(phq9.questionnaire.item.find((i) => i.linkId === 'difficulty')?.required).toBe(false);
    expect([phq9.questionnaire.code?.[0]?.code, phq9.scoring.total.code?.code]).toEqual(['44249-1', '44261-6']);
  });

  it('PHQ-2 is the first two PHQ-9 questions', () => {
    // Kroenke, Spitzer & Williams 2003; LOINC panel 55757-9, total 55758-7.
    expect(asked(phq2)).toEqual(asked(phq9).slice(0, 2));
    expect([phq2.questionnaire.code?.[0]?.code, phq2.scoring.total.code?.code]).toEqual(['55757-9', '55758-7']);
  });

  it('GAD-7 asks the seven published questions with their LOINC codes', () => {
    // Spitzer, Kroenke, Williams & Löwe 2006; LOINC panel 69737-5, total 70274-6.
    const table: [string, string][] = [
      ['69725-0', 'Feeling nervous, anxious or on edge'],
      ['68509-9', 'Not being able to stop or control worrying'],
      ['69733-4', 'Worrying too much about different things'],
      ['69734-2', 'Trouble relaxing'],
      ['69735-9', 'Being so restless that it is hard to sit still'],
      ['69689-8', 'Becoming easily annoyed or irritable'],
      ['69736-7', 'Feeling afraid as if something awful might happen'],
    ];
    expect(asked(gad7).slice(0, 7)).toEqual(table.map(([loinc, text], i) => ({ linkId: String(i + 1), text, loinc, answers: phqAnswers })));
    expect([gad7.questionnaire.code?.[0]?.code, gad7.scoring.total.code?.code]).toEqual(['69737-5', '70274-6']);
  });

  it('GAD-2 is the first two GAD-7 questions, with no panel or total code', () => {
    // Kroenke et al. 2007. No LOINC panel or total code could be confirmed for the GAD-2.
    expect(asked(gad2)).toEqual(asked(gad7).slice(0, 2));
    expect([gad2.questionnaire.code, gad2.scoring.total.code]).toEqual([undefined, undefined]);
  });

  it('UCLA-3 asks the three scale questions and the direct question, worded as ONS recommends', () => {
    // Hughes et al. 2004, as worded in ONS 2018 (national indicators of loneliness).
    const scale = ['1 Hardly ever or never', '2 Some of the time', '3 Often'];
    expect(asked(ucla3)).toEqual([
      { linkId: '1', text: 'How often do you feel that you lack companionship?', loinc: undefined, answers: scale },
      { linkId: '2', text: 'How often do you feel left out?', loinc: undefined, answers: scale },
      { linkId: '3', text: 'How often do you feel isolated from others?', loinc: undefined, answers: scale },
      { linkId: 'direct', text: 'How often do you feel lonely?', loinc: undefined, answers: ['5 Often/always', '4 Some of the time', '3 Occasionally', '2 Hardly ever', '1 Never'] },
    ]);
  });

  it('K10 asks the ten published questions, each scored 1–5', () => {
    // Kessler et al. 2002.
    const feelings = ['tired out for no good reason', 'nervous', 'so nervous that nothing could calm you down', 'hopeless', 'restless or fidgety', 'so restless you could not sit still', 'depressed', 'that everything was an effort', 'so sad that nothing could cheer you up', 'worthless'];
    const answers = ['1 None of the time', '2 A little of the time', '3 Some of the time', '4 Most of the time', '5 All of the time'];
    expect(asked(k10)).toEqual(feelings.map((f, i) => ({ linkId: String(i + 1), text: `During the last 30 days, about how often did you feel ${f}?`, loinc: undefined, answers })));
  });

  it('finds a shipped instrument by id, and nothing for an unknown one', () => {
    expect(findShippedInstrument('gad-7')).toBe(gad7);
    expect(findShippedInstrument('core-10')).toBeUndefined();
  });
});
