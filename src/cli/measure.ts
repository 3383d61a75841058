import { readFileSync } from 'node:fs';
import { nhsTalkingTherapiesOutcome, reliableChange } from '../domain/measures/change.js';
import { type InstrumentDefinition, parseInstrumentDefinition, requiredItems, totalRange } from '../domain/measures/definition.js';
import { findShippedInstrument, shippedInstrumentIds, shippedInstruments } from '../domain/measures/instruments/index.js';
import { answersFromList, scoreResponse } from '../domain/measures/score.js';
import { invalid } from '../domain/shared/errors.js';

/**
 * `liminal measure …`: scoring and change rules for researchers and our own checks. Pure: it
 * never opens the database. Every command returns the JSON to print; bad input throws a
 * DomainError('invalid'), which the CLI prints on stderr with exit code 2.
 */

export const measureUsage = `Usage: liminal measure <command>

  score <instrument> <answers>        score a completed measure; answers comma-separated, in question order
                                      e.g. liminal measure score phq-9 0,1,2,3,0,1,2,3,1
  change --sd <n> --reliability <r> --before <a> --after <b> [--higher-is-better]
                                      Jacobson & Truax reliable change
  nhstt --phq9 <first>,<last> --gad7 <first>,<last>
                                      NHS Talking Therapies outcome of a course of care
  instruments                         the shipped instruments, with their sources
  show <instrument>                   an instrument's full definition (FHIR Questionnaire and scoring)
  check <file.json>                   check an instrument definition before a practice imports it

Instruments: ${shippedInstrumentIds.join(', ')}. Output is JSON; bad input exits with code 2.`;

const json = (value: unknown) => JSON.stringify(value, null, 2);

const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(text: string, what: string): number {
  const trimmed = text.trim();
  if (!numberPattern.test(trimmed)) throw invalid(`${what} must be a number; “${text}” is not.`);
  return Number(trimmed);
}

function findInstrument(name: string | undefined): InstrumentDefinition {
  if (!name) throw invalid(`Say which instrument: one of ${shippedInstrumentIds.join(', ')}.`);
  const wanted = name.toLowerCase().replace(/-/g, '');
  const id = shippedInstrumentIds.find((i) => i.replace(/-/g, '') === wanted);
  const definition = id ? findShippedInstrument(id) : undefined;
  if (!definition) throw invalid(`Unknown instrument “${name}”; choose one of ${shippedInstrumentIds.join(', ')}.`);
  return definition;
}

/** `--name value` and `--name=value`; flags listed in `booleans` take no value. */
function parseFlags(command: string, args: readonly string[], valued: readonly string[], booleans: readonly string[] = []): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) throw invalid(`Unexpected “${arg}” for liminal measure ${command}; options start with --.`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (flags.has(name)) throw invalid(`--${name} was given twice.`);
    if (booleans.includes(name)) {
      if (eq !== -1) throw invalid(`--${name} takes no value.`);
      flags.set(name, 'true');
    } else if (valued.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) throw invalid(`--${name} needs a value.`);
      flags.set(name, value);
    } else {
      throw invalid(`Unknown option --${name} for liminal measure ${command}; it takes ${[...valued, ...booleans].map((f) => `--${f}`).join(', ')}.`);
    }
  }
  return flags;
}

function required(flags: Map<string, string>, name: string, command: string): string {
  const value = flags.get(name);
  if (value === undefined) throw invalid(`liminal measure ${command} needs --${name}.`);
  return value;
}

function score(args: readonly string[]): string {
  const [name, ...rest] = args;
  const definition = findInstrument(name);
  const count = requiredItems(definition).length;
  if (!rest.length) throw invalid(`Give the ${count} answers of ${definition.questionnaire.id}, comma-separated, e.g. ${Array.from({ length: count }, () => '0').join(',')}.`);
  const pieces = rest.join(',').split(',');
  const values = pieces.map((p, i) => {
    if (!p.trim()) throw invalid(`Answer ${i + 1} of ${definition.questionnaire.id} is empty.`);
    return parseNumber(p, `Answer ${i + 1} of ${definition.questionnaire.id}`);
  });
  const result = scoreResponse(definition, answersFromList(definition, values));
  return json({
    instrument: result.instrument,
    version: result.version,
    title: result.title,
    total: result.total,
    min: result.range.min,
    max: result.range.max,
    severity: result.severity.key,
    severityLabel: result.severity.label,
    severitySource: result.severity.source,
    ...(result.isCase === undefined ? {} : { isCase: result.isCase }),
    ...(result.positiveScreen === undefined ? {} : { positiveScreen: result.positiveScreen }),
    risk: result.risk,
    riskRules: result.riskRules,
    flags: result.flags,
    subscales: result.subscales,
    answers: result.answers,
  });
}

function change(args: readonly string[]): string {
  const flags = parseFlags('change', args, ['sd', 'reliability', 'before', 'after'], ['higher-is-better']);
  const sd = parseNumber(required(flags, 'sd', 'change'), '--sd');
  const reliability = parseNumber(required(flags, 'reliability', 'change'), '--reliability');
  const before = parseNumber(required(flags, 'before', 'change'), '--before');
  const after = parseNumber(required(flags, 'after', 'change'), '--after');
  if (sd <= 0) throw invalid(`--sd must be above 0; ${sd} was given.`);
  if (reliability < 0 || reliability >= 1) throw invalid(`--reliability must be at least 0 and below 1; ${reliability} was given.`);
  const higherIsBetter = flags.has('higher-is-better');
  return json({ ...reliableChange({ before, after, sd, reliability, higherIsBetter }), higherIsBetter });
}

function pair(flags: Map<string, string>, name: string): [number, number] {
  const text = required(flags, name, 'nhstt');
  const parts = text.split(',');
  if (parts.length !== 2) throw invalid(`--${name} takes the first and last scores, e.g. --${name} 15,7; “${text}” is not a pair.`);
  const [first, last] = parts.map((p, i) => parseNumber(p, `The ${i === 0 ? 'first' : 'last'} --${name} score`)) as [number, number];
  return [first, last];
}

function nhstt(args: readonly string[]): string {
  const flags = parseFlags('nhstt', args, ['phq9', 'gad7']);
  return json(nhsTalkingTherapiesOutcome({ phq9: pair(flags, 'phq9'), gad7: pair(flags, 'gad7') }));
}

function instruments(): string {
  return json(
    shippedInstruments.map((d) => ({
      id: d.questionnaire.id,
      title: d.questionnaire.title,
      version: d.questionnaire.version,
      questions: requiredItems(d).length,
      ...totalRange(d),
      loinc: d.questionnaire.code?.[0]?.code ?? null,
      citations: d.citations,
    })),
  );
}

function check(args: readonly string[], readFile: (path: string) => string): string {
  const [file, ...extra] = args;
  if (!file || extra.length) throw invalid('Usage: liminal measure check <file.json>');
  let text: string;
  try {
    text = readFile(file);
  } catch {
    throw invalid(`Cannot read ${file}.`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    throw invalid(`${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const result = parseInstrumentDefinition(input, { reservedIds: shippedInstrumentIds });
  if (!result.ok) {
    const lines = result.problems.map((p) => `  ${p.path}: ${p.message}`);
    throw invalid(`${file} cannot be imported (${result.problems.length} ${result.problems.length === 1 ? 'problem' : 'problems'}):\n${lines.join('\n')}`);
  }
  const d = result.definition;
  return json({ ok: true, instrument: d.questionnaire.id, version: d.questionnaire.version, title: d.questionnaire.title, questions: requiredItems(d).length, ...totalRange(d) });
}

/** Runs `liminal measure <argv…>` and returns what to print on stdout. */
export function runMeasure(argv: readonly string[], io: { readFile?: (path: string) => string } = {}): string {
  const [command, ...rest] = argv;
  switch (command) {
    case 'score':
      return score(rest);
    case 'change':
      return change(rest);
    case 'nhstt':
      return nhstt(rest);
    case 'instruments':
      return instruments();
    case 'show': {
      if (rest.length !== 1) throw invalid('Usage: liminal measure show <instrument>');
      return json(findInstrument(rest[0]));
    }
    case 'check':
      return check(rest, io.readFile ?? ((p) => readFileSync(p, 'utf8')));
    case '--help':
    case 'help':
      return measureUsage;
    case undefined:
      throw invalid('Say what to do: liminal measure score | change | nhstt | instruments | show | check (liminal measure --help lists them).');
    default:
      throw invalid(`Unknown measure command “${command}”; use score, change, nhstt, instruments, show or check.`);
  }
}
