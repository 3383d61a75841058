import { z } from 'zod';
import { DomainError } from '../shared/errors.js';

/**
 * An instrument definition: a FHIR R4 Questionnaire (items, answer options with an ordinal value,
 * LOINC codes where they exist) beside Liminal's scoring rules for it (total, reverse-scored items,
 * subscales, severity bands, caseness, positive screen, reliable change, risk and other rules),
 * and the citations the product shows. The Questionnaire stays a valid FHIR resource on its own,
 * so it can be exported as it is; scoring is a sibling object because FHIR has no standard place
 * for severity bands or reliable-change thresholds. The format is described in README.md here.
 *
 * Shipped instruments are plain data in ./instruments; a practice imports the instruments it
 * holds a licence for as JSON of this shape, checked by `parseInstrumentDefinition`.
 */

/** Canonical base for Liminal's own FHIR URLs (questionnaires, code systems for non-LOINC answers). */
export const LIMINAL_FHIR_BASE = 'https://liminal.care/fhir';
export const LOINC = 'http://loinc.org';
export const ORDINAL_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
export const MIN_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/minValue';
export const MAX_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/maxValue';

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebabKey = z.string().regex(kebab, 'use lower-case letters, digits and single hyphens (kebab-case), for example “moderately-severe”');

// ── The FHIR part ────────────────────────────────────────────────────────────────────────────

export const codingSchema = z.object({
  system: z.string().min(1).optional(),
  code: z.string().min(1),
  display: z.string().min(1),
});
export type Coding = z.infer<typeof codingSchema>;

export const extensionSchema = z.looseObject({
  url: z.string().min(1),
  valueDecimal: z.number().optional(),
  valueInteger: z.number().int().optional(),
  valueString: z.string().optional(),
});
export type Extension = z.infer<typeof extensionSchema>;

export const answerOptionSchema = z.looseObject({
  valueCoding: codingSchema,
  extension: z.array(extensionSchema).optional(),
});
export type AnswerOption = z.infer<typeof answerOptionSchema>;

/** Item types Liminal understands: answered ones (choice, integer, decimal), plus display text and groups. */
export const itemTypes = ['choice', 'integer', 'decimal', 'display', 'group'] as const;
export type ItemType = (typeof itemTypes)[number];
const answerableTypes: readonly ItemType[] = ['choice', 'integer', 'decimal'];

export interface QuestionnaireItem {
  linkId: string;
  text: string;
  type: ItemType;
  prefix?: string | undefined;
  required?: boolean | undefined;
  code?: Coding[] | undefined;
  answerOption?: AnswerOption[] | undefined;
  extension?: Extension[] | undefined;
  item?: QuestionnaireItem[] | undefined;
  [key: string]: unknown;
}

export const questionnaireItemSchema: z.ZodType<QuestionnaireItem> = z.looseObject({
  linkId: z.string().min(1).max(255).regex(/^\S+$/, 'a linkId cannot contain spaces'),
  text: z.string().min(1),
  type: z.enum(itemTypes),
  prefix: z.string().optional(),
  required: z.boolean().optional(),
  code: z.array(codingSchema).optional(),
  answerOption: z.array(answerOptionSchema).optional(),
  extension: z.array(extensionSchema).optional(),
  get item() {
    return z.array(questionnaireItemSchema).optional();
  },
});

export const questionnaireSchema = z.looseObject({
  resourceType: z.literal('Questionnaire'),
  id: z
    .string()
    .max(64)
    .regex(kebab, 'the id names the instrument everywhere (for example “core-10”): lower-case letters, digits and single hyphens'),
  url: z.string().url(),
  version: z.string().min(1),
  name: z.string().min(1),
  title: z.string().min(1),
  status: z.enum(['draft', 'active', 'retired', 'unknown']),
  publisher: z.string().optional(),
  description: z.string().optional(),
  copyright: z.string().optional(),
  code: z.array(codingSchema).optional(),
  subjectType: z.array(z.string()).optional(),
  item: z.array(questionnaireItemSchema).min(1),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

// ── Liminal's scoring rules ─────────────────────────────────────────────────────────────────

export const operators = ['>=', '>', '<=', '<', '='] as const;
export type Operator = (typeof operators)[number];

/** A comparison against a number, with the published source it comes from. */
export const thresholdSchema = z.strictObject({
  operator: z.enum(operators),
  value: z.number(),
  source: z.string().min(1),
  label: z.string().min(1).optional(),
});
export type Threshold = z.infer<typeof thresholdSchema>;

export const bandSchema = z.strictObject({
  min: z.number(),
  max: z.number(),
  key: kebabKey,
  label: z.string().min(1),
});
export type Band = z.infer<typeof bandSchema>;

export const conditionSchema = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('item'), linkId: z.string().min(1), operator: z.enum(operators), value: z.number() }),
  z.strictObject({ on: z.literal('total'), operator: z.enum(operators), value: z.number() }),
  z.strictObject({ on: z.literal('subscale'), key: z.string().min(1), operator: z.enum(operators), value: z.number() }),
]);
export type Condition = z.infer<typeof conditionSchema>;

export const ruleSchema = z.strictObject({
  key: kebabKey,
  /** risk: raises an alert the practitioner must acknowledge. flag: shown beside the score. */
  kind: z.enum(['risk', 'flag']),
  label: z.string().min(1),
  when: conditionSchema,
  source: z.string().min(1),
});
export type Rule = z.infer<typeof ruleSchema>;

export const scoringSchema = z.strictObject({
  total: z.strictObject({
    /** sum of the item values, or their mean (rounded to two decimals). */
    method: z.enum(['sum', 'mean']),
    items: z.array(z.string().min(1)).min(1),
    /** The LOINC (or other) code for the total, for FHIR Observations. */
    code: codingSchema.optional(),
  }),
  /** Items scored the other way round: value becomes (lowest + highest − value). */
  reverseScored: z.array(z.string().min(1)).optional(),
  subscales: z
    .array(
      z.strictObject({
        key: kebabKey,
        label: z.string().min(1),
        method: z.enum(['sum', 'mean']),
        items: z.array(z.string().min(1)).min(1),
      }),
    )
    .optional(),
  direction: z.enum(['higher-is-worse', 'higher-is-better']),
  severity: z.strictObject({ source: z.string().min(1), bands: z.array(bandSchema).min(1) }),
  /** Clinical caseness (the cut-off for clinically significant change): a total meeting it is “a case”. */
  caseness: thresholdSchema.optional(),
  /** For screeners (PHQ-2, GAD-2): a total meeting it is a positive screen. */
  positiveScreen: thresholdSchema.optional(),
  /**
   * Reliable change: a published threshold in points, or SD and reliability for Jacobson & Truax.
   * A threshold wins when both are given; a practice can override SD and reliability.
   */
  reliableChange: z
    .strictObject({
      threshold: z.number().positive().optional(),
      sd: z.number().positive().optional(),
      reliability: z.number().min(0).lt(1, 'reliability must be below 1').optional(),
      source: z.string().min(1),
    })
    .optional(),
  rules: z.array(ruleSchema).optional(),
});
export type Scoring = z.infer<typeof scoringSchema>;

const structuralSchema = z.strictObject({
  questionnaire: questionnaireSchema,
  scoring: scoringSchema,
  /** Where the instrument, its wording and its scoring come from; shown in the product. */
  citations: z.array(z.string().min(1)).min(1),
});

export type InstrumentDefinition = z.infer<typeof structuralSchema>;

// ── Reading a definition ────────────────────────────────────────────────────────────────────

/** Every item in document order, groups opened. */
export function allItems(items: readonly QuestionnaireItem[]): QuestionnaireItem[] {
  return items.flatMap((i) => [i, ...allItems(i.item ?? [])]);
}

/** The items a person answers (choice, integer, decimal), in the order they are asked. */
export function answerableItems(definition: InstrumentDefinition): QuestionnaireItem[] {
  return allItems(definition.questionnaire.item).filter((i) => answerableTypes.includes(i.type));
}

/** The items that must be answered, in order: the order of a comma-separated answer list. */
export function requiredItems(definition: InstrumentDefinition): QuestionnaireItem[] {
  return answerableItems(definition).filter((i) => i.required === true);
}

const numberIn = (e: Extension | undefined): number | undefined => e?.valueDecimal ?? e?.valueInteger;

/** The ordinal value of an answer option (the number it scores), if it carries one. */
export function ordinalValue(option: AnswerOption): number | undefined {
  return numberIn(option.extension?.find((e) => e.url === ORDINAL_VALUE_URL));
}

/** The lowest and highest value an item can take. */
export function itemRange(item: QuestionnaireItem): { min: number; max: number } | undefined {
  if (item.type === 'choice') {
    const values = (item.answerOption ?? []).map(ordinalValue).filter((v): v is number => v !== undefined);
    return values.length ? { min: Math.min(...values), max: Math.max(...values) } : undefined;
  }
  const min = numberIn(item.extension?.find((e) => e.url === MIN_VALUE_URL));
  const max = numberIn(item.extension?.find((e) => e.url === MAX_VALUE_URL));
  return min === undefined || max === undefined ? undefined : { min, max };
}

/** Whether every value an item can take is a whole number. */
function itemIsWhole(item: QuestionnaireItem): boolean {
  if (item.type === 'integer') return true;
  if (item.type === 'decimal') return false;
  return (item.answerOption ?? []).every((o) => Number.isInteger(ordinalValue(o)));
}

/** The lowest and highest score a set of items can give, by sum or mean. */
export function scoreRange(definition: InstrumentDefinition, linkIds: readonly string[], method: 'sum' | 'mean'): { min: number; max: number } {
  const byId = new Map(answerableItems(definition).map((i) => [i.linkId, i]));
  let min = 0;
  let max = 0;
  for (const id of linkIds) {
    const r = byId.get(id);
    const range = r ? itemRange(r) : undefined;
    if (!range) continue;
    min += range.min;
    max += range.max;
  }
  // Six decimals: sums of decimal ranges (0.1 + 0.2) must compare equal to the bands written by hand.
  const clean = (n: number) => Math.round(n * 1e6) / 1e6;
  return method === 'mean' ? { min: clean(min / linkIds.length), max: clean(max / linkIds.length) } : { min: clean(min), max: clean(max) };
}

/** The largest total (either side of zero) an instrument may give: the outcomes report packs totals in that room. */
export const TOTAL_LIMIT = 499;

const totalRanges = new WeakMap<InstrumentDefinition, { min: number; max: number }>();

/** The range of the total score (worked out once per definition: a report judges thousands of scores against it). */
export const totalRange = (definition: InstrumentDefinition): { min: number; max: number } => {
  const known = totalRanges.get(definition);
  if (known) return { ...known };
  const range = scoreRange(definition, definition.scoring.total.items, definition.scoring.total.method);
  totalRanges.set(definition, range);
  return { ...range };
};

/** Whether every possible total is a whole number (then severity bands must follow on without gaps). */
export function totalIsWhole(definition: InstrumentDefinition): boolean {
  if (definition.scoring.total.method !== 'sum') return false;
  const byId = new Map(answerableItems(definition).map((i) => [i.linkId, i]));
  return definition.scoring.total.items.every((id) => {
    const item = byId.get(id);
    return item !== undefined && itemIsWhole(item);
  });
}

export function compare(value: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '=':
      return value === threshold;
  }
}

// ── Checking an imported definition ─────────────────────────────────────────────────────────

export interface DefinitionProblem {
  /** Where, e.g. `questionnaire.item[3].answerOption[1]` or `scoring.severity.bands[2]`. */
  path: string;
  message: string;
}

type Ctx = z.RefinementCtx;
const problem = (ctx: Ctx, path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
const fmt = (n: number) => String(Math.round(n * 10000) / 10000);

/** The rules a definition must keep beyond its shape: every reference resolves, bands cover the range. */
function checkMeaning(d: InstrumentDefinition, ctx: Ctx): void {
  // Items: unique linkIds, answer options that score, numeric items with a range.
  const seen = new Set<string>();
  const walk = (items: readonly QuestionnaireItem[], path: (string | number)[]) => {
    items.forEach((item, i) => {
      const at = [...path, i];
      if (seen.has(item.linkId)) problem(ctx, [...at, 'linkId'], `the linkId “${item.linkId}” is used twice; each item needs its own`);
      seen.add(item.linkId);
      if (item.type === 'group' && !(item.item ?? []).length) problem(ctx, [...at, 'item'], `the group “${item.linkId}” has no items`);
      if (item.type !== 'group' && item.item?.length) problem(ctx, [...at, 'item'], `only a group can hold items; “${item.linkId}” is a ${item.type} item`);
      if (item.type === 'choice') {
        const options = item.answerOption ?? [];
        if (!options.length) problem(ctx, [...at, 'answerOption'], `the choice item “${item.linkId}” has no answer options`);
        const values = new Set<number>();
        const codes = new Set<string>();
        options.forEach((o, j) => {
          const v = ordinalValue(o);
          if (v === undefined) {
            problem(ctx, [...at, 'answerOption', j], `the answer “${o.valueCoding.display}” has no score: add an extension with url ${ORDINAL_VALUE_URL} and valueDecimal`);
          } else if (values.has(v)) {
            problem(ctx, [...at, 'answerOption', j], `two answers of “${item.linkId}” score ${fmt(v)}; each answer needs its own value`);
          } else values.add(v);
          if (codes.has(o.valueCoding.code)) problem(ctx, [...at, 'answerOption', j, 'valueCoding', 'code'], `the code “${o.valueCoding.code}” is used twice in “${item.linkId}”`);
          codes.add(o.valueCoding.code);
        });
      }
      if (item.type === 'integer' || item.type === 'decimal') {
        const range = itemRange(item);
        if (!range) problem(ctx, [...at, 'extension'], `the ${item.type} item “${item.linkId}” needs minValue and maxValue extensions (${MIN_VALUE_URL}, ${MAX_VALUE_URL})`);
        else if (range.min >= range.max) problem(ctx, [...at, 'extension'], `the lowest value of “${item.linkId}” (${fmt(range.min)}) must be below its highest (${fmt(range.max)})`);
      }
      walk(item.item ?? [], [...at, 'item']);
    });
  };
  walk(d.questionnaire.item, ['questionnaire', 'item']);

  const answerable = new Map(answerableItems(d).map((i) => [i.linkId, i]));
  const scoredList = (ids: readonly string[], path: (string | number)[], what: string) => {
    const once = new Set<string>();
    ids.forEach((id, i) => {
      const item = answerable.get(id);
      if (once.has(id)) problem(ctx, [...path, i], `“${id}” is listed twice in ${what}`);
      once.add(id);
      if (!item) problem(ctx, [...path, i], `${what} names “${id}”, which is not an answered item of the questionnaire`);
      else if (item.required !== true) problem(ctx, [...path, i], `${what} counts “${id}”, so it must be required (set "required": true)`);
    });
  };
  const s = d.scoring;
  scoredList(s.total.items, ['scoring', 'total', 'items'], 'the total');
  (s.reverseScored ?? []).forEach((id, i) => {
    if (!answerable.has(id)) problem(ctx, ['scoring', 'reverseScored', i], `“${id}” is not an answered item of the questionnaire`);
  });
  const subscaleKeys = new Set<string>();
  (s.subscales ?? []).forEach((sub, i) => {
    if (subscaleKeys.has(sub.key)) problem(ctx, ['scoring', 'subscales', i, 'key'], `the subscale key “${sub.key}” is used twice`);
    subscaleKeys.add(sub.key);
    scoredList(sub.items, ['scoring', 'subscales', i, 'items'], `the subscale “${sub.key}”`);
  });
  const ruleKeys = new Set<string>();
  (s.rules ?? []).forEach((r, i) => {
    const at = ['scoring', 'rules', i];
    if (ruleKeys.has(r.key)) problem(ctx, [...at, 'key'], `the rule key “${r.key}” is used twice`);
    ruleKeys.add(r.key);
    if (r.when.on === 'item' && !answerable.has(r.when.linkId)) problem(ctx, [...at, 'when', 'linkId'], `the rule “${r.key}” looks at “${r.when.linkId}”, which is not an answered item of the questionnaire`);
    if (r.when.on === 'subscale' && !subscaleKeys.has(r.when.key)) problem(ctx, [...at, 'when', 'key'], `the rule “${r.key}” looks at the subscale “${r.when.key}”, which is not defined`);
  });

  // The range checks below only make sense once every counted item resolves to a scored item.
  const totalResolves = s.total.items.every((id) => {
    const item = answerable.get(id);
    return item !== undefined && itemRange(item) !== undefined;
  });
  if (!totalResolves) return;

  // Bands cover the whole range of the total, in order, without overlaps (or gaps, for whole totals).
  const range = totalRange(d);
  if (range.min < -TOTAL_LIMIT || range.max > TOTAL_LIMIT) {
    problem(ctx, ['scoring', 'total'], `totals must lie between −${TOTAL_LIMIT} and ${TOTAL_LIMIT}; this instrument's run from ${fmt(range.min)} to ${fmt(range.max)}`);
  }
  const whole = totalIsWhole(d);
  const bands = s.severity.bands;
  const keys = new Set<string>();
  bands.forEach((b, i) => {
    const at = ['scoring', 'severity', 'bands', i];
    if (keys.has(b.key)) problem(ctx, [...at, 'key'], `the band key “${b.key}” is used twice`);
    keys.add(b.key);
    if (b.min > b.max) problem(ctx, at, `the band “${b.key}” starts at ${fmt(b.min)} but ends at ${fmt(b.max)}`);
    const prev = bands[i - 1];
    if (prev) {
      if (whole && b.min !== prev.max + 1) {
        problem(ctx, [...at, 'min'], `the band “${b.key}” starts at ${fmt(b.min)} but the band before ends at ${fmt(prev.max)}; with whole-number totals it must start at ${fmt(prev.max + 1)}`);
      } else if (!whole && b.min <= prev.max) {
        problem(ctx, [...at, 'min'], `the band “${b.key}” starts at ${fmt(b.min)}, inside the band before (which ends at ${fmt(prev.max)})`);
      }
    }
  });
  const first = bands[0];
  const last = bands[bands.length - 1];
  if (first && first.min !== range.min) problem(ctx, ['scoring', 'severity', 'bands', 0, 'min'], `the first band must start at the lowest possible total, ${fmt(range.min)}, not ${fmt(first.min)}`);
  if (last && last.max !== range.max) problem(ctx, ['scoring', 'severity', 'bands', bands.length - 1, 'max'], `the last band must end at the highest possible total, ${fmt(range.max)}, not ${fmt(last.max)}`);

  for (const name of ['caseness', 'positiveScreen'] as const) {
    const t = s[name];
    if (t && (t.value < range.min || t.value > range.max)) problem(ctx, ['scoring', name, 'value'], `${fmt(t.value)} is outside the possible totals (${fmt(range.min)}–${fmt(range.max)})`);
  }
  const rc = s.reliableChange;
  if (rc && rc.threshold === undefined && (rc.sd === undefined || rc.reliability === undefined)) {
    problem(ctx, ['scoring', 'reliableChange'], 'give a threshold in points, or both sd and reliability (Jacobson & Truax)');
  }

}

export const instrumentDefinitionSchema = structuralSchema.superRefine(checkMeaning);

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Plain-language messages for zod's own issues (the meaning checks above write their own). */
const plainError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is missing (${typeNames[issue.expected] ?? issue.expected} is needed)` : `should be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`
        : issue.origin === 'string'
          ? 'cannot be empty'
          : `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `is longer than ${String(issue.maximum)} characters` : `must be ${issue.inclusive ? 'at most' : 'below'} ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} Liminal does not know: ${issue.keys.map((k) => `“${k}”`).join(', ')}`;
    case 'invalid_union':
      return 'does not match any of the allowed forms (check the “on” field: item, total or subscale)';
    case 'invalid_format':
      return issue.format === 'url' ? 'should be a URL, e.g. https://example.org/fhir/Questionnaire/core-10' : `is not a valid ${issue.format}`;
    default:
      return undefined;
  }
};

/** `questionnaire.item[3].answerOption[1]` from ['questionnaire', 'item', 3, 'answerOption', 1]. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

export type ParseResult = { ok: true; definition: InstrumentDefinition } | { ok: false; problems: DefinitionProblem[] };

/**
 * Checks an instrument definition (e.g. a practice's import of a licensed instrument) and says
 * what is wrong in words, with the path of each problem. `reservedIds` are ids already taken
 * (the shipped instruments), which an import may not reuse.
 */
export function parseInstrumentDefinition(input: unknown, options: { reservedIds?: readonly string[] } = {}): ParseResult {
  const parsed = instrumentDefinitionSchema.safeParse(input, { error: plainError });
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path) || '(the whole definition)', message: i.message })) };
  }
  const id = parsed.data.questionnaire.id;
  if (options.reservedIds?.includes(id)) {
    return { ok: false, problems: [{ path: 'questionnaire.id', message: `“${id}” is already the id of an instrument Liminal ships; choose another id` }] };
  }
  return { ok: true, definition: parsed.data };
}

/** Like parseInstrumentDefinition, but refuses with a DomainError whose fields name each problem. */
export function importInstrumentDefinition(input: unknown, options: { reservedIds?: readonly string[] } = {}): InstrumentDefinition {
  const result = parseInstrumentDefinition(input, options);
  if (result.ok) return result.definition;
  const fields: Record<string, string> = {};
  for (const p of result.problems) fields[p.path] = fields[p.path] ? `${fields[p.path]}; ${p.message}` : p.message;
  const first = result.problems[0];
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
  throw new DomainError('invalid', `The instrument definition cannot be imported: ${first ? `${first.path}: ${first.message}` : 'it is not valid'}${more}.`, { fields });
}
