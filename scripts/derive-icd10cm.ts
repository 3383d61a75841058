/**
 * Derives src/domain/diagnosis/icd10cm.json, the ICD-10-CM table the diagnosis search reads,
 * from the shared, hand-verified extract ../shared/data/icd10cm/codes.tsv (see its SOURCE.md).
 *
 * Run from the repository root, after the shared table changes:
 *
 *   npx tsx scripts/derive-icd10cm.ts [path/to/codes.tsv]
 *   node --experimental-strip-types scripts/derive-icd10cm.ts [path/to/codes.tsv]   (Node 22.6 and later)
 *
 * The path defaults to ../shared/data/icd10cm/codes.tsv, relative to the repository root.
 * The output is committed; the server and the tests only read the JSON.
 *
 * Input: tab-separated, header `code<TAB>description<TAB>billable`, one code a line in official
 * tabular order, billable 1 (a reportable code) or 0 (a category or sub-category heading).
 * Output: { edition, source, attribution, columns, codes: [[code, description, billable 0|1], ...] },
 * the rows kept in tabular order. The script stops with a message on any malformed or repeated row.
 *
 * Only Node's own modules are used, and only type annotations, so Node can strip the types itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = process.cwd();
const input = path.resolve(repoRoot, process.argv[2] ?? '../shared/data/icd10cm/codes.tsv');
const output = path.resolve(repoRoot, 'src/domain/diagnosis/icd10cm.json');

const edition = 'ICD-10-CM FY2026';
const source =
  'CDC/NCHS ICD-10-CM FY2026 "Code Descriptions in Tabular Order" (icd10cm_order_2026.txt), effective 1 October 2025 to 30 September 2026 ' +
  '(the April 1, 2026 update changed no codes or titles); subset for mental-health practice: F01-F99, R45, T14.91, X71-X83, Z55-Z65, Z69-Z76.';
const attribution =
  'ICD-10-CM code titles: Source: CDC/NCHS (FY2026). ICD-10-CM is published by the US Centers for Disease Control and Prevention\u2019s ' +
  'National Center for Health Statistics with CMS, as public-domain content of the US government; the underlying ICD-10 is copyrighted ' +
  'by the World Health Organization, which authorised the US adaptation. Use does not imply endorsement by CDC or HHS.';

function fail(message: string): never {
  console.error(`derive-icd10cm: ${message}`);
  process.exit(1);
}

let text: string;
try {
  text = readFileSync(input, 'utf8');
} catch (error) {
  fail(`cannot read ${input}: ${(error as Error).message}`);
}

const lines = text.replace(/\r\n/g, '\n').split('\n');
if (lines[0] !== 'code\tdescription\tbillable') fail(`${input} does not start with the header "code<TAB>description<TAB>billable"`);

const codeShape = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
const seen = new Set<string>();
const codes: [string, string, 0 | 1][] = [];
lines.slice(1).forEach((line, index) => {
  if (line === '') return;
  const where = `line ${index + 2}`;
  const cells = line.split('\t');
  if (cells.length !== 3) fail(`${where} has ${cells.length} cells, expected 3`);
  const [code = '', description = '', billable = ''] = cells;
  if (!codeShape.test(code)) fail(`${where}: "${code}" is not an ICD-10-CM code with its dot`);
  if (seen.has(code)) fail(`${where}: ${code} appears twice`);
  if (description.trim() === '' || description !== description.trim()) fail(`${where}: ${code} has an empty or padded description`);
  if (billable !== '0' && billable !== '1') fail(`${where}: billable must be 0 or 1, not "${billable}"`);
  seen.add(code);
  codes.push([code, description, billable === '1' ? 1 : 0]);
});
if (codes.length === 0) fail(`${input} has no rows`);

// One row a line: small enough to read in a diff, compact enough to ship.
const body = [
  '{',
  `  "edition": ${JSON.stringify(edition)},`,
  `  "source": ${JSON.stringify(source)},`,
  `  "attribution": ${JSON.stringify(attribution)},`,
  '  "columns": ["code", "description", "billable"],',
  '  "codes": [',
  codes.map((row) => `    ${JSON.stringify(row)}`).join(',\n'),
  '  ]',
  '}',
  '',
].join('\n');
writeFileSync(output, body);

const billable = codes.filter((row) => row[2] === 1).length;
console.log(`derive-icd10cm: wrote ${path.relative(repoRoot, output)}: ${codes.length} rows (${billable} billable, ${codes.length - billable} headings) from ${input}`);
