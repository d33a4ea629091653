// The case records of one person: visitation interview, integration contract, contact person
// (PUT, guarded by If-Match once they exist), and the appended records: activities,
// conversations, enrolments, language assessments, follow-ups. Every operation checks that the
// person exists in the tenant, writes, and logs the change in the same transaction.
import type { Action } from '../domain/authorization.js';
import type { ActivityKind, ContractGoalKind, ConversationKind, EnrolmentKind, FollowUpKind, LanguageAssessmentResult } from '../domain/model.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { findPerson } from '../repositories/persons.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { NotFoundError, PreconditionFailedError, PreconditionRequiredError, UnprocessableError } from './errors.js';
import { etagOf, matchesEtag } from './etag.js';
import { loadAuthorizedPerson } from './persons.js';

/** Authorizes, opens the tenant transaction, checks the person, runs `work`, logs the change. */
async function changeCase<T>(ctx: Ctx, municipalityCode: string, personId: string, action: Action, resource: string, work: (tx: Tx, person: NonNullable<Awaited<ReturnType<typeof findPerson>>>) => Promise<T>): Promise<T> {
  authorize(ctx, municipalityCode, action, personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    // Locking the person serialises concurrent changes to one case: a PUT that finds no record
    // then knows no other request is creating it at the same moment.
    await loadAuthorizedPerson(tx, ctx, personId, action);
    const person = await findPerson(tx, personId, { lock: true });
    if (!person) throw new NotFoundError('The person');
    const result = await work(tx, person);
    // The answer shows the record just written, of this person only.
    const shown = new Disclosure();
    shown.person(personId);
    await logDisclosure(tx, ctx, shown, { action: 'change', resource });
    return result;
  });
}

/** If-Match rules for a PUT on a singular record: required once it exists, must be current. */
function checkPrecondition(ifMatch: string | undefined, currentVersion: number | undefined): void {
  if (currentVersion === undefined) return; // creating: nothing to overwrite
  if (ifMatch === undefined) throw new PreconditionRequiredError();
  if (!matchesEtag(ifMatch, currentVersion)) throw new PreconditionFailedError(etagOf(currentVersion));
}

function notBeforeBirth(date: string, birthDate: string, pointer: string): void {
  if (date < birthDate) throw new UnprocessableError('The date lies before the person was born.', [{ pointer, detail: 'Before the birth date.' }]);
}

function notInFuture(ctx: Ctx, date: string, pointer: string, what: string): void {
  if (date > ctx.today) throw new UnprocessableError(`${what} cannot lie in the future.`, [{ pointer, detail: 'In the future.' }]);
}

export interface VisitationInput { heldOn: string; resources: string; qualifications: string; wishes: string; challenges: string }

export async function putVisitation(ctx: Ctx, municipalityCode: string, personId: string, ifMatch: string | undefined, input: VisitationInput) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'visitation', async (tx, person) => {
    notBeforeBirth(input.heldOn, person.birth_date, '/heldOn');
    notInFuture(ctx, input.heldOn, '/heldOn', 'A visitation interview that was held');
    const current = await tx.selectFrom('visitations').select('version').where('person_id', '=', personId).forUpdate().executeTakeFirst();
    checkPrecondition(ifMatch, current?.version);
    const values = { held_on: input.heldOn, resources: input.resources, qualifications: input.qualifications, wishes: input.wishes, challenges: input.challenges, updated_by: ctx.actor.userId };
    const row = current
      ? await tx.updateTable('visitations').set({ ...values, version: current.version + 1, updated_at: new Date() }).where('person_id', '=', personId).returning('version').executeTakeFirstOrThrow()
      : await tx.insertInto('visitations').values({ municipality_code: municipalityCode, person_id: personId, ...values }).returning('version').executeTakeFirstOrThrow();
    return { created: !current, etag: etagOf(row.version), visitation: { ...input, version: row.version } };
  });
}

export interface ContractInput { goal: string; goalKind: ContractGoalKind; signedOn?: string | null | undefined }

export async function putContract(ctx: Ctx, municipalityCode: string, personId: string, ifMatch: string | undefined, input: ContractInput) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'contract', async (tx, person) => {
    if (input.signedOn) {
      notBeforeBirth(input.signedOn, person.birth_date, '/signedOn');
      notInFuture(ctx, input.signedOn, '/signedOn', 'A signing date');
    }
    const current = await tx.selectFrom('contracts').select('version').where('person_id', '=', personId).forUpdate().executeTakeFirst();
    checkPrecondition(ifMatch, current?.version);
    const values = { goal: input.goal, goal_kind: input.goalKind, signed_on: input.signedOn ?? null, updated_by: ctx.actor.userId };
    const row = current
      ? await tx.updateTable('contracts').set({ ...values, version: current.version + 1, updated_at: new Date() }).where('person_id', '=', personId).returning('version').executeTakeFirstOrThrow()
      : await tx.insertInto('contracts').values({ municipality_code: municipalityCode, person_id: personId, ...values }).returning('version').executeTakeFirstOrThrow();
    return { created: !current, etag: etagOf(row.version), contract: { goal: input.goal, goalKind: input.goalKind, signedOn: input.signedOn ?? null, version: row.version } };
  });
}

export interface ContactPersonInput { userId: string; fromDate?: string | undefined }

/**
 * Assigns the fixed contact person. The previous assignment is closed, not overwritten, so the
 * history of who was responsible stays. The version is the number of assignments so far.
 */
export async function putContactPerson(ctx: Ctx, municipalityCode: string, personId: string, ifMatch: string | undefined, input: ContactPersonInput) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'contact-person', async (tx) => {
    const fromDate = input.fromDate ?? ctx.today;
    const user = await tx.selectFrom('users').select(['id', 'name', 'role', 'kind']).where('id', '=', input.userId).executeTakeFirst();
    if (!user || user.kind !== 'person' || !['caseworker', 'team_lead'].includes(user.role)) {
      throw new UnprocessableError('The contact person must be a caseworker or team leader of this municipality.', [{ pointer: '/userId', detail: 'Not a caseworker of this municipality.' }]);
    }
    const history = await tx.selectFrom('contact_person_assignments').select(['id', 'user_id', 'from_date', 'to_date']).where('person_id', '=', personId).forUpdate().execute();
    const current = history.find((h) => h.to_date === null);
    checkPrecondition(ifMatch, current ? history.length : undefined);
    if (current && fromDate < current.from_date) {
      throw new UnprocessableError('The new contact person cannot start before the current one did.', [{ pointer: '/fromDate', detail: `Before ${current.from_date}.` }]);
    }
    if (current) {
      await tx.updateTable('contact_person_assignments').set({ to_date: fromDate }).where('id', '=', current.id).execute();
    }
    await tx.insertInto('contact_person_assignments').values({ municipality_code: municipalityCode, person_id: personId, user_id: user.id, from_date: fromDate }).execute();
    const version = history.length + 1;
    return { created: !current, etag: etagOf(version), contactPerson: { userId: user.id, name: user.name, fromDate, version } };
  });
}

export interface ActivityInput { kind: ActivityKind; startDate: string; endDate?: string | null | undefined; hoursPerWeek: number; provider?: string | null | undefined }

export async function addActivity(ctx: Ctx, municipalityCode: string, personId: string, input: ActivityInput) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'activity', async (tx, person) => {
    notBeforeBirth(input.startDate, person.birth_date, '/startDate');
    if (input.endDate && input.endDate < input.startDate) {
      throw new UnprocessableError('An activity cannot end before it starts.', [{ pointer: '/endDate', detail: 'Before the start date.' }]);
    }
    const row = await tx.insertInto('activities').values({
      municipality_code: municipalityCode, person_id: personId, kind: input.kind, start_date: input.startDate,
      end_date: input.endDate ?? null, hours_per_week: input.hoursPerWeek, provider: input.provider ?? null, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, ...input, endDate: input.endDate ?? null, provider: input.provider ?? null };
  });
}

export interface ConversationInput { date: string; kind: ConversationKind; repatriationGuidance: boolean; repatriationNote?: string | null | undefined; interpreterLanguage?: string | null | undefined; note?: string | null | undefined }

export async function addConversation(ctx: Ctx, municipalityCode: string, personId: string, input: ConversationInput) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'conversation', async (tx, person) => {
    notBeforeBirth(input.date, person.birth_date, '/date');
    notInFuture(ctx, input.date, '/date', 'A conversation that was held');
    if (!input.repatriationGuidance && input.repatriationNote) {
      throw new UnprocessableError('A repatriation note belongs to a conversation where guidance was given.', [{ pointer: '/repatriationNote', detail: 'Guidance was not given.' }]);
    }
    const row = await tx.insertInto('conversations').values({
      municipality_code: municipalityCode, person_id: personId, held_on: input.date, kind: input.kind,
      repatriation_guidance: input.repatriationGuidance, repatriation_note: input.repatriationNote ?? null,
      interpreter_language: input.interpreterLanguage ?? null, note: input.note ?? null, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, date: input.date, kind: input.kind, repatriationGuidance: input.repatriationGuidance, repatriationNote: input.repatriationNote ?? null, interpreterLanguage: input.interpreterLanguage ?? null, note: input.note ?? null };
  });
}

export interface EnrolmentInput { kind: EnrolmentKind; institutionId?: string | null | undefined; startDate: string; endDate?: string | null | undefined }

export async function addEnrolment(ctx: Ctx, municipalityCode: string, personId: string, input: EnrolmentInput) {
  return changeCase(ctx, municipalityCode, personId, 'child.write', 'enrolment', async (tx, person) => {
    notBeforeBirth(input.startDate, person.birth_date, '/startDate');
    if (input.endDate && input.endDate < input.startDate) {
      throw new UnprocessableError('An enrolment cannot end before it starts.', [{ pointer: '/endDate', detail: 'Before the start date.' }]);
    }
    if (input.institutionId) {
      const institution = await tx.selectFrom('institutions').select(['id', 'kind']).where('id', '=', input.institutionId).executeTakeFirst();
      if (!institution) throw new UnprocessableError('The institution is not one of this municipality\'s.', [{ pointer: '/institutionId', detail: 'Unknown institution.' }]);
      const fits = input.kind === 'daycare' ? institution.kind === 'daycare' : institution.kind === 'school';
      if (!fits) throw new UnprocessableError(`A ${input.kind} enrolment needs a ${input.kind === 'daycare' ? 'daycare' : 'school'}.`, [{ pointer: '/institutionId', detail: `The institution is a ${institution.kind}.` }]);
    }
    const row = await tx.insertInto('enrolments').values({
      municipality_code: municipalityCode, person_id: personId, kind: input.kind, institution_id: input.institutionId ?? null,
      start_date: input.startDate, end_date: input.endDate ?? null, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, kind: input.kind, institutionId: input.institutionId ?? null, startDate: input.startDate, endDate: input.endDate ?? null };
  });
}

export interface LanguageAssessmentInput { assessedOn: string; result: LanguageAssessmentResult; note?: string | null | undefined }

export async function addLanguageAssessment(ctx: Ctx, municipalityCode: string, personId: string, input: LanguageAssessmentInput) {
  return changeCase(ctx, municipalityCode, personId, 'child.write', 'language-assessment', async (tx, person) => {
    notBeforeBirth(input.assessedOn, person.birth_date, '/assessedOn');
    notInFuture(ctx, input.assessedOn, '/assessedOn', 'An assessment');
    const row = await tx.insertInto('language_assessments').values({
      municipality_code: municipalityCode, person_id: personId, assessed_on: input.assessedOn, result: input.result, note: input.note ?? null, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, assessedOn: input.assessedOn, result: input.result, note: input.note ?? null };
  });
}

export interface FollowUpInput { date: string; kind: FollowUpKind; note?: string | null | undefined }

export async function addFollowUp(ctx: Ctx, municipalityCode: string, personId: string, input: FollowUpInput) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'follow-up', async (tx, person) => {
    notBeforeBirth(input.date, person.birth_date, '/date');
    notInFuture(ctx, input.date, '/date', 'A follow-up that was held');
    const row = await tx.insertInto('follow_ups').values({
      municipality_code: municipalityCode, person_id: personId, held_on: input.date, kind: input.kind, note: input.note ?? null, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, date: input.date, kind: input.kind, note: input.note ?? null };
  });
}
