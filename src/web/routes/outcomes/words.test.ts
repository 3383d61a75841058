import { describe, expect, it } from 'vitest';
import { averageChangeWords, averageDirection, missingRateReason, rateWithDenominator, shortTitle, signed } from './words';

describe('outcome figures in words', () => {
  it('a rate shows as a percentage with the people it counts', () => {
    expect(rateWithDenominator(7 / 12, 12, 'cases at the start')).toBe('58% (7 of 12 cases at the start)');
    expect(rateWithDenominator(0, 3, 'clients')).toBe('0% (0 of 3 clients)');
  });

  it('a fall on the PHQ-9 reads as better, a fall on a higher-is-better measure as worse', () => {
    expect(averageDirection(-4.5, false)).toBe('better');
    expect(averageDirection(-4.5, true)).toBe('worse');
    expect(averageDirection(2, true)).toBe('better');
    expect(averageDirection(0.04, false)).toBe('unchanged');
  });

  it('the average change says its size, its way and what that way means', () => {
    expect(averageChangeWords({ averageChange: -4.5, higherIsBetter: false })).toBe('4.5 points lower on average: better (lower scores are better).');
    expect(averageChangeWords({ averageChange: 1, higherIsBetter: false })).toBe('1 point higher on average: worse (lower scores are better).');
    expect(averageChangeWords({ averageChange: 0, higherIsBetter: true })).toBe('No change on average (higher scores are better).');
    expect(averageChangeWords({ averageChange: null, higherIsBetter: true })).toMatch(/No client had two scores/);
  });

  it('signed changes use a real minus sign and one decimal at most', () => {
    expect(signed(-4.54)).toBe('−4.5');
    expect(signed(2)).toBe('+2');
    expect(signed(0.01)).toBe('0');
  });

  it('a missing rate says whether the instrument has no rule or nobody had two scores', () => {
    expect(missingRateReason({ rule: null, clientsWithChange: 4 })).toBe('No reliable-change rule for this instrument.');
    expect(missingRateReason({ rule: 'NHS Talking Therapies', clientsWithChange: 0 })).toBe('No client had two scores in the period.');
  });

  it('instruments are named on the chart by their abbreviation, wherever it sits in the title', () => {
    expect(shortTitle('Patient Health Questionnaire (PHQ-9)')).toBe('PHQ-9');
    expect(shortTitle('Three-item loneliness scale (UCLA-3) with the direct loneliness question')).toBe('UCLA-3');
    expect(shortTitle('Connection profile')).toBe('Connection profile');
  });
});
