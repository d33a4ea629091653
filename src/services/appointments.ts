// Appointments (issue 13): book a meeting with a person, move it (PATCH, If-Match), cancel it
// (DELETE with a reason: the row stays, cancelled), record it held (it becomes the conversation
// the cadence rules count, dated the appointment's day) or the person's no-show (with a reason;
// counts for nothing), a person's appointments and the proposals from the cadence rules, and a
// caseworker's calendar with overlapping appointments flagged. Each operation: authorize → one
// tenant transaction → load the person (and the appointment) and authorize on it → check → write
// → one access-log row per person shown → the view through presenters/appointment.ts.
//
// Who: the case workers book and change (`case.write`); reading a person's appointments needs
// `person.read` and a role that sees the case (a citizen their own); the calendar is the case
// workers' (`worklist.read`).
import { PERSON_FIELDS, can } from '../domain/authorization.js';
import {
  conflictsOf,
  CONVERSATION_KIND_OF_PURPOSE,
  FOLLOW_UP_KIND_OF_PURPOSE,
  inDenmark,
  danishInstant,
  proposeAppointments,
  serviceNow,
} from '../domain/appointments.js';
import { addDays, daysBetween } from '../domain/dates.js';
import { obligationsFor } from '../domain/obligations.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import {
  appointmentOf,
  appointmentsOfPerson,
  calendar,
  insertAppointment,
  occupiedTimesOf,
  updateAppointment,
  type AppointmentRow,
} from '../repositories/appointments.js';
import { loadCaseFacts } from '../repositories/case-facts.js';
import { insertConversation, insertFollowUp } from '../repositories/case-records.js';
import { userById } from '../repositories/identities.js';
import { findPerson } from '../repositories/persons.js';
import type {
  BookAppointmentInput,
  CalendarQuery,
  CancelAppointmentInput,
  ChangeAppointmentInput,
  HeldInput,
  NoShowInput,
} from './appointment-inputs.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from './errors.js';
import { etagOf, matchesEtag } from './etag.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentAppointment, presentCalendarEntry, presentProposal } from './presenters/appointment.js';
import { presentConversation } from './presenters/conversation.js';

const RESOURCE = 'appointment';
/** How far ahead the caseworker's appointments are read to keep proposals clear of them. */
const PROPOSAL_HORIZON_DAYS = 400;
/** The longest calendar period one request reads. */
const CALENDAR_MAX_DAYS = 62;

type Person = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/** The role sees the case (case workers, a citizen their own), or 403 before anything is loaded. */
function mustSeeCase(ctx: Ctx): void {
  if (PERSON_FIELDS[ctx.actor.role] !== 'case')
    throw new ForbiddenError(`The role "${ctx.actor.role}" does not see the case, and appointments are part of it.`);
}

/** authorize → tenant transaction → the person loaded, locked and authorized on → work → the log. */
async function writeAppointment<T>(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  action: 'create' | 'change',
  work: (tx: Tx, person: Person, shown: Disclosure) => Promise<T>,
): Promise<T> {
  authorize(ctx, municipalityCode, 'case.write', personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'case.write');
    const person = await findPerson(tx, personId, { lock: true });
    if (!person) throw new NotFoundError('person.not_found', 'The person');
    const shown = new Disclosure();
    const result = await work(tx, person, shown);
    await logDisclosure(tx, ctx, shown, { action, resource: RESOURCE });
    return result;
  });
}

/** The appointment of this person, locked; 404 when it is not one of theirs. */
async function loadAppointment(tx: Tx, personId: string, appointmentId: string): Promise<AppointmentRow> {
  const row = await appointmentOf(tx, personId, appointmentId, { lock: true });
  if (!row) throw new NotFoundError('appointment.not_found', 'The appointment');
  return row;
}

/** If-Match: required (428) and current (412). */
function checkIfMatch(ifMatch: string | undefined, row: AppointmentRow): void {
  if (ifMatch === undefined) throw new PreconditionRequiredError();
  if (!matchesEtag(ifMatch, row.version)) throw new PreconditionFailedError(etagOf(row.version));
}

/** Only a planned appointment can be moved, cancelled, held or missed (409 otherwise). */
function mustBePlanned(row: AppointmentRow): void {
  if (row.status !== 'planned')
    throw new ConflictError('appointment.not_planned', `The appointment is ${row.status}, no longer planned.`);
}

function startInFuture(ctx: Ctx, startsAt: Date): void {
  if (startsAt.getTime() <= serviceNow(ctx.today).getTime())
    throw new UnprocessableError('appointment.in_past', 'A planned appointment starts in the future.', [
      { pointer: '/startsAt', code: 'appointment.in_past', detail: 'Not in the future.' },
    ]);
}

/** The caseworker of an appointment: a caseworker or team leader of the municipality (422 otherwise). */
async function checkCaseworker(tx: Tx, userId: string): Promise<void> {
  const user = await userById(tx, userId);
  if (!user || user.kind !== 'person' || !['caseworker', 'team_lead'].includes(user.role))
    throw new UnprocessableError(
      'appointment.caseworker_not_staff',
      'The caseworker must be a caseworker or team leader of this municipality.',
      [{ pointer: '/caseworkerId', code: 'appointment.caseworker_not_staff', detail: 'Not a caseworker here.' }],
    );
}

/** The other planned or held appointments of the caseworker the appointment overlaps. */
async function conflictsWith(tx: Tx, row: AppointmentRow): Promise<string[]> {
  if (row.status !== 'planned' && row.status !== 'held') return [];
  const end = new Date(row.starts_at.getTime() + row.duration_minutes * 60_000);
  const others = await occupiedTimesOf(tx, row.caseworker_id, row.starts_at, end);
  const slots = [row, ...others.filter((o) => o.id !== row.id)].map((o) => ({
    id: o.id,
    caseworkerId: o.caseworker_id,
    startsAt: o.starts_at,
    durationMinutes: o.duration_minutes,
  }));
  return conflictsOf(slots).get(row.id) ?? [];
}

async function present(tx: Tx, personId: string, appointmentId: string, shown: Disclosure) {
  const row = await appointmentOf(tx, personId, appointmentId);
  if (!row) throw new NotFoundError('appointment.not_found', 'The appointment');
  return { etag: etagOf(row.version), appointment: presentAppointment(row, shown, await conflictsWith(tx, row)) };
}

/** The cadence rules in force for the person on `today` (their obligations apply). */
function cadenceRulesOf(municipalityCode: string, facts: Parameters<typeof obligationsFor>[1], today: string) {
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), municipalityCode);
  const applicable = new Set(
    obligationsFor(rules, facts, today, dueSoonDays, { includeNotApplicable: false }).map((o) => o.ruleId),
  );
  return {
    all: rules.map((c) => c.rule),
    cadence: rules
      .map((c) => c.rule)
      .filter((r): r is Extract<typeof r, { kind: 'cadence' }> => r.kind === 'cadence' && applicable.has(r.id)),
  };
}

// ---- Booking and changing ----------------------------------------------------------------------

/**
 * Books an appointment. Refused (422) when it does not start in the future (the service's clock),
 * the caseworker is not one of the municipality's, or the rule it names does not exist. Answers
 * the appointment with its ETag and the caseworker's appointments it overlaps (booked anyway: the
 * caseworker sees the conflict and decides).
 */
export async function bookAppointment(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  input: BookAppointmentInput,
) {
  return writeAppointment(ctx, municipalityCode, personId, 'create', async (tx, _person, shown) => {
    const startsAt = new Date(input.startsAt);
    startInFuture(ctx, startsAt);
    const caseworkerId = input.caseworkerId ?? ctx.actor.userId;
    await checkCaseworker(tx, caseworkerId);
    if (
      input.ruleId &&
      !compileRules(shippedPolicies(), municipalityCode).rules.some((c) => c.rule.id === input.ruleId)
    )
      throw new UnprocessableError('appointment.unknown_rule', `No rule ${input.ruleId} applies here.`, [
        { pointer: '/ruleId', code: 'appointment.unknown_rule', detail: 'Unknown rule.' },
      ]);
    const id = await insertAppointment(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      starts_at: startsAt,
      duration_minutes: input.durationMinutes,
      purpose: input.purpose,
      place_kind: input.placeKind ?? 'address',
      place: input.place.trim(),
      caseworker_id: caseworkerId,
      interpreter_language: input.interpreterLanguage ?? null,
      rule_id: input.ruleId ?? null,
      note: input.note ?? null,
      created_by: ctx.actor.userId,
      updated_by: ctx.actor.userId,
    });
    return present(tx, personId, id, shown);
  });
}

/** Moves or changes a planned appointment (If-Match required); a new start must lie in the future. */
export async function changeAppointment(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  appointmentId: string,
  ifMatch: string | undefined,
  input: ChangeAppointmentInput,
) {
  return writeAppointment(ctx, municipalityCode, personId, 'change', async (tx, _person, shown) => {
    const row = await loadAppointment(tx, personId, appointmentId);
    checkIfMatch(ifMatch, row);
    mustBePlanned(row);
    if (input.startsAt !== undefined) startInFuture(ctx, new Date(input.startsAt));
    if (input.caseworkerId !== undefined) await checkCaseworker(tx, input.caseworkerId);
    const version = await updateAppointment(tx, row.id, row.version, {
      ...(input.startsAt !== undefined ? { starts_at: new Date(input.startsAt) } : {}),
      ...(input.durationMinutes !== undefined ? { duration_minutes: input.durationMinutes } : {}),
      ...(input.placeKind !== undefined ? { place_kind: input.placeKind } : {}),
      ...(input.place !== undefined ? { place: input.place.trim() } : {}),
      ...(input.interpreterLanguage !== undefined ? { interpreter_language: input.interpreterLanguage } : {}),
      ...(input.caseworkerId !== undefined ? { caseworker_id: input.caseworkerId } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      updated_by: ctx.actor.userId,
    });
    // The row is locked, so its version cannot have moved since it was read.
    if (version === undefined) throw new PreconditionFailedError(etagOf(row.version));
    return present(tx, personId, row.id, shown);
  });
}

/** Cancels a planned appointment with a reason (If-Match required); the row stays, cancelled. */
export async function cancelAppointment(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  appointmentId: string,
  ifMatch: string | undefined,
  input: CancelAppointmentInput,
) {
  return setOutcome(ctx, municipalityCode, personId, appointmentId, ifMatch, 'cancelled', input.reason);
}

/**
 * Records that the person did not come (with a reason). Only once the appointment has begun; it
 * counts for no rule. If-Match is checked when sent.
 */
export async function recordNoShow(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  appointmentId: string,
  ifMatch: string | undefined,
  input: NoShowInput,
) {
  return setOutcome(ctx, municipalityCode, personId, appointmentId, ifMatch, 'no_show', input.reason);
}

async function setOutcome(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  appointmentId: string,
  ifMatch: string | undefined,
  status: 'cancelled' | 'no_show',
  reason: string,
) {
  return writeAppointment(ctx, municipalityCode, personId, 'change', async (tx, _person, shown) => {
    const row = await loadAppointment(tx, personId, appointmentId);
    if (status === 'cancelled' || ifMatch !== undefined) checkIfMatch(ifMatch, row);
    mustBePlanned(row);
    if (status === 'no_show') mustHaveBegun(ctx, row);
    const version = await updateAppointment(tx, row.id, row.version, {
      status,
      status_reason: reason.trim(),
      updated_by: ctx.actor.userId,
    });
    if (version === undefined) throw new PreconditionFailedError(etagOf(row.version));
    return present(tx, personId, row.id, shown);
  });
}

function mustHaveBegun(ctx: Ctx, row: AppointmentRow): void {
  if (row.starts_at.getTime() > serviceNow(ctx.today).getTime())
    throw new UnprocessableError('appointment.not_yet_started', 'The appointment has not begun yet.', [
      { pointer: '/', code: 'appointment.not_yet_started', detail: 'Starts later.' },
    ]);
}

/**
 * Records a planned appointment as held: writes the conversation (dated the appointment's day, of
 * the kind its purpose is: a contract follow-up is a contract follow-up conversation; a family
 * follow-up is also the family follow-up record) with whether repatriation guidance was given and
 * the interpreter used, links it to the appointment, and so counts for the cadence rules exactly as
 * a conversation typed in. Only once the appointment has begun; If-Match is checked when sent.
 */
export async function recordHeld(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  appointmentId: string,
  ifMatch: string | undefined,
  input: HeldInput,
) {
  return writeAppointment(ctx, municipalityCode, personId, 'change', async (tx, _person, shown) => {
    const row = await loadAppointment(tx, personId, appointmentId);
    if (ifMatch !== undefined) checkIfMatch(ifMatch, row);
    mustBePlanned(row);
    mustHaveBegun(ctx, row);
    if (!input.repatriationGuidance && input.repatriationNote)
      throw new UnprocessableError(
        'conversation.repatriation_note_without_guidance',
        'A repatriation note belongs to a conversation where guidance was given.',
        [
          {
            pointer: '/repatriationNote',
            code: 'conversation.repatriation_note_without_guidance',
            detail: 'Guidance was not given.',
          },
        ],
      );
    const heldOn = inDenmark(row.starts_at).date;
    const conversation = {
      municipality_code: municipalityCode,
      person_id: personId,
      held_on: heldOn,
      kind: CONVERSATION_KIND_OF_PURPOSE[row.purpose],
      repatriation_guidance: input.repatriationGuidance,
      repatriation_note: input.repatriationNote ?? null,
      interpreter_language:
        input.interpreterLanguage === undefined ? row.interpreter_language : input.interpreterLanguage,
      note: input.note ?? null,
      created_by: ctx.actor.userId,
    };
    const { id: conversationId, version: conversationVersion } = await insertConversation(tx, conversation);
    const followUpKind = FOLLOW_UP_KIND_OF_PURPOSE[row.purpose];
    const followUpId = followUpKind
      ? (
          await insertFollowUp(tx, {
            municipality_code: municipalityCode,
            person_id: personId,
            held_on: heldOn,
            kind: followUpKind,
            note: input.note ?? null,
            created_by: ctx.actor.userId,
          })
        ).id
      : null;
    const version = await updateAppointment(tx, row.id, row.version, {
      status: 'held',
      conversation_id: conversationId,
      follow_up_id: followUpId,
      updated_by: ctx.actor.userId,
    });
    if (version === undefined) throw new PreconditionFailedError(etagOf(row.version));
    const view = await present(tx, personId, row.id, shown);
    return {
      ...view,
      conversation: presentConversation(
        { id: conversationId, version: conversationVersion, ...conversation },
        personId,
        shown,
      ),
    };
  });
}

// ---- Reading -----------------------------------------------------------------------------------

/** A person's appointments (earliest first, each with its conflicts), in the caller's transaction; registers the person. */
export async function appointmentsOfReached(tx: Tx, personId: string, shown: Disclosure) {
  shown.person(personId);
  const rows = await appointmentsOfPerson(tx, personId);
  return Promise.all(rows.map(async (r) => presentAppointment(r, shown, await conflictsWith(tx, r))));
}

/**
 * The appointments still to book for the person, from the cadence rules that apply to them (the
 * contract follow-ups of the first six months, the family follow-up of a policy that has it), in
 * the caller's transaction: on weekdays in office hours, clear of the caseworker's appointments,
 * none where a booked or held meeting already covers the rule. Registers the person.
 */
export async function proposalsOfReached(tx: Tx, ctx: Ctx, personId: string, shown: Disclosure) {
  shown.person(personId);
  const facts = (await loadCaseFacts(tx, { personIds: [personId] })).get(personId);
  if (!facts) throw new NotFoundError('person.not_found', 'The person');
  const { cadence } = cadenceRulesOf(ctx.actor.municipalityCode, facts, ctx.today);
  const now = serviceNow(ctx.today);
  const own = await appointmentsOfPerson(tx, personId);
  const busy = await occupiedTimesOf(
    tx,
    ctx.actor.userId,
    now,
    danishInstant(addDays(ctx.today, PROPOSAL_HORIZON_DAYS), '00:00'),
  );
  const proposals = proposeAppointments({
    rules: cadence,
    facts,
    today: ctx.today,
    now,
    planned: own
      .filter((a) => a.status === 'planned')
      .map((a) => ({ purpose: a.purpose, date: inDenmark(a.starts_at).date })),
    busy: busy.map((b) => ({ startsAt: b.starts_at, durationMinutes: b.duration_minutes })),
  });
  return proposals.map((p) => presentProposal(p, personId, shown));
}

/** A person's appointments; one access-log row. */
export async function listAppointments(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'person.read', personId);
  mustSeeCase(ctx);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    const shown = new Disclosure();
    const appointments = await appointmentsOfReached(tx, personId, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: RESOURCE });
    return { appointments };
  });
}

/** The proposed appointments of a person (case workers); one access-log row. */
export async function listProposals(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'case.write', personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'case.write');
    const shown = new Disclosure();
    const proposals = await proposalsOfReached(tx, ctx, personId, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: RESOURCE });
    return { proposals };
  });
}

/** The person page's appointments section: the appointments and, for a role that books, the proposals. */
export async function appointmentsSection(tx: Tx, ctx: Ctx, personId: string, shown: Disclosure) {
  if (PERSON_FIELDS[ctx.actor.role] !== 'case') return null;
  return {
    appointments: await appointmentsOfReached(tx, personId, shown),
    proposals: can(ctx.actor, 'case.write', personId) ? await proposalsOfReached(tx, ctx, personId, shown) : [],
  };
}

/**
 * The calendar: the appointments starting in the days [from, to] (Danish days) of one caseworker
 * ('me' by default) or of all, each with the person's name and the appointments of the same
 * caseworker it overlaps. Each person shown is logged once.
 */
export async function calendarOf(ctx: Ctx, municipalityCode: string, query: CalendarQuery) {
  authorize(ctx, municipalityCode, 'worklist.read');
  const days = daysBetween(query.from, query.to);
  if (days < 0 || days >= CALENDAR_MAX_DAYS)
    throw new UnprocessableError(
      'calendar.range',
      `From ${query.from} to ${query.to} is not a period of 1 to ${CALENDAR_MAX_DAYS} days.`,
      [{ pointer: '/to', code: 'calendar.range', detail: 'Before from, or too long.' }],
    );
  const who = query.caseworker ?? 'me';
  const caseworkerId = who === 'me' ? ctx.actor.userId : who === 'all' ? null : who;
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const rows = await calendar(
      tx,
      danishInstant(query.from, '00:00'),
      danishInstant(addDays(query.to, 1), '00:00'),
      caseworkerId,
    );
    const conflicts = conflictsOf(
      rows
        .filter((r) => r.status === 'planned' || r.status === 'held')
        .map((r) => ({
          id: r.id,
          caseworkerId: r.caseworker_id,
          startsAt: r.starts_at,
          durationMinutes: r.duration_minutes,
        })),
    );
    const shown = new Disclosure();
    const entries = rows.map((r) => presentCalendarEntry(r, shown, conflicts.get(r.id) ?? []));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'calendar' });
    return {
      from: query.from,
      to: query.to,
      caseworker: caseworkerId,
      appointments: entries,
      conflictCount: entries.filter((e) => e.conflicts.length > 0).length,
    };
  });
}

/** One appointment of a person, with the person's name (the appointment's own page); one access-log row. */
export async function getAppointment(ctx: Ctx, municipalityCode: string, personId: string, appointmentId: string) {
  authorize(ctx, municipalityCode, 'person.read', personId);
  mustSeeCase(ctx);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    const person = await findPerson(tx, personId);
    if (!person) throw new NotFoundError('person.not_found', 'The person');
    const row = await appointmentOf(tx, personId, appointmentId);
    if (!row) throw new NotFoundError('appointment.not_found', 'The appointment');
    const shown = new Disclosure();
    const appointment = presentAppointment(row, shown, await conflictsWith(tx, row));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: RESOURCE });
    return {
      person: { id: shown.person(person.id), givenName: person.given_name, familyName: person.family_name },
      appointment,
    };
  });
}
