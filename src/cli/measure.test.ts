import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inventedGardenCheck } from '../domain/measures/testing/invented.js';
import { DomainError } from '../domain/shared/errors.js';
import { measureUsage, runMeasure } from './measure.js';

const run = (...argv: string[]) => JSON.parse(runMeasure(argv)) as Record<string, unknown>;

/** The refusal a command gives: the message the CLI prints on stderr before exiting with 2. */
function refusal(argv: string[], io?: { readFile: (p: string) => string }): string {
  try {
    runMeasure(argv, io);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'invalid') return e.message;
    throw e;
  }
  throw new Error(`liminal measure ${argv.join(' ')} was accepted`);
}

describe('liminal measure score', () => {
  it('scores the PHQ-9 example from the issue', () => {
    expect(run('score', 'phq-9', '0,1,2,3,0,1,2,3,1')).toMatchObject({ instrument: 'phq-9', total: 13, severity: 'moderate', risk: true, isCase: true });
  });

  it('names severity bands in kebab-case', () => {
    expect(run('score', 'phq-9', '2,2,2,2,2,2,2,1,0')).toMatchObject({ total: 15, severity: 'moderately-severe', severityLabel: 'Moderately severe', risk: false });
    expect(run('score', 'phq-9', '0,0,0,0,0,0,0,0,0')).toMatchObject({ total: 0, severity: 'none-minimal' });
    expect(run('score', 'k10', '3,3,3,3,3,3,3,3,3,3')).toMatchObject({ total: 30, severity: 'very-high' });
  });

  it.each([
    ['phq-2', '1,1', 2, false],
    ['phq-2', '1,2', 3, true],
    ['gad-2', '2,0', 2, false],
    ['gad-2', '3,0', 3, true],
  ])('reports a positive screen for %s %s', (instrument, answers, total, positive) => {
    expect(run('score', instrument, answers)).toMatchObject({ instrument, total, positiveScreen: positive, risk: false });
  });

  it('leaves positiveScreen out for instruments that are not screeners', () => {
    expect(run('score', 'gad-7', '1,1,1,1,1,1,1')).not.toHaveProperty('positiveScreen');
  });

  it('scores the UCLA-3 and K10 on their own scales', () => {
    expect(run('score', 'ucla-3', '1,2,3')).toMatchObject({ instrument: 'ucla-3', total: 6, severity: 'lonely', min: 3, max: 9 });
    expect(run('score', 'k10', '1,1,1,1,1,1,1,1,1,1')).toMatchObject({ instrument: 'k10', total: 10, severity: 'low', min: 10, max: 50 });
  });

  it('accepts answers with spaces or as separate words, and instrument names without the hyphen', () => {
    expect(run('score', 'PHQ9', '0, 1, 2', '3', '0,1,2,3,1')).toMatchObject({ instrument: 'phq-9', total: 13 });
  });
});

describe('liminal measure change', () => {
  it('prints SEdiff, RCI, reliability and direction', () => {
    const r = run('change', '--sd', '5', '--reliability', '0.8', '--before', '20', '--after', '10');
    expect(r.seDiff).toBeCloseTo(5 * Math.sqrt(2) * Math.sqrt(0.2), 12);
    expect(r.rci).toBeCloseTo(-10 / (5 * Math.sqrt(0.4)), 12);
    expect(r).toMatchObject({ reliable: true, direction: 'improvement', higherIsBetter: false });
  });

  it('turns the direction round with --higher-is-better, and takes --name=value', () => {
    expect(run('change', '--sd=5', '--reliability=0.8', '--before=20', '--after=10', '--higher-is-better')).toMatchObject({ direction: 'deterioration', higherIsBetter: true });
  });

  it('says none when the change is within measurement error, and takes negative scores', () => {
    expect(run('change', '--sd', '1', '--reliability', '0.5', '--before', '-1', '--after', '0.5')).toMatchObject({ rci: 1.5, reliable: false, direction: 'none' });
  });
});

describe('liminal measure nhstt', () => {
  it('prints the NHS Talking Therapies outcome', () => {
    expect(run('nhstt', '--phq9', '15,7', '--gad7', '12,5')).toMatchObject({
      caseAtStart: true,
      caseAtEnd: false,
      reliableImprovement: true,
      reliableDeterioration: false,
      recovery: true,
      reliableRecovery: true,
      category: 'reliable-recovery',
    });
    expect(run('nhstt', '--phq9=10,16', '--gad7=8,9')).toMatchObject({ reliableDeterioration: true, category: 'reliable-deterioration' });
  });
});

describe('bad input', () => {
  const table: [string, string[], string][] = [
    ['an unknown instrument', ['score', 'phq-8', '1,2'], 'Unknown instrument “phq-8”; choose one of phq-9, phq-2, gad-7, gad-2, ucla-3, k10.'],
    ['no instrument', ['score'], 'Say which instrument: one of phq-9, phq-2, gad-7, gad-2, ucla-3, k10.'],
    ['no answers', ['score', 'gad-7'], 'Give the 7 answers of gad-7, comma-separated, e.g. 0,0,0,0,0,0,0.'],
    ['too few answers', ['score', 'phq-9', '0,1,2'], 'phq-9 has 9 questions to answer; 3 answers were given.'],
    ['too many answers', ['score', 'phq-9', '0,1,2,3,0,1,2,3,1,0'], 'phq-9 has 9 questions to answer; 10 answers were given.'],
    ['an answer that is not a number', ['score', 'phq-9', '0,1,2,3,0,1,2,3,x'], 'Answer 9 of phq-9 must be a number; “x” is not.'],
    ['an empty answer', ['score', 'phq-2', '1,'], 'Answer 2 of phq-2 is empty.'],
    ['an answer out of range', ['score', 'phq-9', '0,1,2,3,0,1,2,3,4'], 'The answer to phq-9 question 9 (“Thoughts that you would be better off dead or…”) must be one of 0, 1, 2, 3; 4 is out of range.'],
    ['a K10 answer of 0', ['score', 'k10', '0,1,1,1,1,1,1,1,1,1'], 'The answer to k10 question 1 (“During the last 30 days, about how often did…”) must be one of 1, 2, 3, 4, 5; 0 is out of range.'],
    ['a missing flag', ['change', '--sd', '5', '--before', '1', '--after', '2'], 'liminal measure change needs --reliability.'],
    ['a flag without a value', ['change', '--sd', '--reliability', '0.5', '--before', '1', '--after', '2'], '--sd needs a value.'],
    ['a flag given twice', ['change', '--sd', '5', '--sd', '6', '--reliability', '0.5', '--before', '1', '--after', '2'], '--sd was given twice.'],
    ['reliability above 1', ['change', '--sd', '5', '--reliability', '1.5', '--before', '1', '--after', '2'], '--reliability must be at least 0 and below 1; 1.5 was given.'],
    ['reliability below 0', ['change', '--sd', '5', '--reliability', '-0.1', '--before', '1', '--after', '2'], '--reliability must be at least 0 and below 1; -0.1 was given.'],
    ['reliability of exactly 1', ['change', '--sd', '5', '--reliability', '1', '--before', '1', '--after', '2'], '--reliability must be at least 0 and below 1; 1 was given.'],
    ['an SD of 0', ['change', '--sd', '0', '--reliability', '0.5', '--before', '1', '--after', '2'], '--sd must be above 0; 0 was given.'],
    ['an SD that is not a number', ['change', '--sd', 'five', '--reliability', '0.5', '--before', '1', '--after', '2'], '--sd must be a number; “five” is not.'],
    ['an unknown option', ['change', '--sd', '5', '--reliability', '0.5', '--before', '1', '--after', '2', '--verbose'], 'Unknown option --verbose for liminal measure change; it takes --sd, --reliability, --before, --after, --higher-is-better.'],
    ['a stray word', ['change', 'five'], 'Unexpected “five” for liminal measure change; options start with --.'],
    ['one NHS TT score instead of two', ['nhstt', '--phq9', '15', '--gad7', '12,5'], '--phq9 takes the first and last scores, e.g. --phq9 15,7; “15” is not a pair.'],
    ['an NHS TT score out of range', ['nhstt', '--phq9', '15,30', '--gad7', '12,5'], 'The last PHQ-9 score must be a whole number from 0 to 27; 30 was given.'],
    ['a missing NHS TT measure', ['nhstt', '--gad7', '12,5'], 'liminal measure nhstt needs --phq9.'],
    ['no command', [], 'Say what to do: liminal measure score | change | nhstt | instruments | show | check (liminal measure --help lists them).'],
    ['an unknown command', ['plot'], 'Unknown measure command “plot”; use score, change, nhstt, instruments, show or check.'],
  ];

  it.each(table)('refuses %s with one clear line', (_what, argv, message) => {
    const said = refusal(argv);
    expect(said).toBe(message);
    expect(said).not.toContain('\n');
  });
});

describe('instruments, show and check', () => {
  it('lists the shipped instruments with their sources', () => {
    const list = JSON.parse(runMeasure(['instruments'])) as { id: string; citations: string[]; loinc: string | null }[];
    expect(list.map((i) => i.id)).toEqual(['phq-9', 'phq-2', 'gad-7', 'gad-2', 'ucla-3', 'k10']);
    expect(list.find((i) => i.id === 'phq-9')).toMatchObject({ loinc: '44249-1', min: 0, max: 27, questions: 9 });
    expect(list.every((i) => i.citations.length > 0)).toBe(true);
  });

  it('shows a full definition as a FHIR Questionnaire beside its scoring', () => {
    const d = run('show', 'gad-7') as { questionnaire: { resourceType: string; id: string }; scoring: { caseness: { value: number } } };
    expect([d.questionnaire.resourceType, d.questionnaire.id, d.scoring.caseness.value]).toEqual(['Questionnaire', 'gad-7', 8]);
  });

  it('checks a definition file before import', () => {
    const files: Record<string, string> = {
      'garden.json': JSON.stringify(inventedGardenCheck()),
      'broken.json': JSON.stringify({ ...inventedGardenCheck(), citations: [] }),
      'notes.txt': 'not json',
    };
    const readFile = (p: string) => {
      const text = files[p];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    };
    expect(JSON.parse(runMeasure(['check', 'garden.json'], { readFile }))).toEqual({ ok: true, instrument: 'garden-check', version: '2.1', title: 'Invented Garden Check', questions: 4, min: 0, max: 16 });
    expect(refusal(['check', 'broken.json'], { readFile })).toBe('broken.json cannot be imported (1 problem):\n  citations: needs at least 1 entry');
    expect(refusal(['check', 'notes.txt'], { readFile })).toMatch(/^notes\.txt is not JSON: /);
    expect(refusal(['check', 'missing.json'], { readFile })).toBe('Cannot read missing.json.');
  });

  it('prints its usage on --help', () => {
    expect(runMeasure(['--help'])).toBe(measureUsage);
  });
});

describe('the liminal process', () => {
  // Runs src/cli/main.ts's run() in a real Node process (through tsx, which drizzle-kit and vite bring),
  // so exit codes and the stdout/stderr split are the ones a script sees.
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'liminal-measure-'));
  const entry = path.join(dir, 'liminal.mjs');
  writeFileSync(entry, `const { run } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/cli/main.ts')).href)});\nrun();\n`);
  const dataDir = path.join(dir, 'data');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Settings that would stop `liminal start`, to show that measure reads neither settings nor database.
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', entry, 'measure', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PORT: 'not-a-port', LIMINAL_DATA_DIR: dataDir, DATABASE_URL: '' },
      timeout: 60_000,
    });

  it('prints JSON on stdout and exits 0 for good input, without touching a database', () => {
    const r = cli('score', 'phq-9', '0,1,2,3,0,1,2,3,1');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toMatchObject({ instrument: 'phq-9', total: 13, severity: 'moderate', risk: true });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 2 with one line on stderr and nothing on stdout for bad input', () => {
    const r = cli('change', '--sd', '5', '--reliability', '2', '--before', '1', '--after', '2');
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', '--reliability must be at least 0 and below 1; 2 was given.\n']);
  });
});
