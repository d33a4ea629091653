// An import of arrivals (issue 13, item 4): the households of Udlændingestyrelsen's
// housing-placement notice, as JSON or as CSV (one line per member), all or nothing. Read top to
// bottom: authorize → read the file (JSON: each household through the API's input schema; CSV:
// the header, then each line's cells, the lines of one reference gathered into one household and
// put through the same schema) → the domain's checks per household (exactly one head, at most one
// spouse, each CPR number valid, agreeing with the birth date, once in the file; the takeover date
// by integrationsloven § 4, stk. 2 from the decision date, earlier only with consent) → one tenant
// transaction: the notices imported already (by their reference, unique per municipality) are
// skipped, the CPR numbers of the others must be new to the municipality → on any problem the whole
// file is refused with every problem (422; nothing written) → write each new household with its
// members (CPR numbers through the vault: ciphertext, search hash and the masked form, never the
// number in clear) and its notice → one access-log row per person created, and one per person of a
// skipped household shown → the view (presenters/arrival-import.ts).
//
// A dry run (`dryRun`) checks the same and writes nothing; the persons of households already
// imported that it shows are logged as read.
import { CsvError, parse } from 'csv-parse/sync';
import { findCprInText, maskCpr, maskCprInText, parseCpr } from '../domain/cpr.js';
import { checkNewHousehold, programFor } from '../domain/model.js';
import { resolveTakeover, statutoryTakeoverDate, type TakeoverShift } from '../domain/takeover.js';
import { inTenant } from '../db/tenant.js';
import {
  insertArrivalNotice,
  lockNoticeReferences,
  membersOfHouseholds,
  noticesByReference,
} from '../repositories/arrivals.js';
import * as persons from '../repositories/persons.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { UnprocessableError, type ErrorCode, type FieldProblem } from './errors.js';
import { ArrivalHouseholdSchema, MAX_ARRIVAL_HOUSEHOLDS, NewMemberSchema, type ArrivalNoticeInput } from './inputs.js';
import { presentArrivalImport, type ImportedHousehold } from './presenters/arrival-import.js';

type ArrivalHousehold = ArrivalNoticeInput['households'][number];
type Member = ArrivalHousehold['members'][number];

/** The most member lines one CSV file may have. */
export const MAX_ARRIVAL_LINES = 10_000;
/** The most problems one answer lists. */
export const MAX_LISTED_ARRIVAL_PROBLEMS = 1_000;

// ---- The CSV layout --------------------------------------------------------------------------

type CellType = 'text' | 'date' | 'boolean' | 'choice' | 'list';

/** A column of the CSV file: its name, the field of the JSON household or member it fills, how it is read. */
interface ColumnDef {
  column: string;
  field: string;
  level: 'household' | 'member';
  type: CellType;
  required: boolean;
}

/** One line per member; the household's columns are repeated on each of its lines (the same values). */
export const ARRIVAL_CSV_COLUMNS: readonly ColumnDef[] = [
  { column: 'reference', field: 'reference', level: 'household', type: 'text', required: true },
  { column: 'decision_date', field: 'decisionDate', level: 'household', type: 'date', required: true },
  { column: 'takeover_date', field: 'takeoverDate', level: 'household', type: 'date', required: false },
  { column: 'consent', field: 'consent', level: 'household', type: 'boolean', required: false },
  { column: 'given_name', field: 'givenName', level: 'member', type: 'text', required: true },
  { column: 'family_name', field: 'familyName', level: 'member', type: 'text', required: true },
  { column: 'birth_date', field: 'birthDate', level: 'member', type: 'date', required: true },
  { column: 'sex', field: 'sex', level: 'member', type: 'choice', required: true },
  { column: 'relation', field: 'relation', level: 'member', type: 'choice', required: true },
  { column: 'residence_basis', field: 'residenceBasis', level: 'member', type: 'choice', required: true },
  { column: 'cpr', field: 'cpr', level: 'member', type: 'text', required: false },
  { column: 'country_of_origin', field: 'countryOfOrigin', level: 'member', type: 'choice', required: false },
  { column: 'languages', field: 'languages', level: 'member', type: 'list', required: false },
];

const COLUMN_OF_FIELD = new Map(ARRIVAL_CSV_COLUMNS.map((c) => [`${c.level}:${c.field}`, c]));

// ---- Problems --------------------------------------------------------------------------------

/** Where a problem is: the household (its reference and place in the file), the member, the field; in CSV the line and column. */
export interface ArrivalProblem {
  /** The household's place in the file (0-based), or null for the file as a whole. */
  household: number | null;
  /** The notice's reference as the file gives it (null when it has none that can be read). */
  reference: string | null;
  /** The member within the household, from 1; null for the household or the file. */
  member: number | null;
  /** The field of the JSON shape (reference, decisionDate, givenName …), or null. */
  field: string | null;
  /** CSV: the line (1 is the header) and the column; null for JSON. */
  line: number | null;
  column: string | null;
  code: ErrorCode;
  /** English, for developers; never a cell's value. */
  detail: string;
}

/** The pointer of a problem: /households/<i>/members/<j>/<field> in JSON, /<line>/<column> in CSV. */
function pointerOf(p: ArrivalProblem): string {
  if (p.line !== null) return `/${p.line}${p.column ? `/${p.column}` : ''}`;
  if (p.household === null) return '';
  const member = p.member === null ? '' : `/members/${p.member - 1}`;
  return `/households/${p.household}${member}${p.field ? `/${p.field}` : ''}`;
}

/** The file is refused (422), nothing written: every problem, in the file's order (at most MAX_LISTED_ARRIVAL_PROBLEMS). */
export class ArrivalImportError extends UnprocessableError {
  readonly listed: (ArrivalProblem & { pointer: string })[];
  readonly problemCount: number;
  constructor(all: readonly ArrivalProblem[]) {
    const order = (p: ArrivalProblem) => [p.line ?? 0, p.household ?? -1, p.member ?? 0];
    const sorted = [...all].sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return (x[0] ?? 0) - (y[0] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0) || (x[2] ?? 0) - (y[2] ?? 0);
    });
    const listed = sorted.slice(0, MAX_LISTED_ARRIVAL_PROBLEMS).map((p) => ({ ...p, pointer: pointerOf(p) }));
    super(
      'arrival_import.invalid',
      `The file was not imported and nothing was written: ${sorted.length} problem(s)` +
        (listed.length < sorted.length ? `; the first ${listed.length} are listed.` : '.'),
      listed.map((p): FieldProblem => ({ pointer: p.pointer, code: p.code, detail: p.detail })),
    );
    this.listed = listed;
    this.problemCount = sorted.length;
  }
}

// ---- Reading the file (no database) ---------------------------------------------------------

/** A household as read from the file, before its schema check: its raw shape, and where its parts are in a CSV file. */
interface RawHousehold {
  index: number;
  reference: string | null;
  raw: unknown;
  /** CSV: the line of the household's first row, and of each member's row. */
  lines: { household: number; members: number[] } | null;
}

/** A reference as safe to echo: trimmed, at most 100 characters, a CPR-like run masked. */
function echoReference(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const reference = value.trim().slice(0, 100);
  // Only a CPR number in it is masked: a notice's own number (US-2025-0042) is echoed as it is.
  return findCprInText(reference).found.length > 0 ? maskCprInText(reference) : reference;
}

function jsonHouseholds(body: unknown): RawHousehold[] {
  const file = (problems: ArrivalProblem[]) => new ArrivalImportError(problems);
  const at = (code: ErrorCode, detail: string): ArrivalProblem => ({
    household: null,
    reference: null,
    member: null,
    field: 'households',
    line: null,
    column: null,
    code,
    detail,
  });
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw file([at('arrival_import.malformed', 'The body is not a JSON object with households.')]);
  const extra = Object.keys(body).filter((k) => k !== 'households');
  const { households } = body as { households?: unknown };
  if (!Array.isArray(households)) throw file([at('arrival_import.value_missing', 'The body has no households array.')]);
  if (households.length === 0) throw file([at('arrival_import.empty', 'No households.')]);
  if (households.length > MAX_ARRIVAL_HOUSEHOLDS)
    throw file([at('arrival_import.too_many', `At most ${MAX_ARRIVAL_HOUSEHOLDS} households a file.`)]);
  if (extra.length > 0)
    throw file([
      { ...at('arrival_import.invalid_value', `Unknown field(s): ${extra.join(', ').slice(0, 200)}.`), field: null },
    ]);
  return households.map((raw: unknown, index) => ({
    index,
    reference: echoReference((raw as { reference?: unknown } | null)?.reference),
    raw,
    lines: null,
  }));
}

/** The delimiter of the file: a semicolon when the header has semicolons and no comma (as a Danish spreadsheet writes), else a comma. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

interface CsvRow {
  record: string[];
  line: number;
}

function csvProblem(line: number, column: string | null, code: ErrorCode, detail: string): ArrivalProblem {
  return { household: null, reference: null, member: null, field: null, line, column, code, detail };
}

function csvRows(text: string): CsvRow[] {
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // info.lines is the line a record ends on; a quoted value may span lines.
    return rows.map((r) => ({
      record: r.record,
      line: r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    }));
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof err.lines === 'number' ? err.lines : 1;
    throw new ArrivalImportError([csvProblem(line, null, 'arrival_import.malformed', `Not CSV (${err.code}).`)]);
  }
}

/** A cell as the schema takes it; a problem when it cannot be read as its type. */
function cellValue(def: ColumnDef, raw: string): { value: unknown } | { problem: ErrorCode } {
  switch (def.type) {
    case 'boolean': {
      const b = raw.toLowerCase();
      return b === 'true'
        ? { value: true }
        : b === 'false'
          ? { value: false }
          : { problem: 'arrival_import.invalid_boolean' };
    }
    case 'list':
      return { value: raw.split(/[\s,|]+/).filter((s) => s !== '') };
    case 'text':
    case 'date':
    case 'choice':
      return { value: raw };
  }
}

/** The households of a CSV file: the lines of one reference, in the file's order, form one household. */
function csvHouseholds(text: string, problems: ArrivalProblem[]): RawHousehold[] {
  const [header, ...data] = csvRows(text);
  if (!header) throw new ArrivalImportError([csvProblem(1, null, 'arrival_import.empty', 'Empty file.')]);
  const names = header.record.map((raw) => maskCprInText(raw.trim().toLowerCase()).slice(0, 100));
  const headerProblems: ArrivalProblem[] = [];
  names.forEach((name, i) => {
    if (!ARRIVAL_CSV_COLUMNS.some((c) => c.column === name))
      headerProblems.push(csvProblem(1, name, 'arrival_import.column_unknown', 'Unknown column.'));
    else if (names.indexOf(name) !== i)
      headerProblems.push(csvProblem(1, name, 'arrival_import.column_duplicate', 'Repeated column.'));
  });
  for (const c of ARRIVAL_CSV_COLUMNS)
    if (c.required && !names.includes(c.column))
      headerProblems.push(csvProblem(1, c.column, 'arrival_import.column_missing', 'A required column is missing.'));
  if (headerProblems.length > 0) throw new ArrivalImportError(headerProblems);
  if (data.length === 0)
    throw new ArrivalImportError([csvProblem(1, null, 'arrival_import.empty', 'No lines after the header.')]);
  if (data.length > MAX_ARRIVAL_LINES)
    throw new ArrivalImportError([
      csvProblem(1, null, 'arrival_import.too_many', `${data.length} lines; at most ${MAX_ARRIVAL_LINES} a file.`),
    ]);

  const byReference = new Map<string, RawHousehold & { raw: Record<string, unknown> & { members: unknown[] } }>();
  const households: RawHousehold[] = [];
  for (const row of data) {
    if (row.record.length !== names.length) {
      problems.push(
        csvProblem(
          row.line,
          null,
          'arrival_import.column_count',
          `${row.record.length} fields; the header has ${names.length}.`,
        ),
      );
      continue;
    }
    const cells = new Map(names.map((n, i) => [n, row.record[i] ?? '']));
    const householdFields: Record<string, unknown> = {};
    const member: Record<string, unknown> = {};
    let readable = true;
    for (const def of ARRIVAL_CSV_COLUMNS) {
      const raw = cells.get(def.column) ?? '';
      if (raw === '') continue;
      const read = cellValue(def, raw);
      if ('problem' in read) {
        problems.push(csvProblem(row.line, def.column, read.problem, `Not a valid ${def.type}.`));
        readable = false;
      } else (def.level === 'household' ? householdFields : member)[def.field] = read.value;
    }
    const reference = typeof householdFields.reference === 'string' ? householdFields.reference : '';
    if (reference === '') {
      problems.push(
        csvProblem(row.line, 'reference', 'arrival_import.value_missing', 'Every line names its household.'),
      );
      continue;
    }
    let household = byReference.get(reference);
    if (!household) {
      household = {
        index: households.length,
        reference: echoReference(reference),
        raw: { ...householdFields, members: [] },
        lines: { household: row.line, members: [] },
      };
      byReference.set(reference, household);
      households.push(household);
    } else {
      // The household's columns are the same on each of its lines.
      for (const def of ARRIVAL_CSV_COLUMNS.filter((d) => d.level === 'household' && d.field !== 'reference'))
        if (JSON.stringify(household.raw[def.field]) !== JSON.stringify(householdFields[def.field]))
          problems.push({
            ...csvProblem(
              row.line,
              def.column,
              'arrival_import.household_differs',
              "Differs from the household's first line.",
            ),
            household: household.index,
            reference: household.reference,
          });
    }
    if (!readable) member.unreadable = true;
    household.raw.members.push(member);
    household.lines?.members.push(row.line);
  }
  return households;
}

/** The code of a schema issue at a field: missing, or not of the field's type. */
function issueCode(field: string, value: unknown): ErrorCode {
  if (value === undefined) return 'arrival_import.value_missing';
  if (field === 'reference') return 'arrival_import.reference_invalid';
  if (['decisionDate', 'takeoverDate', 'birthDate'].includes(field)) return 'arrival_import.invalid_date';
  if (field === 'consent') return 'arrival_import.invalid_boolean';
  if (['sex', 'relation', 'residenceBasis', 'countryOfOrigin', 'languages'].includes(field))
    return 'arrival_import.invalid_choice';
  if (field === 'cpr') return 'cpr.format';
  return 'arrival_import.invalid_value';
}

/** A problem of household h at a field (of the household, or of member j from 1), placed at its line and column in CSV. */
function householdProblem(
  h: RawHousehold,
  member: number | null,
  field: string | null,
  code: ErrorCode,
  detail: string,
): ArrivalProblem {
  const column =
    field === null
      ? null
      : (COLUMN_OF_FIELD.get(`${member === null ? 'household' : 'member'}:${field}`)?.column ?? null);
  const line = h.lines
    ? member === null
      ? h.lines.household
      : (h.lines.members[member - 1] ?? h.lines.household)
    : null;
  return {
    household: h.index,
    reference: h.reference,
    member,
    field,
    line,
    column: h.lines ? column : null,
    code,
    detail,
  };
}

/** A household through the API's input schema; every issue placed at its household, member and field. */
function readHousehold(h: RawHousehold, today: string): { input: ArrivalHousehold | null; problems: ArrivalProblem[] } {
  const raw = h.raw as { members?: unknown } | null;
  const members = raw && Array.isArray(raw.members) ? (raw.members as Record<string, unknown>[]) : [];
  // A CSV member with a cell that could not be read has its problem already; its other fields are still checked.
  const skipUnreadable = new Set(members.flatMap((m, j) => (m.unreadable ? [j] : [])));
  const cleaned = h.lines ? { ...(raw as object), members: members.map(({ unreadable: _u, ...m }) => m) } : h.raw;
  const parsed = ArrivalHouseholdSchema.safeParse(cleaned);
  if (parsed.success) return { input: parsed.data, problems: [] };
  const problems: ArrivalProblem[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const [first, index, field] = issue.path;
    let p: ArrivalProblem;
    if (first === 'members' && typeof index === 'number' && field !== undefined) {
      const value = members[index]?.[String(field)];
      p = householdProblem(h, index + 1, String(field), issueCode(String(field), value), issue.message);
    } else if (first === 'members' && typeof index === 'number') {
      p = householdProblem(h, index + 1, null, 'arrival_import.invalid_value', issue.message);
    } else if (first !== undefined) {
      const value = (raw as Record<string, unknown> | null)?.[String(first)];
      p =
        issue.code === 'unrecognized_keys'
          ? householdProblem(h, null, null, 'arrival_import.invalid_value', issue.message)
          : householdProblem(
              h,
              null,
              String(first),
              first === 'members'
                ? members.length > 30
                  ? 'arrival_import.too_many'
                  : 'arrival_import.value_missing'
                : issueCode(String(first), value),
              issue.message,
            );
    } else {
      p = householdProblem(h, null, null, 'arrival_import.invalid_value', issue.message);
    }
    if (p.member !== null && skipUnreadable.has(p.member - 1) && p.column !== null) continue;
    const key = `${p.member ?? ''}/${p.field ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  // The members' own checks on what was given (a CPR number that is none, a birth date in the
  // future), so that every problem of the household is listed at once; the household's shape
  // (its head, its spouse) is checked once its members' relations are valid.
  const given = members.map((m) => ({
    givenName: '',
    familyName: '',
    sex: 'other' as const,
    residenceBasis: 'other' as const,
    relation: 'other' as const,
    birthDate: typeof m.birthDate === 'string' ? m.birthDate : '',
    cpr: typeof m.cpr === 'string' ? m.cpr : undefined,
  }));
  for (const d of checkNewHousehold({ takeoverDate: '', members: given }, today)) {
    const [, , j, field] = d.pointer.split('/');
    if (j === undefined || field === undefined) continue;
    const p = householdProblem(h, Number(j) + 1, field, d.code, d.detail);
    const key = `${p.member ?? ''}/${p.field ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  return { input: null, problems };
}

// ---- The operation ---------------------------------------------------------------------------

/** A household that passed every check of the file: its input, the takeover and the normalized CPR numbers. */
interface CheckedHousehold {
  raw: RawHousehold;
  input: ArrivalHousehold;
  takeoverDate: string;
  statutoryDate: string;
  shift: TakeoverShift | null;
  byConsent: boolean;
  cprs: (string | null)[];
}

export type ArrivalFile = { format: 'json'; body: unknown } | { format: 'csv'; text: string };

/**
 * Imports the households of a housing-placement notice into the municipality, all or nothing:
 * refused (ArrivalImportError, 422) with every problem; else every household not imported before
 * is created with its members, and those imported before are reported as skipped. With `dryRun`,
 * checked the same and nothing written.
 */
export async function importArrivals(
  ctx: Ctx,
  municipalityCode: string,
  file: ArrivalFile,
  options: { dryRun: boolean },
) {
  authorize(ctx, municipalityCode, 'household.create');
  const problems: ArrivalProblem[] = [];
  const raws = file.format === 'json' ? jsonHouseholds(file.body) : csvHouseholds(file.text, problems);

  const checked: CheckedHousehold[] = [];
  const references = new Map<string, number>();
  const cprsInFile = new Map<string, number>();
  for (const raw of raws) {
    const { input, problems: found } = readHousehold(raw, ctx.today);
    problems.push(...found);
    if (!input) continue;
    const earlier = references.get(input.reference);
    if (earlier !== undefined) {
      problems.push(
        householdProblem(raw, null, 'reference', 'arrival_import.reference_repeated', `Also household ${earlier + 1}.`),
      );
      continue;
    }
    references.set(input.reference, raw.index);
    const takeover = resolveTakeover(input);
    if (!takeover.ok) {
      for (const p of takeover.problems) problems.push(householdProblem(raw, null, p.field, p.code, p.detail));
      continue;
    }
    const domain = checkNewHousehold({ takeoverDate: takeover.takeoverDate, members: input.members }, ctx.today);
    for (const p of domain) {
      const [, , j, field] = p.pointer.split('/'); // /members/<j>/<field>, or /members
      problems.push(
        householdProblem(
          raw,
          j === undefined ? null : Number(j) + 1,
          field ?? (j === undefined ? 'members' : null),
          p.code,
          p.detail,
        ),
      );
    }
    const cprs = input.members.map((m) => {
      const parsed = m.cpr === undefined || m.cpr === '' ? null : parseCpr(m.cpr);
      return parsed?.ok ? parsed.value.normalized : null;
    });
    cprs.forEach((cpr, j) => {
      if (cpr === null) return;
      if (cprsInFile.has(cpr) && cprsInFile.get(cpr) !== raw.index)
        problems.push(
          householdProblem(
            raw,
            j + 1,
            'cpr',
            'arrival_import.cpr_repeated',
            'The same CPR number is given in another household of the file.',
          ),
        );
      cprsInFile.set(cpr, raw.index);
    });
    if (domain.length === 0)
      checked.push({
        raw,
        input,
        takeoverDate: takeover.takeoverDate,
        statutoryDate: takeover.statutoryDate ?? takeover.takeoverDate,
        shift: takeover.shift,
        byConsent: takeover.byConsent,
        cprs,
      });
  }

  return inTenant(ctx.db, municipalityCode, async (tx) => {
    // Two imports of one notice at the same time: the second waits here and then skips it.
    const noticeRefs = checked.map((h) => h.input.reference);
    if (!options.dryRun) await lockNoticeReferences(tx, municipalityCode, noticeRefs);
    const imported = new Map((await noticesByReference(tx, noticeRefs)).map((n) => [n.reference, n]));
    const fresh = checked.filter((h) => !imported.has(h.input.reference));
    for (const h of fresh)
      for (const [j, cpr] of h.cprs.entries())
        if (cpr !== null && (await persons.findPersonByCprHash(tx, ctx.vault.searchHash(cpr))))
          problems.push(
            householdProblem(
              h.raw,
              j + 1,
              'cpr',
              'cpr.already_registered',
              'A person with this CPR number is registered already.',
            ),
          );
    if (problems.length > 0) throw new ArrivalImportError(problems);

    const skippedMembers = await membersOfHouseholds(
      tx,
      [...imported.values()].map((n) => n.household_id),
    );
    const households: ImportedHousehold[] = [];
    for (const h of checked) {
      const notice = imported.get(h.input.reference);
      if (notice) {
        const members = skippedMembers.filter((m) => m.household_id === notice.household_id);
        households.push({
          reference: h.input.reference,
          status: 'skipped',
          householdId: notice.household_id,
          takeoverDate: members[0]?.takeover_date ?? statutoryTakeoverDate(notice.decision_date).date,
          statutoryDate: statutoryTakeoverDate(notice.decision_date).date,
          shift: null,
          byConsent: false,
          members: members.map((m) => ({
            personId: m.id,
            givenName: m.given_name,
            familyName: m.family_name,
            birthDate: m.birth_date,
            relation: m.household_relation,
            program: null,
          })),
        });
        continue;
      }
      const rows = h.input.members.map((m, j) => personRow(ctx, municipalityCode, m, h, h.cprs[j] ?? null));
      let householdId: string | null = null;
      let ids: (string | null)[] = rows.map(() => null);
      if (!options.dryRun) {
        householdId = (
          await persons.insertHousehold(tx, {
            municipality_code: municipalityCode,
            arrival_date: null,
            takeover_date: h.takeoverDate,
          })
        ).id;
        const created = householdId;
        ids = (
          await persons.insertPersons(
            tx,
            rows.map((r) => ({ ...r, household_id: created })),
          )
        ).map((p) => p.id);
        await insertArrivalNotice(tx, {
          municipality_code: municipalityCode,
          reference: h.input.reference,
          household_id: householdId,
          decision_date: h.input.decisionDate,
          imported_by: ctx.actor.userId,
        });
      }
      households.push({
        reference: h.input.reference,
        status: 'created',
        householdId,
        takeoverDate: h.takeoverDate,
        statutoryDate: h.statutoryDate,
        shift: h.shift,
        byConsent: h.byConsent,
        members: h.input.members.map((m, j) => ({
          personId: ids[j] ?? null,
          givenName: m.givenName,
          familyName: m.familyName,
          birthDate: m.birthDate,
          relation: m.relation,
          program: rows[j]?.program ?? null,
        })),
      });
    }
    const created = new Disclosure();
    const read = new Disclosure();
    const view = presentArrivalImport({ dryRun: options.dryRun, households }, { created, read });
    await logDisclosure(tx, ctx, created, {
      action: 'create',
      resource: 'household',
      criterion: 'Import af boligplaceringsmeddelelse',
    });
    await logDisclosure(tx, ctx, read, {
      action: 'read',
      resource: 'household',
      criterion: 'Import af boligplaceringsmeddelelse: allerede indlæst',
    });
    return view;
  });
}

/** The person row of a member of a new household; the CPR number as ciphertext, search hash and masked form. */
function personRow(ctx: Ctx, municipalityCode: string, m: Member, h: CheckedHousehold, cpr: string | null) {
  const parsed = cpr === null ? null : parseCpr(cpr);
  return {
    municipality_code: municipalityCode,
    household_id: '',
    household_relation: m.relation,
    given_name: m.givenName,
    family_name: m.familyName,
    birth_date: m.birthDate,
    sex: m.sex,
    cpr_cipher: cpr ? ctx.vault.encrypt(cpr) : null,
    cpr_hash: cpr ? ctx.vault.searchHash(cpr) : null,
    cpr_masked: cpr ? maskCpr(cpr) : null,
    cpr_kind: parsed?.ok ? parsed.value.kind : null,
    residence_basis: m.residenceBasis,
    program: programFor(m.residenceBasis, m.birthDate, h.takeoverDate),
    country_of_origin: m.countryOfOrigin ?? null,
    languages: m.languages ?? [],
    arrival_date: null,
    takeover_date: h.takeoverDate,
    decision_date: h.input.decisionDate,
    takeover_by_consent: h.byConsent,
  };
}

/** The member fields of the JSON shape, for the documentation of the CSV layout. */
export const MEMBER_FIELDS: readonly string[] = Object.keys(NewMemberSchema.shape);
