// Cases that close (issue 13, item 4): a case worker closes a person's case on a day, for a reason
// (moved, optionally to which municipality; self-supporting; repatriated; died), reads it, and
// undoes a wrong closure with a reason and If-Match. What a closure does to the obligations is the
// domain's (src/domain/closure.ts); the engine reads it from the case facts. Each operation reads
// top to bottom: authorize → one tenant transaction → load and lock the person and authorize on
// them → check → write (the closure, the person's `left_on`; undoing: one history row in
// case_record_changes with the closure's fields before) → one access-log row → the view.
import { closureProblems, leftOnAfterClosure, type ClosureReason } from '../domain/closure.js';
import { inTenant, type Tx } from '../db/tenant.js';
import * as closures from '../repositories/closures.js';
import { findPerson } from '../repositories/persons.js';
import { insertRecordChange } from '../repositories/record-changes.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { ConflictError, NotFoundError, PreconditionFailedError, UnprocessableError } from './errors.js';
import { checkIfMatch, etagOf } from './etag.js';
import { ChangeReason } from './inputs.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentClosure, type ClosureView } from './presenters/closure.js';

export interface CloseCaseInput {
  date: string;
  reason: ClosureReason;
  movedToMunicipality?: string | undefined;
}

type Action = 'case.write' | 'obligations.read';

/** Authorizes, opens the transaction, loads (and locks) the person and authorizes on them. */
async function onPerson<T>(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  action: Action,
  work: (tx: Tx, person: NonNullable<Awaited<ReturnType<typeof findPerson>>>) => Promise<T>,
): Promise<T> {
  authorize(ctx, municipalityCode, action, personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, action);
    const person = await findPerson(tx, personId, { lock: action === 'case.write' });
    if (!person) throw new NotFoundError('person.not_found', 'The person');
    return work(tx, person);
  });
}

/**
 * Closes the person's case on `date` (not before the takeover, not after today). One closure per
 * person: a second is refused 409 (`closure.already_closed`; undo the first). Sets the person's
 * `left_on` to the day after the closure day, so that the indicators count the person exactly
 * while the case was open. Answers the closure with its ETag.
 */
export async function closeCase(ctx: Ctx, municipalityCode: string, personId: string, input: CloseCaseInput) {
  return onPerson(ctx, municipalityCode, personId, 'case.write', async (tx, person) => {
    const problems = closureProblems(
      input,
      { takeoverDate: person.takeover_date, municipalityCode: ctx.actor.municipalityCode },
      ctx.today,
    );
    const [first] = problems;
    if (first)
      throw new UnprocessableError(
        first.code,
        'The closure cannot be recorded as given.',
        problems.map((p) => ({ pointer: `/${p.field}`, code: p.code, detail: p.code })),
      );
    const inserted = await closures.insertClosure(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      closed_on: input.date,
      reason: input.reason,
      moved_to: input.movedToMunicipality ?? null,
      created_by: ctx.actor.userId,
    });
    if (!inserted)
      throw new ConflictError('closure.already_closed', 'The case is closed already; undo that closure first.');
    await closures.setLeftOn(tx, personId, leftOnAfterClosure(input.date));
    const row = await closures.closureOf(tx, personId);
    if (!row) throw new Error('The closure just inserted is not there.');
    const shown = new Disclosure();
    const closure = presentClosure(row, shown);
    await logDisclosure(tx, ctx, shown, { action: 'create', resource: 'closure' });
    return { etag: etagOf(row.version), closure };
  });
}

/** The person's closure (404 `closure.not_found` while the case is open), for the roles that read the obligations it changes. Logged. */
export async function getClosure(ctx: Ctx, municipalityCode: string, personId: string) {
  return onPerson(ctx, municipalityCode, personId, 'obligations.read', async (tx) => {
    const row = await closures.closureOf(tx, personId);
    if (!row) throw new NotFoundError('closure.not_found', 'The closure');
    const shown = new Disclosure();
    const closure = presentClosure(row, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'closure' });
    return { etag: etagOf(row.version), closure };
  });
}

/**
 * The closure of a person already loaded and authorized in the caller's transaction (the person
 * page), or null; the caller has registered the person and logs.
 */
export async function closureOfReached(tx: Tx, personId: string, shown: Disclosure): Promise<ClosureView | null> {
  const row = await closures.closureOf(tx, personId);
  return row ? presentClosure(row, shown) : null;
}

/**
 * Undoes a wrong closure: If-Match with the closure's ETag (428 without, 412 when stale), a
 * required reason. The closure leaves the case (its obligations are owed again, the person is
 * back on the worklist, `left_on` is cleared); the history (case_record_changes, kind `closure`)
 * keeps who, when, why and the closure's fields before.
 */
export async function deleteClosure(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  ifMatch: string | undefined,
  reason: string,
): Promise<void> {
  const why = ChangeReason.safeParse(reason);
  if (!why.success)
    throw new UnprocessableError('request.invalid', 'The reason is not one line of at most 1000 characters.', [
      { pointer: '/reason', code: 'request.invalid', detail: why.error.issues[0]?.message ?? 'Invalid.' },
    ]);
  await onPerson(ctx, municipalityCode, personId, 'case.write', async (tx) => {
    const current = await closures.closureOf(tx, personId, { lock: true });
    if (!current) throw new NotFoundError('closure.not_found', 'The closure');
    checkIfMatch(ifMatch, current.version);
    const shown = new Disclosure();
    const { id: _id, version: _version, personId: _person, ...before } = presentClosure(current, shown);
    if (!(await closures.deleteClosure(tx, current.id, current.version)))
      throw new PreconditionFailedError(etagOf(current.version));
    await closures.setLeftOn(tx, personId, null);
    await insertRecordChange(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      record_kind: 'closure',
      record_id: current.id,
      operation: 'delete',
      reason: why.data,
      before,
      changed_by: ctx.actor.userId,
    });
    await logDisclosure(tx, ctx, shown, { action: 'delete', resource: 'closure' });
  });
}
