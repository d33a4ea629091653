// The case records of one person: visitation interview, integration contract, contact person
// (PUT, guarded by If-Match once they exist), and the appended records: activities,
// conversations, enrolments, language assessments, follow-ups. Every operation checks that the
// person exists in the tenant, writes, and logs the change in the same transaction.
import { PERSON_FIELDS, type Action } from '../domain/authorization.js';
import type {
  ActivityKind,
  ContractGoalKind,
  ConversationKind,
  EnrolmentKind,
  FollowUpKind,
  HealthAssessmentKind,
  LanguageAssessmentResult,
  ReceptionStepKind,
  RepatriationNoticeKind,
} from '../domain/model.js';
import { inTenant, type Tx } from '../db/tenant.js';
import {
  closeContactPersonAssignment,
  contactPersonAssignments,
  contractVersion,
  insertContract,
  insertHealthAssessment,
  insertReceptionStep,
  insertRepatriationNotice,
  receptionStepsOf,
  insertVisitation,
  updateContract,
  updateVisitation,
  visitationVersion,
} from '../repositories/case-records.js';
import { userById } from '../repositories/identities.js';
import { findPerson, insertContactPersonAssignments } from '../repositories/persons.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { ForbiddenError, NotFoundError, UnprocessableError } from './errors.js';
import { checkIfMatch, etagOf } from './etag.js';
import {
  ACTIVITY,
  CONVERSATION,
  ENROLMENT,
  FOLLOW_UP,
  LANGUAGE_ASSESSMENT,
  notBeforeBirth,
  notInFuture,
  type ChangeableKind,
} from './case-record-kinds.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentContactPerson } from './presenters/contact-person.js';
import { presentContract } from './presenters/contract.js';
import { presentHealthAssessment } from './presenters/health-assessment.js';
import { presentReceptionStep } from './presenters/reception-step.js';
import { presentRepatriationNotice } from './presenters/repatriation-notice.js';
import { presentVisitation } from './presenters/visitation.js';

type CaseWork<T> = (
  tx: Tx,
  person: NonNullable<Awaited<ReturnType<typeof findPerson>>>,
  shown: Disclosure,
) => Promise<T>;

/**
 * Authorizes, opens the tenant transaction, checks the person, runs `work` (which answers with the
 * record written, through its presenter, registering the person on `shown`), logs the change.
 */
async function changeCase<T>(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  action: Action,
  resource: string,
  work: CaseWork<T>,
): Promise<T> {
  authorize(ctx, municipalityCode, action, personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    // Locking the person serialises concurrent changes to one case: a PUT that finds no record
    // then knows no other request is creating it at the same moment.
    await loadAuthorizedPerson(tx, ctx, personId, action);
    const person = await findPerson(tx, personId, { lock: true });
    if (!person) throw new NotFoundError('person.not_found', 'The person');
    // The answer shows the record just written, of this person only.
    const shown = new Disclosure();
    const result = await work(tx, person, shown);
    await logDisclosure(tx, ctx, shown, { action: 'change', resource });
    return result;
  });
}

/** If-Match rules for a PUT on a singular record: required once it exists, must be current. */
function checkPrecondition(ifMatch: string | undefined, currentVersion: number | undefined): void {
  if (currentVersion === undefined) return; // creating: nothing to overwrite
  checkIfMatch(ifMatch, currentVersion);
}

export interface VisitationInput {
  heldOn: string;
  resources: string;
  qualifications: string;
  wishes: string;
  challenges: string;
}

export async function putVisitation(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  ifMatch: string | undefined,
  input: VisitationInput,
) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'visitation', async (tx, person, shown) => {
    notBeforeBirth(input.heldOn, person.birth_date, '/heldOn');
    notInFuture(ctx, input.heldOn, '/heldOn', 'A visitation interview that was held');
    const current = await visitationVersion(tx, personId, { lock: true });
    checkPrecondition(ifMatch, current);
    const values = {
      held_on: input.heldOn,
      resources: input.resources,
      qualifications: input.qualifications,
      wishes: input.wishes,
      challenges: input.challenges,
      updated_by: ctx.actor.userId,
    };
    const version =
      current !== undefined
        ? await updateVisitation(tx, personId, values, current + 1)
        : await insertVisitation(tx, municipalityCode, personId, values);
    return {
      created: current === undefined,
      etag: etagOf(version),
      visitation: presentVisitation({ ...values, version }, personId, shown),
    };
  });
}

export interface ContractInput {
  goal: string;
  goalKind: ContractGoalKind;
  signedOn?: string | null | undefined;
}

export async function putContract(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  ifMatch: string | undefined,
  input: ContractInput,
) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'contract', async (tx, person, shown) => {
    if (input.signedOn) {
      notBeforeBirth(input.signedOn, person.birth_date, '/signedOn');
      notInFuture(ctx, input.signedOn, '/signedOn', 'A signing date');
    }
    const current = await contractVersion(tx, personId, { lock: true });
    checkPrecondition(ifMatch, current);
    const values = {
      goal: input.goal,
      goal_kind: input.goalKind,
      signed_on: input.signedOn ?? null,
      updated_by: ctx.actor.userId,
    };
    const version =
      current !== undefined
        ? await updateContract(tx, personId, values, current + 1)
        : await insertContract(tx, municipalityCode, personId, values);
    return {
      created: current === undefined,
      etag: etagOf(version),
      contract: presentContract({ ...values, version }, personId, shown),
    };
  });
}

export interface ContactPersonInput {
  userId: string;
  fromDate?: string | undefined;
}

/**
 * Assigns the fixed contact person. The previous assignment is closed, not overwritten, so the
 * history of who was responsible stays. The version is the number of assignments so far.
 */
export async function putContactPerson(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  ifMatch: string | undefined,
  input: ContactPersonInput,
) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'contact-person', async (tx, _person, shown) => {
    const fromDate = input.fromDate ?? ctx.today;
    const user = await userById(tx, input.userId);
    if (!user || user.kind !== 'person' || !['caseworker', 'team_lead'].includes(user.role)) {
      throw new UnprocessableError(
        'contact_person.not_staff',
        'The contact person must be a caseworker or team leader of this municipality.',
        [{ pointer: '/userId', code: 'contact_person.not_staff', detail: 'Not a caseworker of this municipality.' }],
      );
    }
    const history = await contactPersonAssignments(tx, personId, { lock: true });
    const current = history.find((h) => h.to_date === null);
    checkPrecondition(ifMatch, current ? history.length : undefined);
    if (current && fromDate < current.from_date) {
      throw new UnprocessableError(
        'contact_person.before_current',
        'The new contact person cannot start before the current one did.',
        [{ pointer: '/fromDate', code: 'contact_person.before_current', detail: `Before ${current.from_date}.` }],
      );
    }
    if (current) {
      await closeContactPersonAssignment(tx, current.id, fromDate);
    }
    await insertContactPersonAssignments(tx, [
      { municipality_code: municipalityCode, person_id: personId, user_id: user.id, from_date: fromDate },
    ]);
    const version = history.length + 1;
    const contactPerson = presentContactPerson(
      { user_id: user.id, user_name: user.name, from_date: fromDate },
      version,
      personId,
      shown,
    );
    return { created: !current, etag: etagOf(version), contactPerson };
  });
}

export interface ActivityInput {
  kind: ActivityKind;
  startDate: string;
  endDate?: string | null | undefined;
  hoursPerWeek: number;
  provider?: string | null | undefined;
}

/** Appends a record of one of the changeable kinds (case-record-kinds.ts) after its checks. */
function addRecord(ctx: Ctx, municipalityCode: string, personId: string, kind: ChangeableKind, input: unknown) {
  return changeCase(ctx, municipalityCode, personId, kind.action, kind.resource, (tx, person, shown) =>
    kind.add(ctx, tx, person, input, shown),
  );
}

export async function addActivity(ctx: Ctx, municipalityCode: string, personId: string, input: ActivityInput) {
  return addRecord(ctx, municipalityCode, personId, ACTIVITY, input);
}

export interface ConversationInput {
  date: string;
  kind: ConversationKind;
  repatriationGuidance: boolean;
  repatriationNote?: string | null | undefined;
  interpreterLanguage?: string | null | undefined;
  note?: string | null | undefined;
}

export async function addConversation(ctx: Ctx, municipalityCode: string, personId: string, input: ConversationInput) {
  return addRecord(ctx, municipalityCode, personId, CONVERSATION, input);
}

export interface EnrolmentInput {
  kind: EnrolmentKind;
  institutionId?: string | null | undefined;
  startDate: string;
  endDate?: string | null | undefined;
}

export async function addEnrolment(ctx: Ctx, municipalityCode: string, personId: string, input: EnrolmentInput) {
  return addRecord(ctx, municipalityCode, personId, ENROLMENT, input);
}

export interface LanguageAssessmentInput {
  assessedOn: string;
  result: LanguageAssessmentResult;
  note?: string | null | undefined;
}

export async function addLanguageAssessment(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  input: LanguageAssessmentInput,
) {
  return addRecord(ctx, municipalityCode, personId, LANGUAGE_ASSESSMENT, input);
}

export interface FollowUpInput {
  date: string;
  kind: FollowUpKind;
  note?: string | null | undefined;
}

export async function addFollowUp(ctx: Ctx, municipalityCode: string, personId: string, input: FollowUpInput) {
  return addRecord(ctx, municipalityCode, personId, FOLLOW_UP, input);
}

export interface HealthAssessmentInput {
  date: string;
  kind: HealthAssessmentKind;
  needed?: boolean | undefined;
  accepted?: boolean | null | undefined;
  note?: string | null | undefined;
}

/**
 * Records a concrete assessment of whether a health assessment is needed (with `needed`), or the
 * offer of one (with `accepted` once the person answers): integrationsloven § 15 d.
 */
export async function addHealthAssessment(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  input: HealthAssessmentInput,
) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'health-assessment', async (tx, person, shown) => {
    notBeforeBirth(input.date, person.birth_date, '/date');
    notInFuture(ctx, input.date, '/date', 'A health assessment record');
    if (input.kind === 'need_assessed' && input.needed === undefined)
      throw new UnprocessableError(
        'health_assessment.needed_missing',
        'An assessment of the need says whether it is needed.',
        [{ pointer: '/needed', code: 'health_assessment.needed_missing', detail: 'Required for need_assessed.' }],
      );
    if (input.kind === 'offered' && input.needed !== undefined)
      throw new UnprocessableError('health_assessment.needed_on_offer', 'An offer does not assess the need.', [
        { pointer: '/needed', code: 'health_assessment.needed_on_offer', detail: 'Only for need_assessed.' },
      ]);
    if (input.kind === 'need_assessed' && input.accepted !== undefined && input.accepted !== null)
      throw new UnprocessableError('health_assessment.accepted_without_offer', 'Only an offer can be accepted.', [
        { pointer: '/accepted', code: 'health_assessment.accepted_without_offer', detail: 'Only for offered.' },
      ]);
    const values = {
      municipality_code: municipalityCode,
      person_id: personId,
      held_on: input.date,
      kind: input.kind,
      needed: input.kind === 'need_assessed' ? (input.needed ?? null) : null,
      accepted: input.kind === 'offered' ? (input.accepted ?? null) : null,
      note: input.note ?? null,
      created_by: ctx.actor.userId,
    };
    return presentHealthAssessment({ id: await insertHealthAssessment(tx, values), ...values }, personId, shown);
  });
}

export interface RepatriationNoticeInput {
  date: string;
  kind: RepatriationNoticeKind;
  organisation?: string | undefined;
  note?: string | null | undefined;
}

/**
 * Records a person's wish to return, or the municipality's notice of it to the advising
 * organisation (repatrieringsloven § 5), which names the organisation.
 */
export async function addRepatriationNotice(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  input: RepatriationNoticeInput,
) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'repatriation-notice', async (tx, person, shown) => {
    notBeforeBirth(input.date, person.birth_date, '/date');
    notInFuture(ctx, input.date, '/date', 'A wish or notice');
    if ((input.kind === 'notification') !== (input.organisation !== undefined))
      throw new UnprocessableError(
        'repatriation_notice.organisation',
        'A notification names the organisation notified; a wish names none.',
        [
          {
            pointer: '/organisation',
            code: 'repatriation_notice.organisation',
            detail: 'Only, and always, for notification.',
          },
        ],
      );
    const values = {
      municipality_code: municipalityCode,
      person_id: personId,
      held_on: input.date,
      kind: input.kind,
      organisation: input.organisation ?? null,
      note: input.note ?? null,
      created_by: ctx.actor.userId,
    };
    return presentRepatriationNotice({ id: await insertRepatriationNotice(tx, values), ...values }, personId, shown);
  });
}

export interface ReceptionStepInput {
  kind: ReceptionStepKind;
  date: string;
  note?: string | null | undefined;
}

/**
 * Records a step of the reception a policy commits to (informing of rights and duties, a
 * reception programme, an introduction to the local area …), on the day it was taken; refused
 * before the person's arrival or takeover (whichever came first) and in the future.
 */
export async function addReceptionStep(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  input: ReceptionStepInput,
) {
  return changeCase(ctx, municipalityCode, personId, 'case.write', 'reception-step', async (tx, person, shown) => {
    notBeforeBirth(input.date, person.birth_date, '/date');
    notInFuture(ctx, input.date, '/date', 'A reception step that was taken');
    const arrived = [person.arrival_date, person.takeover_date]
      .filter((d): d is string => typeof d === 'string')
      .sort()[0];
    if (arrived !== undefined && input.date < arrived)
      throw new UnprocessableError(
        'reception_step.before_arrival',
        `A step of the reception is taken on or after the arrival or takeover (${arrived}).`,
        [{ pointer: '/date', code: 'reception_step.before_arrival', detail: `Before ${arrived}.` }],
      );
    const values = {
      municipality_code: municipalityCode,
      person_id: personId,
      kind: input.kind,
      taken_on: input.date,
      note: input.note ?? null,
      created_by: ctx.actor.userId,
    };
    return presentReceptionStep({ id: await insertReceptionStep(tx, values), ...values }, personId, shown);
  });
}

/** A person's reception steps in the order they were taken; the reading is logged. */
export async function listReceptionSteps(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'person.read', personId);
  if (PERSON_FIELDS[ctx.actor.role] !== 'case')
    throw new ForbiddenError(`The role "${ctx.actor.role}" does not see the case, and reception steps are part of it.`);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    const shown = new Disclosure();
    shown.person(personId); // the answer is about the person even when it lists no step
    const steps = (await receptionStepsOf(tx, personId)).map((s) => presentReceptionStep(s, personId, shown));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'reception-step' });
    return { receptionSteps: steps };
  });
}
