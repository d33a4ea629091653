// A CSV import of outcome records (issue 11, item 1): one line per record, for many persons at a
// time, all or nothing. Read top to bottom: authorize → read the file (header, lines, each line
// through the same input schema as the API) → one tenant transaction: find and authorize each
// person (by Medborger id, or by CPR number through the vault's search hash, as person search
// does), lock them, check each line as the API checks a single record (dates against the birth
// and today, the domain's field checks, overlapping periods with those recorded and with the
// file's own) → on any problem refuse the whole file with every bad line (nothing written) →
// write every line → one access-log row per person → the view (presenters/outcome-import.ts).
//
// A dry run (`dryRun`) checks the same and writes nothing; the persons it checked against are
// logged as read. A CPR number is never stored, logged or echoed: it is hashed for the lookup,
// and a problem names the line and the column, never a value.
import { CsvError, parse } from 'csv-parse/sync';
import { canOnPerson } from '../domain/authorization.js';
import { maskCprInText, parseCpr } from '../domain/cpr.js';
import {
  danishEducationFieldProblems,
  labourMarketPeriodFieldProblems,
  overlappingPeriod,
} from '../domain/outcome-checks.js';
import {
  OUTCOME_RECORD_KINDS,
  type DanishEducation,
  type LabourMarketPeriod,
  type OutcomeRecordKind,
} from '../domain/outcomes.js';
import { inTenant, type Tx } from '../db/tenant.js';
import {
  insertDanishEducation,
  insertDanishTest,
  insertEducationCompleted,
  insertLabourMarketPeriod,
  labourMarketPeriodsOf,
} from '../repositories/outcomes.js';
import { findPerson, findPersonByCprHash, personScopes } from '../repositories/persons.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { UnprocessableError, type ErrorCode, type FieldProblem } from './errors.js';
import {
  DanishEducationSchema,
  DanishTestSchema,
  EducationCompletedSchema,
  LabourMarketPeriodSchema,
  type DanishEducationInput,
  type DanishTestInput,
  type EducationCompletedInput,
  type LabourMarketPeriodInput,
} from './outcome-inputs.js';
import { scopeOf } from './persons.js';
import { presentOutcomeImport } from './presenters/outcome-import.js';

/** The most lines (records) one file may have; a larger export is split into several files. */
export const MAX_IMPORT_LINES = 10_000;
/** The most line problems one answer lists (the count says how many there are in all). */
export const MAX_LISTED_PROBLEMS = 1_000;

/** How a cell is read: a date (YYYY-MM-DD), hours a week, a module number, true/false, or a value of a vocabulary. */
type CellType = 'date' | 'hours' | 'module' | 'boolean' | 'choice';

/** A column of the file: its name (snake_case) and the field of the API input it fills. */
interface ColumnDef {
  column: string;
  field: string;
  type: CellType;
}

/** The columns of each kind of record, in the API inputs' field order (src/services/outcome-inputs.ts). */
export const RECORD_COLUMNS: Record<OutcomeRecordKind, readonly ColumnDef[]> = {
  labour_market: [
    { column: 'kind', field: 'kind', type: 'choice' },
    { column: 'from', field: 'from', type: 'date' },
    { column: 'to', field: 'to', type: 'date' },
    { column: 'hours_per_week', field: 'hoursPerWeek', type: 'hours' },
    { column: 'benefit', field: 'benefit', type: 'choice' },
    { column: 'education_kind', field: 'educationKind', type: 'choice' },
  ],
  education_completed: [
    { column: 'kind', field: 'kind', type: 'choice' },
    { column: 'completed_on', field: 'completedOn', type: 'date' },
    { column: 'in_denmark', field: 'inDenmark', type: 'boolean' },
  ],
  danish_education: [
    { column: 'track', field: 'track', type: 'choice' },
    { column: 'referred_on', field: 'referredOn', type: 'date' },
    { column: 'start_possible_on', field: 'startPossibleOn', type: 'date' },
    { column: 'started_on', field: 'startedOn', type: 'date' },
    { column: 'module', field: 'module', type: 'module' },
    { column: 'ended_on', field: 'endedOn', type: 'date' },
  ],
  danish_test: [
    { column: 'test', field: 'test', type: 'choice' },
    { column: 'taken_on', field: 'takenOn', type: 'date' },
    { column: 'passed', field: 'passed', type: 'boolean' },
  ],
};

const PERSON_ID = 'person_id';
const CPR = 'cpr';
const RECORD = 'record';
/** Every column a file may have. */
export const IMPORT_COLUMNS: readonly string[] = [
  PERSON_ID,
  CPR,
  RECORD,
  ...new Set(Object.values(RECORD_COLUMNS).flatMap((defs) => defs.map((d) => d.column))),
];

const SCHEMAS = {
  labour_market: LabourMarketPeriodSchema,
  education_completed: EducationCompletedSchema,
  danish_education: DanishEducationSchema,
  danish_test: DanishTestSchema,
} as const;

/** The message of a cell that the input schema refuses, by how the cell is read. */
const INVALID_CELL: Record<CellType, ErrorCode> = {
  date: 'outcome_import.invalid_date',
  hours: 'outcome_import.invalid_hours',
  module: 'danish_education.no_such_module',
  boolean: 'outcome_import.invalid_boolean',
  choice: 'outcome_import.invalid_choice',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- Problems --------------------------------------------------------------------------------

/** What is wrong with one line of the file (line 1 is the header), at a column (null: the line or the file). */
export interface ImportProblem {
  line: number;
  column: string | null;
  code: ErrorCode;
  /** English, for developers; never a cell's value. */
  detail: string;
}

/**
 * The file is refused (422), nothing written: every bad line, in line order (at most
 * MAX_LISTED_PROBLEMS of them; `problemCount` counts all). `problems` names each as the JSON
 * pointer /<line>/<column>.
 */
export class OutcomeImportError extends UnprocessableError {
  readonly lines: ImportProblem[];
  readonly problemCount: number;
  constructor(all: readonly ImportProblem[]) {
    const sorted = [...all].sort((a, b) => a.line - b.line);
    const listed = sorted.slice(0, MAX_LISTED_PROBLEMS);
    const lineCount = new Set(sorted.map((p) => p.line)).size;
    super(
      'outcome_import.invalid',
      `The file was not imported and nothing was written: ${sorted.length} problem(s) on ${lineCount} line(s)` +
        (listed.length < sorted.length ? `; the first ${listed.length} are listed.` : '.'),
      listed.map((p): FieldProblem => ({
        pointer: `/${p.line}${p.column ? `/${p.column}` : ''}`,
        code: p.code,
        detail: p.detail,
      })),
    );
    this.lines = listed;
    this.problemCount = sorted.length;
  }
}

// ---- Reading the file (no database) ---------------------------------------------------------

type PersonRef = { by: 'id'; id: string } | { by: 'cpr'; hash: Buffer };

type RecordInput =
  | { record: 'labour_market'; input: LabourMarketPeriodInput }
  | { record: 'education_completed'; input: EducationCompletedInput }
  | { record: 'danish_education'; input: DanishEducationInput }
  | { record: 'danish_test'; input: DanishTestInput };

/** A line that has the shape of its record: the person it names and the API input it stands for. */
type ReadLine = RecordInput & { line: number; person: PersonRef };

/** The delimiter of the file: a semicolon when the header has semicolons and no comma (as a Danish spreadsheet writes), else a comma. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/** A column name as the header writes it, safe to echo (a CPR-like run masked). */
function columnName(raw: string): string {
  return maskCprInText(raw.trim().toLowerCase()).slice(0, 100);
}

interface CsvRow {
  record: string[];
  info: { lines: number };
}

/** The rows of the file with the line each starts on; a file that is not CSV is refused at its line. */
function csvRows(text: string): CsvRow[] {
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as CsvRow[];
    // info.lines is the line a record ends on; a quoted value may span lines.
    return rows.map((r) => ({
      record: r.record,
      info: { lines: r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0) },
    }));
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof err.lines === 'number' ? err.lines : 1;
    throw new OutcomeImportError([
      { line, column: null, code: 'outcome_import.malformed', detail: `Not CSV at line ${line} (${err.code}).` },
    ]);
  }
}

/** The header's columns; refuses a header with an unknown or repeated column, or without `record` and a person column. */
function readHeader(header: readonly string[]): string[] {
  const names = header.map(columnName);
  const problems: ImportProblem[] = [];
  names.forEach((name, i) => {
    if (!IMPORT_COLUMNS.includes(name))
      problems.push({
        line: 1,
        column: name,
        code: 'outcome_import.column_unknown',
        detail: `Unknown column; the columns are ${IMPORT_COLUMNS.join(', ')}.`,
      });
    else if (names.indexOf(name) !== i)
      problems.push({ line: 1, column: name, code: 'outcome_import.column_duplicate', detail: 'Repeated column.' });
  });
  if (!names.includes(RECORD))
    problems.push({ line: 1, column: RECORD, code: 'outcome_import.column_missing', detail: 'No record column.' });
  if (!names.includes(PERSON_ID) && !names.includes(CPR))
    problems.push({
      line: 1,
      column: PERSON_ID,
      code: 'outcome_import.column_missing',
      detail: 'Neither a person_id nor a cpr column.',
    });
  if (problems.length > 0) throw new OutcomeImportError(problems);
  return names;
}

/** A cell as the input schema takes it; a problem when it cannot be read as its type. */
function cellValue(def: ColumnDef, raw: string): { value: unknown } | { problem: ErrorCode } {
  switch (def.type) {
    case 'hours':
      return /^\d{1,3}([.,]\d{1,2})?$/.test(raw)
        ? { value: Number(raw.replace(',', '.')) }
        : { problem: 'outcome_import.invalid_hours' };
    case 'module':
      return { value: /^\d{1,2}$/.test(raw) ? Number(raw) : raw };
    case 'boolean': {
      const b = raw.toLowerCase();
      return b === 'true'
        ? { value: true }
        : b === 'false'
          ? { value: false }
          : { problem: 'outcome_import.invalid_boolean' };
    }
    case 'date':
    case 'choice':
      return { value: raw };
  }
}

/** One data line: its person, its record kind and the record through the API's input schema; or what is wrong with it. */
function readLine(
  ctx: Ctx,
  columns: readonly string[],
  row: CsvRow,
): { read: ReadLine; problems: [] } | { read: null; problems: ImportProblem[] } {
  const line = row.info.lines;
  const problems: ImportProblem[] = [];
  const at = (column: string | null, code: ErrorCode, detail: string) => problems.push({ line, column, code, detail });
  if (row.record.length !== columns.length) {
    at(null, 'outcome_import.column_count', `${row.record.length} fields; the header has ${columns.length}.`);
    return { read: null, problems };
  }
  const cells = new Map(columns.map((c, i) => [c, row.record[i] ?? '']));
  const cell = (c: string) => cells.get(c) ?? '';

  // The person: exactly one of person_id and cpr.
  let person: PersonRef | null = null;
  const id = cell(PERSON_ID);
  const cpr = cell(CPR);
  if ((id === '') === (cpr === '')) {
    at(
      columns.includes(PERSON_ID) ? PERSON_ID : CPR,
      'outcome_import.person_reference',
      'Name the person by person_id or by cpr, one of them.',
    );
  } else if (id !== '') {
    if (UUID.test(id)) person = { by: 'id', id: id.toLowerCase() };
    else at(PERSON_ID, 'outcome_import.person_id_invalid', 'Not a Medborger person id (UUID).');
  } else {
    const parsed = parseCpr(cpr);
    if (parsed.ok) person = { by: 'cpr', hash: ctx.vault.searchHash(parsed.value.normalized) };
    else at(CPR, parsed.code, 'Not a CPR number (DDMMYY-SSSS).'); // never the value
  }

  // The record kind and its fields.
  const kind = cell(RECORD);
  if (!(OUTCOME_RECORD_KINDS as readonly string[]).includes(kind)) {
    at(RECORD, 'outcome_import.record_unknown', `The record is one of ${OUTCOME_RECORD_KINDS.join(', ')}.`);
    return { read: null, problems };
  }
  const record = kind as OutcomeRecordKind;
  const defs = RECORD_COLUMNS[record];
  for (const column of columns) {
    if (column === PERSON_ID || column === CPR || column === RECORD || cell(column) === '') continue;
    if (!defs.some((d) => d.column === column))
      at(column, 'outcome_import.column_not_for_record', `Not a field of ${record}.`);
  }
  const input: Record<string, unknown> = {};
  for (const def of defs) {
    const raw = cell(def.column);
    if (raw === '') continue;
    const read = cellValue(def, raw);
    if ('problem' in read) at(def.column, read.problem, `Not a valid ${def.type}.`);
    else input[def.field] = read.value;
  }
  const unreadable = new Set(problems.map((p) => p.column));
  const parsed = SCHEMAS[record].safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const def = defs.find((d) => d.field === String(issue.path[0]));
      if (!def || unreadable.has(def.column)) continue;
      unreadable.add(def.column);
      if (input[def.field] === undefined) at(def.column, 'outcome_import.value_missing', `Required for ${record}.`);
      else at(def.column, INVALID_CELL[def.type], issue.message);
    }
  }
  if (problems.length > 0 || !parsed.success || person === null) return { read: null, problems };
  return { read: { line, person, record, input: parsed.data } as ReadLine, problems: [] };
}

// ---- Checking against the database, as the API checks one record ----------------------------

/** A problem of one record at its input's field (/from, /module …), as the API's checks give it. */
type DomainProblem = Pick<FieldProblem, 'pointer' | 'code' | 'detail'>;

/** The column a domain problem's pointer (/to, /hoursPerWeek …) is about. */
function columnOf(record: OutcomeRecordKind, pointer: string): string | null {
  const field = pointer.split('/')[1] ?? '';
  return RECORD_COLUMNS[record].find((d) => d.field === field)?.column ?? null;
}

/**
 * The dates of a record against the person's birth and today, as the API checks them
 * (src/services/outcomes.ts): none before the birth, none of `past` in the future.
 */
function dateProblems(
  birthDate: string,
  today: string,
  dates: Record<string, string | null | undefined>,
  past: readonly string[],
): DomainProblem[] {
  return Object.entries(dates).flatMap(([field, date]): DomainProblem[] => {
    if (!date) return [];
    if (date < birthDate)
      return [{ pointer: `/${field}`, code: 'date.before_birth', detail: 'Before the birth date.' }];
    if (past.includes(field) && date > today)
      return [{ pointer: `/${field}`, code: 'date.in_future', detail: 'In the future.' }];
    return [];
  });
}

/** A period of the person with where it comes from: recorded already (its id), or a line of this file. */
type KnownPeriod = LabourMarketPeriod & { source: string };

function periodOf(personId: string, input: LabourMarketPeriodInput): LabourMarketPeriod {
  return {
    personId,
    kind: input.kind,
    from: input.from,
    to: input.to ?? null,
    hoursPerWeek: input.hoursPerWeek ?? undefined,
    benefit: input.benefit ?? undefined,
    educationKind: input.educationKind ?? undefined,
  };
}

function danishEducationOf(personId: string, input: DanishEducationInput): DanishEducation {
  return {
    personId,
    referredOn: input.referredOn,
    startedOn: input.startedOn ?? null,
    track: input.track,
    module: input.module ?? null,
    endedOn: input.endedOn ?? null,
  };
}

/** The domain's problems of one line's record, for a person born on `birthDate`; `known` are the person's periods so far. */
function recordProblems(
  read: ReadLine,
  personId: string,
  birthDate: string,
  today: string,
  known: KnownPeriod[],
): DomainProblem[] {
  switch (read.record) {
    case 'labour_market': {
      const period = periodOf(personId, read.input);
      const problems = [
        ...dateProblems(birthDate, today, { from: period.from, to: period.to }, ['from']),
        ...labourMarketPeriodFieldProblems(period),
      ];
      if (problems.length > 0) return problems;
      const other = overlappingPeriod(period, known);
      if (other)
        return [
          {
            pointer: '/from',
            code: 'labour_market_period.overlaps',
            detail: `Overlaps the ${other.kind} period ${other.from} – ${other.to ?? 'now'} (${other.source}).`,
          },
        ];
      known.push({ ...period, source: `line ${read.line} of this file` });
      return [];
    }
    case 'education_completed':
      return dateProblems(birthDate, today, { completedOn: read.input.completedOn }, ['completedOn']);
    case 'danish_education': {
      const record = danishEducationOf(personId, read.input);
      const dates = { referredOn: record.referredOn, startedOn: record.startedOn, endedOn: record.endedOn };
      return [
        ...dateProblems(birthDate, today, dates, ['referredOn', 'startedOn', 'endedOn']),
        ...(read.input.startPossibleOn && read.input.startPossibleOn < record.referredOn
          ? [
              {
                pointer: '/startPossibleOn',
                code: 'danish_education.started_before_referral' as const,
                detail: 'The first possible start is before the referral.',
              },
            ]
          : []),
        ...danishEducationFieldProblems(record),
      ];
    }
    case 'danish_test':
      return dateProblems(birthDate, today, { takenOn: read.input.takenOn }, ['takenOn']);
  }
}

/** The persons the lines name, as ids: found in the tenant and reached by the actor for writing; the lines naming nobody. */
async function resolvePersons(
  tx: Tx,
  ctx: Ctx,
  lines: readonly ReadLine[],
): Promise<{ personOf: Map<number, string>; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const byHash = new Map<string, string | null>();
  for (const l of lines) {
    if (l.person.by !== 'cpr') continue;
    const key = l.person.hash.toString('hex');
    if (!byHash.has(key)) byHash.set(key, (await findPersonByCprHash(tx, l.person.hash))?.id ?? null);
  }
  const candidates = new Set<string>();
  for (const l of lines) {
    const id = l.person.by === 'id' ? l.person.id : byHash.get(l.person.hash.toString('hex'));
    if (id) candidates.add(id);
  }
  // A person of another municipality is not found (row-level security); one outside the actor's reach neither.
  const reached = new Set(
    (await personScopes(tx, [...candidates], ctx.today))
      .map(scopeOf)
      .filter((scope) => canOnPerson(ctx.actor, 'case.write', scope, ctx.today))
      .map((scope) => scope.id),
  );
  const personOf = new Map<number, string>();
  for (const l of lines) {
    const id = l.person.by === 'id' ? l.person.id : byHash.get(l.person.hash.toString('hex'));
    if (id && reached.has(id)) personOf.set(l.line, id);
    else if (l.person.by === 'id')
      problems.push({ line: l.line, column: PERSON_ID, code: 'person.not_found', detail: 'No such person.' });
    else
      problems.push({
        line: l.line,
        column: CPR,
        code: 'outcome_import.cpr_not_found',
        detail: 'No person of the municipality has this CPR number.',
      });
  }
  return { personOf, problems };
}

// ---- The operation ---------------------------------------------------------------------------

/**
 * Imports a CSV file of outcome records into the municipality, all or nothing: refused
 * (OutcomeImportError, 422) with every bad line when one line is bad; else every line written,
 * each person written logged once. With `dryRun`, checked the same and nothing written.
 */
export async function importOutcomes(ctx: Ctx, municipalityCode: string, csv: string, options: { dryRun: boolean }) {
  authorize(ctx, municipalityCode, 'case.write');
  const rows = csvRows(csv);
  const [header, ...data] = rows;
  if (!header)
    throw new OutcomeImportError([{ line: 1, column: null, code: 'outcome_import.empty', detail: 'Empty file.' }]);
  const columns = readHeader(header.record);
  if (data.length === 0)
    throw new OutcomeImportError([
      { line: 1, column: null, code: 'outcome_import.empty', detail: 'No lines after the header.' },
    ]);
  if (data.length > MAX_IMPORT_LINES)
    throw new OutcomeImportError([
      {
        line: 1,
        column: null,
        code: 'outcome_import.too_many_lines',
        detail: `${data.length} lines; at most ${MAX_IMPORT_LINES} a file.`,
      },
    ]);

  const problems: ImportProblem[] = [];
  const lines: ReadLine[] = [];
  for (const row of data) {
    const { read, problems: found } = readLine(ctx, columns, row);
    if (read) lines.push(read);
    problems.push(...found);
  }

  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const { personOf, problems: unknown } = await resolvePersons(tx, ctx, lines);
    problems.push(...unknown);
    // Lock the persons in one order (so that two imports, or an import and a single write, run one
    // after the other), and read what their lines are checked against.
    const persons = new Map<string, { birthDate: string; periods: KnownPeriod[] }>();
    for (const id of [...new Set(personOf.values())].sort()) {
      const person = await findPerson(tx, id, { lock: true });
      if (!person) continue; // found above in this transaction
      const periods = (await labourMarketPeriodsOf(tx, id)).map((r): KnownPeriod => ({
        personId: r.person_id,
        kind: r.kind,
        from: r.from_date,
        to: r.to_date,
        source: `recorded, ${r.id}`,
      }));
      persons.set(id, { birthDate: person.birth_date, periods });
    }
    const checked: (ReadLine & { personId: string })[] = [];
    for (const l of lines) {
      const personId = personOf.get(l.line);
      const person = personId === undefined ? undefined : persons.get(personId);
      if (personId === undefined || !person) continue;
      const found = recordProblems(l, personId, person.birthDate, ctx.today, person.periods);
      for (const p of found)
        problems.push({ line: l.line, column: columnOf(l.record, p.pointer), code: p.code, detail: p.detail });
      if (found.length === 0) checked.push({ ...l, personId });
    }
    if (problems.length > 0) throw new OutcomeImportError(problems);

    const counts: Record<OutcomeRecordKind, number> = {
      labour_market: 0,
      education_completed: 0,
      danish_education: 0,
      danish_test: 0,
    };
    const perPerson = new Map<string, number>();
    for (const l of checked) {
      counts[l.record]++;
      perPerson.set(l.personId, (perPerson.get(l.personId) ?? 0) + 1);
      if (!options.dryRun) await write(tx, ctx, municipalityCode, l);
    }
    const shown = new Disclosure();
    const view = presentOutcomeImport(
      { dryRun: options.dryRun, lines: checked.length, counts, persons: perPerson },
      shown,
    );
    await logDisclosure(tx, ctx, shown, {
      action: options.dryRun ? 'read' : 'create',
      resource: 'outcomes',
      criterion: options.dryRun ? 'CSV-import, prøvekørsel (intet gemt)' : 'CSV-import',
    });
    return view;
  });
}

/** Writes one checked line, as the API's POST of its record writes it. */
async function write(tx: Tx, ctx: Ctx, municipalityCode: string, l: ReadLine & { personId: string }): Promise<void> {
  const owner = { municipality_code: municipalityCode, person_id: l.personId, created_by: ctx.actor.userId };
  switch (l.record) {
    case 'labour_market':
      await insertLabourMarketPeriod(tx, {
        ...owner,
        kind: l.input.kind,
        from_date: l.input.from,
        to_date: l.input.to ?? null,
        hours_per_week: l.input.hoursPerWeek ?? null,
        benefit: l.input.benefit ?? null,
        education_kind: l.input.educationKind ?? null,
      });
      return;
    case 'education_completed':
      await insertEducationCompleted(tx, {
        ...owner,
        kind: l.input.kind,
        completed_on: l.input.completedOn,
        in_denmark: l.input.inDenmark,
      });
      return;
    case 'danish_education':
      await insertDanishEducation(tx, {
        ...owner,
        track: l.input.track,
        referred_on: l.input.referredOn,
        start_possible_on: l.input.startPossibleOn ?? null,
        started_on: l.input.startedOn ?? null,
        module: l.input.module ?? null,
        ended_on: l.input.endedOn ?? null,
      });
      return;
    case 'danish_test':
      await insertDanishTest(tx, { ...owner, test: l.input.test, taken_on: l.input.takenOn, passed: l.input.passed });
      return;
  }
}
