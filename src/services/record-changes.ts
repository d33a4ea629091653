// Records that change (issue 13, item 3): a case record of the changeable kinds
// (case-record-kinds.ts: activities, enrolments, conversations, follow-ups, language assessments)
// is corrected or ended (PATCH), or deleted with a reason (DELETE), always with If-Match; its
// history is read by the roles that write it. One generic operation per verb, for every kind.
// Each reads top to bottom: authorize → one tenant transaction → load and lock the person and
// authorize on them → load and lock the record → If-Match → the same checks as on creation →
// write → one history row with the fields before → one access-log row for the person → the view.
import { changedFields, operationOf, type RecordKind } from '../domain/record-changes.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { findPerson } from '../repositories/persons.js';
import {
  deleteRecord as deleteRecordRow,
  insertRecordChange,
  recordChanges,
  recordOf,
  updateRecord,
} from '../repositories/record-changes.js';
import * as staff from '../repositories/staff.js';
import { CHANGEABLE_KINDS, type ChangeableKind, type Person } from './case-record-kinds.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { NotFoundError, PreconditionFailedError, UnprocessableError } from './errors.js';
import { checkIfMatch, etagOf } from './etag.js';
import { ChangeReason } from './inputs.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentRecordHistory, recordFields } from './presenters/record-change.js';
import { presentInstitution } from './presenters/staff.js';

/** Authorizes the kind's write on the person, opens the transaction, loads and locks the person (one change of a case at a time). */
async function onPerson<T>(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  k: ChangeableKind,
  work: (tx: Tx, person: Person) => Promise<T>,
): Promise<T> {
  authorize(ctx, municipalityCode, k.action, personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, k.action);
    const person = await findPerson(tx, personId, { lock: true });
    if (!person) throw new NotFoundError('person.not_found', 'The person');
    return work(tx, person);
  });
}

async function lockedRecord(tx: Tx, kind: RecordKind, personId: string, recordId: string, ifMatch: string | undefined) {
  const current = await recordOf(tx, kind, personId, recordId, { lock: true });
  if (!current) throw new NotFoundError('case_record.not_found', 'The record');
  checkIfMatch(ifMatch, current.version);
  return current;
}

/** A reason as the history stores it: one line of at most 1000 characters (the pages do not pass it through the route's schema). */
function checkedReason(reason: string | undefined): string | null {
  if (reason === undefined) return null;
  const parsed = ChangeReason.safeParse(reason);
  if (parsed.success) return parsed.data;
  throw new UnprocessableError('request.invalid', 'The reason is not one line of at most 1000 characters.', [
    { pointer: '/reason', code: 'request.invalid', detail: parsed.error.issues[0]?.message ?? 'Invalid.' },
  ]);
}

/** A correction of a record: any of its fields, each as on creation; `reason` optional. */
export type RecordPatch = Record<string, unknown> & { reason?: string | undefined };

/**
 * Corrects a record, or ends it (a patch of only the last day of a record with a period). The
 * record after the patch must pass the checks of its creation (422 otherwise). If-Match with the
 * record's ETag is required (428 without, 412 when it has changed). The history keeps the fields
 * before; the answer is the record with its new ETag.
 */
export async function changeRecord(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  kind: RecordKind,
  recordId: string,
  ifMatch: string | undefined,
  patch: RecordPatch,
) {
  const k = CHANGEABLE_KINDS[kind];
  return onPerson(ctx, municipalityCode, personId, k, async (tx, person) => {
    const current = await lockedRecord(tx, kind, personId, recordId, ifMatch);
    const shown = new Disclosure();
    const { reason: given, ...fields } = patch;
    const reason = checkedReason(given);
    const before = recordFields(k.present(current, personId, shown));
    const after = { ...before, ...fields };
    const columns = await k.corrected(ctx, tx, person, after);
    const row = await updateRecord(tx, kind, recordId, current.version, columns, ctx.actor.userId);
    // The row is locked, so its version cannot have moved since it was read.
    if (!row) throw new PreconditionFailedError(etagOf(current.version));
    await insertRecordChange(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      record_kind: kind,
      record_id: recordId,
      operation: operationOf(changedFields(before, after), k.periodEnd),
      reason,
      before,
      changed_by: ctx.actor.userId,
    });
    const record = k.present(row, personId, shown);
    await logDisclosure(tx, ctx, shown, { action: 'change', resource: k.resource });
    return { etag: etagOf(row.version), record };
  });
}

/**
 * Deletes a record with a reason, If-Match as for a change. It leaves the case and the
 * obligations; the history keeps its fields and the reason.
 */
export async function deleteRecord(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  kind: RecordKind,
  recordId: string,
  ifMatch: string | undefined,
  reason: string,
): Promise<void> {
  const k = CHANGEABLE_KINDS[kind];
  const why = checkedReason(reason);
  await onPerson(ctx, municipalityCode, personId, k, async (tx) => {
    const current = await lockedRecord(tx, kind, personId, recordId, ifMatch);
    const shown = new Disclosure();
    const before = recordFields(k.present(current, personId, shown));
    if (!(await deleteRecordRow(tx, kind, recordId, current.version)))
      throw new PreconditionFailedError(etagOf(current.version));
    await insertRecordChange(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      record_kind: kind,
      record_id: recordId,
      operation: 'delete',
      reason: why,
      before,
      changed_by: ctx.actor.userId,
    });
    await logDisclosure(tx, ctx, shown, { action: 'delete', resource: k.resource });
  });
}

async function readHistory(tx: Tx, ctx: Ctx, person: Person, k: ChangeableKind, recordId: string, shown: Disclosure) {
  const row = await recordOf(tx, k.kind, person.id, recordId);
  const changes = await recordChanges(tx, person.id, { kind: k.kind, id: recordId });
  if (!row && changes.length === 0) throw new NotFoundError('case_record.not_found', 'The record');
  const current = row ? k.present(row, person.id, shown) : null;
  return presentRecordHistory(person, k.kind, recordId, current, changes, shown);
}

/**
 * A record's history, for the roles that write it: the record now (null once deleted) and each
 * change, end or deletion, oldest first, with who, when, why and the fields before. Logged.
 */
export async function recordHistory(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  kind: RecordKind,
  recordId: string,
) {
  const k = CHANGEABLE_KINDS[kind];
  return onPerson(ctx, municipalityCode, personId, k, async (tx, person) => {
    const shown = new Disclosure();
    const view = await readHistory(tx, ctx, person, k, recordId, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: `${k.resource}-history` });
    return view;
  });
}

/** The record page: the history, with the institutions an enrolment can be corrected to. */
export async function recordPage(ctx: Ctx, personId: string, kind: RecordKind, recordId: string) {
  const k = CHANGEABLE_KINDS[kind];
  return onPerson(ctx, ctx.actor.municipalityCode, personId, k, async (tx, person) => {
    const shown = new Disclosure();
    const view = await readHistory(tx, ctx, person, k, recordId, shown);
    const institutions = kind === 'enrolment' ? (await staff.childInstitutions(tx)).map(presentInstitution) : [];
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: `${k.resource}-history` });
    return { ...view, institutions };
  });
}
