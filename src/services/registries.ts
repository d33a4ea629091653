// The registries (issue 15, item 1): towns, housing units, institutions, companies, positions,
// volunteers and associations, and the household facts placement needs. Each operation:
// authorize (the registry's area, src/domain/authorization.ts) → one tenant transaction → check
// (the fields by the registry's schema, the checks across fields, references to other records,
// If-Match) → write, with a row of the registries' history → access-log rows for the persons
// shown (volunteers, a household's members) → the view.
import { CsvError, parse } from 'csv-parse/sync';
import { maskCprInText } from '../domain/cpr.js';
import {
  recordProblems,
  REGISTRIES,
  registryOf,
  type FieldDef,
  type RegistryDef,
  type RegistryKind,
} from '../domain/registries.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { personScopes } from '../repositories/persons.js';
import {
  deleteRegistryRow,
  existingIds,
  findHouseholdFacts,
  findRegistryRow,
  householdMemberIds,
  insertRegistryChange,
  insertRegistryRow,
  listRegistryRows,
  referencesTo,
  updateHouseholdFacts,
  updateRegistryRow,
  type ColumnValue,
  type HouseholdFactsRow,
  type RegistryRow,
} from '../repositories/registries.js';
import { authorize, authorizeOnPerson, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { checkIfMatch, etagOf } from './etag.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  type ErrorCode,
  type FieldProblem,
} from './errors.js';
import { scopeOf } from './persons.js';
import { csv, type Cell } from './presenters/csv.js';
import { createSchema, type HouseholdFactsChange } from './registry-inputs.js';

export { REGISTRY_KINDS, type RegistryKind } from '../domain/registries.js';

/** A record as the API shows it: id, version and each field by its API name. */
export type RegistryRecord = Record<string, unknown> & { id: string; version: number };

/** The largest CSV file a registry takes, in lines. */
export const MAX_REGISTRY_IMPORT_LINES = 5000;

function defOf(kind: RegistryKind): RegistryDef {
  return REGISTRIES[kind];
}

function present(def: RegistryDef, row: RegistryRow, shown: Disclosure): RegistryRecord {
  const out: RegistryRecord = { id: row.id, version: row.version };
  for (const field of def.fields) out[field.name] = row[field.column] ?? null;
  if (def.persons) shown.person(row.id, resourceOf(def));
  return out;
}

/** The access log's resource of a registry's records (volunteers are the only persons). */
function resourceOf(def: RegistryDef): string {
  return def.kind === 'volunteers' ? 'volunteer' : def.kind;
}

function notFound(def: RegistryDef): NotFoundError {
  return new NotFoundError('registry.not_found', `The ${def.kind} record`);
}

/** The API's values of a record → the columns to write (undefined: not written). */
function columnsOf(def: RegistryDef, input: Readonly<Record<string, unknown>>): Map<string, ColumnValue> {
  const out = new Map<string, ColumnValue>();
  for (const field of def.fields) {
    const v = input[field.name];
    if (v !== undefined) out.set(field.column, v as ColumnValue);
  }
  return out;
}

/** The checks a record's values must pass as a whole (field by field was the schema's). */
async function checkRecord(
  tx: Tx,
  def: RegistryDef,
  values: Readonly<Record<string, unknown>>,
  pointerPrefix = '',
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = recordProblems(def.kind, values).map(([field, code]) => ({
    pointer: `${pointerPrefix}/${field}`,
    code,
    detail: PROBLEM_DETAIL[code],
  }));
  for (const field of def.fields) {
    if (field.type.kind !== 'reference') continue;
    const id = values[field.name];
    if (typeof id !== 'string') continue;
    const target = REGISTRIES[field.type.registry];
    if (!(await existingIds(tx, target.table, [id])).has(id))
      problems.push({
        pointer: `${pointerPrefix}/${field.name}`,
        code: 'registry.unknown_reference',
        detail: `No ${target.kind} record ${id} in this municipality.`,
      });
  }
  return problems;
}

const PROBLEM_DETAIL: Record<'registry.coordinates_together' | 'registry.age_range' | 'registry.composition', string> =
  {
    'registry.coordinates_together': 'Latitude and longitude are given together or not at all.',
    'registry.age_range': 'The lowest age is above the highest.',
    'registry.composition': 'A part is larger than the whole it belongs to.',
  };

function refuse(problems: FieldProblem[]): never {
  const first = problems[0];
  throw new UnprocessableError(first?.code ?? 'request.invalid', 'The record was not written.', problems);
}

/** The values a record will have after a change: the stored ones, with the change's over them. */
function merged(
  def: RegistryDef,
  row: RegistryRow,
  change: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of def.fields) out[field.name] = change[field.name] ?? row[field.column] ?? null;
  for (const [k, v] of Object.entries(change)) if (v === null) out[k] = null;
  return out;
}

function beforeOf(def: RegistryDef, row: RegistryRow): Record<string, unknown> {
  const out: Record<string, unknown> = { version: row.version };
  for (const field of def.fields) out[field.name] = row[field.column] ?? null;
  return out;
}

// ---- Operations -------------------------------------------------------------------------------

/** Every record of a registry, in its order. */
export async function listRegistry(ctx: Ctx, municipalityCode: string, kind: RegistryKind): Promise<RegistryRecord[]> {
  const def = defOf(kind);
  authorize(ctx, municipalityCode, `registry.${def.area}.read`);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const records = (await listRegistryRows(tx, def)).map((r) => present(def, r, shown));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: resourceOf(def) });
    return records;
  });
}

/** One record and its ETag. */
export async function getRegistryRecord(ctx: Ctx, municipalityCode: string, kind: RegistryKind, id: string) {
  const def = defOf(kind);
  authorize(ctx, municipalityCode, `registry.${def.area}.read`);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const row = await findRegistryRow(tx, def, id);
    if (!row) throw notFound(def);
    const shown = new Disclosure();
    const record = present(def, row, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: resourceOf(def) });
    return { record, etag: etagOf(row.version) };
  });
}

/** Creates a record (the input checked by the registry's create schema). */
export async function createRegistryRecord(
  ctx: Ctx,
  municipalityCode: string,
  kind: RegistryKind,
  input: Readonly<Record<string, unknown>>,
) {
  const def = defOf(kind);
  authorize(ctx, municipalityCode, `registry.${def.area}.write`);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const problems = await checkRecord(tx, def, input);
    if (problems.length > 0) refuse(problems);
    const row = await insertRegistryRow(tx, def, municipalityCode, columnsOf(def, input), ctx.actor.userId);
    await insertRegistryChange(tx, {
      municipalityCode,
      registry: kind,
      recordId: row.id,
      operation: 'create',
      before: null,
      userId: ctx.actor.userId,
    });
    const shown = new Disclosure();
    const record = present(def, row, shown);
    await logDisclosure(tx, ctx, shown, { action: 'create', resource: resourceOf(def) });
    return { record, etag: etagOf(row.version) };
  });
}

/** Changes a record: If-Match with the version read (428 without, 412 when it changed since). */
export async function changeRegistryRecord(
  ctx: Ctx,
  municipalityCode: string,
  kind: RegistryKind,
  id: string,
  ifMatch: string | undefined,
  change: Readonly<Record<string, unknown>>,
) {
  const def = defOf(kind);
  authorize(ctx, municipalityCode, `registry.${def.area}.write`);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const row = await findRegistryRow(tx, def, id);
    if (!row) throw notFound(def);
    checkIfMatch(ifMatch, row.version);
    const after = merged(def, row, change);
    const problems = await checkRecord(tx, def, after);
    if (problems.length > 0) refuse(problems);
    const updated = await updateRegistryRow(tx, def, id, row.version, columnsOf(def, change), ctx.actor.userId);
    // Changed by another request between the read and the write: the client reads it again.
    if (!updated) throw new PreconditionFailedError(etagOf(row.version + 1));
    await insertRegistryChange(tx, {
      municipalityCode,
      registry: kind,
      recordId: id,
      operation: 'change',
      before: beforeOf(def, row),
      userId: ctx.actor.userId,
    });
    const shown = new Disclosure();
    const record = present(def, updated, shown);
    await logDisclosure(tx, ctx, shown, { action: 'change', resource: resourceOf(def) });
    return { record, etag: etagOf(updated.version) };
  });
}

/** Deletes a record that nothing refers to (409 registry.in_use naming what does). */
export async function deleteRegistryRecord(
  ctx: Ctx,
  municipalityCode: string,
  kind: RegistryKind,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  const def = defOf(kind);
  authorize(ctx, municipalityCode, `registry.${def.area}.write`);
  await inTenant(ctx.db, municipalityCode, async (tx) => {
    const row = await findRegistryRow(tx, def, id);
    if (!row) throw notFound(def);
    checkIfMatch(ifMatch, row.version);
    const refs = await referencesTo(tx, def, id);
    if (refs.length > 0)
      throw new ConflictError(
        'registry.in_use',
        `The record is in use and was not deleted: ${refs.map((r) => `${r.count} in ${r.table}`).join(', ')}.`,
      );
    if (!(await deleteRegistryRow(tx, def, id, row.version)))
      throw new PreconditionFailedError(etagOf(row.version + 1));
    await insertRegistryChange(tx, {
      municipalityCode,
      registry: kind,
      recordId: id,
      operation: 'delete',
      before: beforeOf(def, row),
      userId: ctx.actor.userId,
    });
    if (def.persons) {
      const shown = new Disclosure();
      shown.person(id, resourceOf(def));
      await logDisclosure(tx, ctx, shown, { action: 'delete', resource: resourceOf(def) });
    }
  });
}

// ---- CSV ------------------------------------------------------------------------------------

/** The CSV columns of a registry: id and version, then the fields by their API names. */
export function csvColumns(kind: RegistryKind): string[] {
  return ['id', 'version', ...defOf(kind).fields.map((f) => f.name)];
}

function cellOf(field: FieldDef, v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join('|');
  if (field.type.kind === 'decimal' || field.type.kind === 'integer') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** The registry as a CSV file (the import's format: a file exported can be imported again). */
export async function exportRegistryCsv(ctx: Ctx, municipalityCode: string, kind: RegistryKind): Promise<string> {
  const def = defOf(kind);
  authorize(ctx, municipalityCode, `registry.${def.area}.read`);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const rows = await listRegistryRows(tx, def);
    const shown = new Disclosure();
    const body = csv(
      csvColumns(kind),
      rows.map((r) => {
        if (def.persons) shown.person(r.id, resourceOf(def));
        return [r.id, r.version, ...def.fields.map((f) => cellOf(f, r[f.column]))];
      }),
    );
    await logDisclosure(tx, ctx, shown, { action: 'export', resource: resourceOf(def) });
    return body;
  });
}

/** A line of an import the registry refused (line 1 is the header). */
export interface RegistryImportProblem {
  line: number;
  column: string | null;
  code: ErrorCode;
  detail: string;
}

/** The file was refused and nothing written: every problem, by line and column. */
export class RegistryImportError extends UnprocessableError {
  constructor(readonly lines: RegistryImportProblem[]) {
    const sorted = [...lines].sort((a, b) => a.line - b.line).slice(0, 100);
    super(
      'registry_import.invalid',
      `The file was not imported and nothing was written: ${lines.length} problem(s).`,
      sorted.map((p) => ({ pointer: `/${p.line}${p.column ? `/${p.column}` : ''}`, code: p.code, detail: p.detail })),
    );
  }
}

const TRUE = new Set(['true', 'ja', 'j', 'yes', '1', 'x']);
const FALSE = new Set(['false', 'nej', 'n', 'no', '0', '']);

/** A cell → the API's value (undefined: empty, so left to the default; the schema checks the rest). */
function valueOfCell(field: FieldDef, raw: string): unknown {
  const cell = raw.trim();
  switch (field.type.kind) {
    case 'integer':
    case 'decimal': {
      if (cell === '') return field.nullable ? null : undefined;
      const n = Number(cell.replace(/\s/g, '').replace(',', '.'));
      return Number.isFinite(n) ? n : cell;
    }
    case 'boolean': {
      const low = cell.toLowerCase();
      if (cell === '' && !field.required) return undefined;
      return TRUE.has(low) ? true : FALSE.has(low) ? false : cell;
    }
    case 'choices':
    case 'list':
    case 'languages':
      return cell === ''
        ? []
        : cell
            .split('|')
            .map((s) => s.trim())
            .filter((s) => s !== '');
    case 'date': {
      const dk = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(cell);
      if (dk) return `${dk[3]}-${dk[2]?.padStart(2, '0') ?? ''}-${dk[1]?.padStart(2, '0') ?? ''}`;
      return cell === '' ? (field.nullable ? null : undefined) : cell;
    }
    default:
      return cell === '' ? (field.nullable ? null : undefined) : cell;
  }
}

function delimiterOf(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

export interface RegistryImportResult {
  created: number;
  changed: number;
  ids: string[];
}

/**
 * Imports a registry from CSV (the export's columns; `id` and `version` empty for a new record,
 * given to change one, the version as exported so that no change is lost), all or nothing.
 */
export async function importRegistryCsv(
  ctx: Ctx,
  municipalityCode: string,
  kind: RegistryKind,
  text: string,
): Promise<RegistryImportResult> {
  const def = defOf(kind);
  authorize(ctx, municipalityCode, `registry.${def.area}.write`);
  let rows: string[][];
  try {
    const parsed: unknown = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
    });
    rows = parsed as string[][];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    throw new RegistryImportError([
      {
        line: typeof err.lines === 'number' ? err.lines : 1,
        column: null,
        code: 'registry_import.malformed',
        detail: err.code,
      },
    ]);
  }
  const [header, ...lines] = rows;
  if (!header || lines.length === 0)
    throw new RegistryImportError([
      { line: 1, column: null, code: 'registry_import.empty', detail: 'A header line and at least one record.' },
    ]);
  if (lines.length > MAX_REGISTRY_IMPORT_LINES)
    throw new RegistryImportError([
      {
        line: 1,
        column: null,
        code: 'registry_import.too_many',
        detail: `At most ${MAX_REGISTRY_IMPORT_LINES} lines.`,
      },
    ]);
  const names = header.map((h) => maskCprInText(h.trim()).slice(0, 100));
  const known = csvColumns(kind);
  const problems: RegistryImportProblem[] = [];
  names.forEach((name, i) => {
    if (!known.includes(name))
      problems.push({
        line: 1,
        column: name,
        code: 'registry_import.column_unknown',
        detail: `Known: ${known.join(', ')}.`,
      });
    else if (names.indexOf(name) !== i)
      problems.push({ line: 1, column: name, code: 'registry_import.column_duplicate', detail: 'Repeated column.' });
  });
  for (const field of def.fields)
    if (field.required && !names.includes(field.name))
      problems.push({
        line: 1,
        column: field.name,
        code: 'registry_import.column_missing',
        detail: 'A required column.',
      });
  if (problems.length > 0) throw new RegistryImportError(problems);

  const schema = createSchema(kind);
  const parsed: { line: number; id: string | null; version: number | null; input: Record<string, unknown> }[] = [];
  lines.forEach((cells, i) => {
    const lineNo = i + 2;
    const input: Record<string, unknown> = {};
    const cellAt = (name: string) => {
      const c = names.indexOf(name);
      return c < 0 ? '' : (cells[c] ?? '').trim();
    };
    const id = cellAt('id') === '' ? null : cellAt('id');
    const version = cellAt('version') === '' ? null : Number(cellAt('version'));
    names.forEach((name, c) => {
      const field = def.fields.find((f) => f.name === name);
      if (!field) return;
      const v = valueOfCell(field, cells[c] ?? '');
      if (v !== undefined) input[name] = v;
    });
    const r = schema.safeParse(input);
    if (!r.success)
      for (const issue of r.error.issues)
        problems.push({
          line: lineNo,
          column: typeof issue.path[0] === 'string' ? issue.path[0] : null,
          code: 'registry_import.invalid_cell',
          detail: issue.message,
        });
    if (id !== null && (version === null || !Number.isInteger(version)))
      problems.push({
        line: lineNo,
        column: 'version',
        code: 'registry_import.version_missing',
        detail: 'A line with an id changes that record: give the version it was exported with.',
      });
    parsed.push({ line: lineNo, id, version, input: r.success ? r.data : input });
  });
  if (problems.length > 0) throw new RegistryImportError(problems);

  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const result: RegistryImportResult = { created: 0, changed: 0, ids: [] };
    for (const p of parsed) {
      if (p.id === null) {
        for (const fp of await checkRecord(tx, def, p.input, `/${p.line}`)) problems.push(lineProblem(p.line, fp));
        if (problems.length > 0) continue;
        const row = await insertRegistryRow(tx, def, municipalityCode, columnsOf(def, p.input), ctx.actor.userId);
        await insertRegistryChange(tx, {
          municipalityCode,
          registry: kind,
          recordId: row.id,
          operation: 'import',
          before: null,
          userId: ctx.actor.userId,
        });
        if (def.persons) shown.person(row.id, resourceOf(def));
        result.created += 1;
        result.ids.push(row.id);
        continue;
      }
      const row = /^[0-9a-f-]{36}$/i.test(p.id) ? await findRegistryRow(tx, def, p.id) : null;
      if (!row) {
        problems.push({ line: p.line, column: 'id', code: 'registry_import.unknown_id', detail: 'No such record.' });
        continue;
      }
      if (row.version !== p.version) {
        problems.push({
          line: p.line,
          column: 'version',
          code: 'registry_import.version_changed',
          detail: `The record has changed since it was exported (version ${String(row.version)}).`,
        });
        continue;
      }
      for (const fp of await checkRecord(tx, def, p.input, `/${p.line}`)) problems.push(lineProblem(p.line, fp));
      if (problems.length > 0) continue;
      // A line is the whole record: a field left empty is cleared, or set to its default.
      const full: Record<string, unknown> = {};
      for (const field of def.fields) full[field.name] = p.input[field.name] ?? (field.nullable ? null : undefined);
      const updated = await updateRegistryRow(tx, def, p.id, row.version, columnsOf(def, full), ctx.actor.userId);
      if (!updated) throw new PreconditionFailedError(etagOf(row.version + 1));
      await insertRegistryChange(tx, {
        municipalityCode,
        registry: kind,
        recordId: p.id,
        operation: 'import',
        before: beforeOf(def, row),
        userId: ctx.actor.userId,
      });
      if (def.persons) shown.person(p.id, resourceOf(def));
      result.changed += 1;
      result.ids.push(p.id);
    }
    // All or nothing: a problem found in the database rolls the transaction back.
    if (problems.length > 0) throw new RegistryImportError(problems);
    await logDisclosure(tx, ctx, shown, { action: 'create', resource: resourceOf(def) });
    return result;
  });
}

function lineProblem(line: number, p: FieldProblem): RegistryImportProblem {
  return { line, column: p.pointer.split('/')[2] ?? null, code: p.code, detail: p.detail };
}

// ---- The household facts placement needs ----------------------------------------------------

export interface HouseholdFactsView {
  id: string;
  version: number;
  monthlyIncomeDkk: number | null;
  needsAccessible: boolean;
  wishes: string | null;
  housingStatus: string;
  housingUnitId: string | null;
  takeoverDate: string;
  memberIds: string[];
}

/** The household, loaded and authorized on its members: the role must reach one of them. */
async function loadHousehold(tx: Tx, ctx: Ctx, action: 'household.facts.read' | 'household.facts.write', id: string) {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await findHouseholdFacts(tx, id) : null;
  const members = row ? await householdMemberIds(tx, id) : [];
  const scopes = (await personScopes(tx, members, ctx.today)).map(scopeOf);
  const reached = scopes.filter((s) => {
    try {
      authorizeOnPerson(ctx, action, s);
      return true;
    } catch {
      return false;
    }
  });
  if (!row || reached.length === 0) throw new NotFoundError('household.not_found', 'The household');
  return { row, members };
}

function presentHousehold(row: HouseholdFactsRow, members: string[], shown: Disclosure): HouseholdFactsView {
  return {
    id: row.id,
    version: row.version,
    monthlyIncomeDkk: row.monthly_income_dkk,
    needsAccessible: row.needs_accessible,
    wishes: row.wishes,
    housingStatus: row.housing_status,
    housingUnitId: row.housing_unit_id,
    takeoverDate: row.takeover_date,
    memberIds: members.map((m) => shown.person(m)),
  };
}

/** A household's facts for placement; each member is logged (the facts are the household's). */
export async function getHouseholdFacts(ctx: Ctx, municipalityCode: string, householdId: string) {
  authorize(ctx, municipalityCode, 'household.facts.read');
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const { row, members } = await loadHousehold(tx, ctx, 'household.facts.read', householdId);
    const shown = new Disclosure();
    const view = presentHousehold(row, members, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'household_facts' });
    return { household: view, etag: etagOf(row.version) };
  });
}

/** Changes a household's income, needs or wishes (If-Match). */
export async function changeHouseholdFacts(
  ctx: Ctx,
  municipalityCode: string,
  householdId: string,
  ifMatch: string | undefined,
  change: HouseholdFactsChange,
) {
  authorize(ctx, municipalityCode, 'household.facts.write');
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const { row, members } = await loadHousehold(tx, ctx, 'household.facts.write', householdId);
    checkIfMatch(ifMatch, row.version);
    const ok = await updateHouseholdFacts(tx, householdId, row.version, {
      ...(change.monthlyIncomeDkk !== undefined && { monthly_income_dkk: change.monthlyIncomeDkk }),
      ...(change.needsAccessible !== undefined && { needs_accessible: change.needsAccessible }),
      ...(change.wishes !== undefined && { wishes: change.wishes === '' ? null : change.wishes }),
    });
    if (!ok) throw new PreconditionFailedError(etagOf(row.version + 1));
    await insertRegistryChange(tx, {
      municipalityCode,
      registry: 'households',
      recordId: householdId,
      operation: 'change',
      before: {
        version: row.version,
        monthlyIncomeDkk: row.monthly_income_dkk,
        needsAccessible: row.needs_accessible,
        wishes: row.wishes,
      },
      userId: ctx.actor.userId,
    });
    const after = await findHouseholdFacts(tx, householdId);
    if (!after) throw new NotFoundError('household.not_found', 'The household');
    const shown = new Disclosure();
    const view = presentHousehold(after, members, shown);
    await logDisclosure(tx, ctx, shown, { action: 'change', resource: 'household_facts' });
    return { household: view, etag: etagOf(after.version) };
  });
}

/** The registry of a kind from a URL segment, or null (for the pages). */
export function registryKindOf(kind: string): RegistryKind | null {
  return registryOf(kind)?.kind ?? null;
}
