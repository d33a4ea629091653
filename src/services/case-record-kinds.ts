// The five appended case records that can also be ended, corrected and deleted (activities,
// enrolments, conversations, follow-ups, language assessments), each defined once: its input
// schema, the domain checks a record of it must pass (on creation and on every correction alike),
// the columns it is stored in, its presenter, who writes it, and the field holding its last day
// where it has a period. case-records.ts appends them; record-changes.ts changes them.
import type { z } from 'zod';
import type { Action } from '../domain/authorization.js';
import type { RecordKind } from '../domain/record-changes.js';
import { addDuration, parseDuration } from '../domain/dates.js';
import type { Tx } from '../db/tenant.js';
import { shippedPolicies } from '../policy/load.js';
import {
  insertActivity,
  insertConversation,
  insertEnrolment,
  insertFollowUp,
  insertLanguageAssessment,
  type AppendedRecordOwner,
} from '../repositories/case-records.js';
import type { findPerson } from '../repositories/persons.js';
import type { RecordRow } from '../repositories/record-changes.js';
import { findInstitution } from '../repositories/staff.js';
import type { Ctx } from './context.js';
import type { Disclosure } from './disclosure.js';
import { UnprocessableError } from './errors.js';
import {
  ActivitySchema,
  ConversationSchema,
  EnrolmentSchema,
  FollowUpSchema,
  LanguageAssessmentSchema,
} from './inputs.js';
import { presentActivity } from './presenters/activity.js';
import { presentConversation } from './presenters/conversation.js';
import { presentEnrolment } from './presenters/enrolment.js';
import { presentFollowUp } from './presenters/follow-up.js';
import { presentLanguageAssessment } from './presenters/language-assessment.js';

export type Person = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

export function notBeforeBirth(date: string, birthDate: string, pointer: string): void {
  if (date < birthDate)
    throw new UnprocessableError('date.before_birth', 'The date lies before the person was born.', [
      { pointer, code: 'date.before_birth', detail: 'Before the birth date.' },
    ]);
}

export function notInFuture(ctx: Ctx, date: string, pointer: string, what: string): void {
  if (date > ctx.today)
    throw new UnprocessableError('date.in_future', `${what} cannot lie in the future.`, [
      { pointer, code: 'date.in_future', detail: 'In the future.' },
    ]);
}

function endNotBeforeStart(input: { startDate: string; endDate?: string | null | undefined }, what: string): void {
  if (input.endDate && input.endDate < input.startDate)
    throw new UnprocessableError('date.end_before_start', `${what} cannot end before it starts.`, [
      { pointer: '/endDate', code: 'date.end_before_start', detail: 'Before the start date.' },
    ]);
}

/** A record's view: its fields as the API shows them, with its id and version (the ETag). */
export type RecordView = { id: string; version: number } & Record<string, unknown>;

/** One kind, typed over its input I and its columns C. */
interface KindDefinition<I, C extends object> {
  kind: RecordKind;
  /** the access-log resource and the path segment of its routes */
  resource: string;
  path: string;
  action: Action;
  /** the input field of the last day, for a record with a period (activities, enrolments) */
  periodEnd: 'endDate' | null;
  schema: z.ZodType<I>;
  /** the domain's checks; throws their 422 */
  check(ctx: Ctx, tx: Tx, person: Person, input: I): Promise<void> | void;
  columns(input: I): C;
  insert(tx: Tx, values: C & AppendedRecordOwner): Promise<{ id: string; version: number }>;
  present(row: C & { id: string; version: number }, personId: string, shown: Disclosure): RecordView;
}

/** A kind as the generic operations use it. */
export interface ChangeableKind {
  kind: RecordKind;
  resource: string;
  path: string;
  action: Action;
  periodEnd: 'endDate' | null;
  /** Appends a record of the kind after its checks; answers its view. */
  add(ctx: Ctx, tx: Tx, person: Person, input: unknown, shown: Disclosure): Promise<RecordView>;
  /** The columns of a corrected record (the input in the API's shape, all fields) after the same checks as on creation. */
  corrected(ctx: Ctx, tx: Tx, person: Person, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  present(row: RecordRow, personId: string, shown: Disclosure): RecordView;
}

function parsed<I>(schema: z.ZodType<I>, input: unknown): I {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new UnprocessableError(
    'request.invalid',
    'The record does not have the shape of its kind.',
    result.error.issues.map((i) => ({
      pointer: `/${i.path.map(String).join('/')}`,
      code: 'request.invalid',
      detail: i.message,
    })),
  );
}

function defineKind<I, C extends object>(k: KindDefinition<I, C>): ChangeableKind {
  return {
    kind: k.kind,
    resource: k.resource,
    path: k.path,
    action: k.action,
    periodEnd: k.periodEnd,
    async add(ctx, tx, person, input, shown) {
      const valid = parsed(k.schema, input);
      await k.check(ctx, tx, person, valid);
      const columns = k.columns(valid);
      const owner = { municipality_code: person.municipality_code, person_id: person.id, created_by: ctx.actor.userId };
      const written = await k.insert(tx, { ...owner, ...columns });
      return k.present({ ...columns, ...written }, person.id, shown);
    },
    async corrected(ctx, tx, person, input) {
      const valid = parsed(k.schema, input);
      await k.check(ctx, tx, person, valid);
      return k.columns(valid) as Record<string, unknown>;
    },
    // The row is the kind's own table's (recordOf reads it by the kind), so it has the kind's columns.
    present: (row, personId, shown) => k.present(row as unknown as C & RecordRow, personId, shown),
  };
}

/** An IGU's facts as the law gives them (national.yaml `checks`): at most 2 years, on average at least 25 paid hours a week. */
function checkIgu(input: z.output<typeof ActivitySchema>): void {
  const checks = shippedPolicies().law.policy.checks;
  if (!checks) return;
  if (input.hoursPerWeek < checks.iguMinWeeklyHours.value)
    throw new UnprocessableError(
      'activity.igu_hours_below_average',
      `An IGU has on average at least ${checks.iguMinWeeklyHours.value} paid hours a week.`,
      [
        {
          pointer: '/hoursPerWeek',
          code: 'activity.igu_hours_below_average',
          detail: `Below ${checks.iguMinWeeklyHours.value}.`,
        },
      ],
    );
  const duration = parseDuration(checks.iguMaxDuration.value);
  if (input.endDate && duration && input.endDate >= addDuration(input.startDate, duration))
    throw new UnprocessableError(
      'activity.igu_longer_than_allowed',
      `An IGU lasts at most ${checks.iguMaxDuration.value}.`,
      [
        {
          pointer: '/endDate',
          code: 'activity.igu_longer_than_allowed',
          detail: `Longer than ${checks.iguMaxDuration.value}.`,
        },
      ],
    );
}

export const ACTIVITY = defineKind({
  kind: 'activity',
  resource: 'activity',
  path: 'activities',
  action: 'case.write',
  periodEnd: 'endDate',
  schema: ActivitySchema,
  check(_ctx, _tx, person, input) {
    notBeforeBirth(input.startDate, person.birth_date, '/startDate');
    endNotBeforeStart(input, 'An activity');
    if (input.kind === 'igu') checkIgu(input);
  },
  columns: (input) => ({
    kind: input.kind,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    hours_per_week: input.hoursPerWeek,
    provider: input.provider ?? null,
  }),
  insert: insertActivity,
  present: presentActivity,
});

export const CONVERSATION = defineKind({
  kind: 'conversation',
  resource: 'conversation',
  path: 'conversations',
  action: 'case.write',
  periodEnd: null,
  schema: ConversationSchema,
  check(ctx, _tx, person, input) {
    notBeforeBirth(input.date, person.birth_date, '/date');
    notInFuture(ctx, input.date, '/date', 'A conversation that was held');
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
  },
  columns: (input) => ({
    held_on: input.date,
    kind: input.kind,
    repatriation_guidance: input.repatriationGuidance,
    repatriation_note: input.repatriationNote ?? null,
    interpreter_language: input.interpreterLanguage ?? null,
    note: input.note ?? null,
  }),
  insert: insertConversation,
  present: presentConversation,
});

export const ENROLMENT = defineKind({
  kind: 'enrolment',
  resource: 'enrolment',
  path: 'enrolments',
  action: 'child.write',
  periodEnd: 'endDate',
  schema: EnrolmentSchema,
  async check(_ctx, tx, person, input) {
    notBeforeBirth(input.startDate, person.birth_date, '/startDate');
    endNotBeforeStart(input, 'An enrolment');
    if (!input.institutionId) return;
    const institution = await findInstitution(tx, input.institutionId);
    if (!institution)
      throw new UnprocessableError('institution.unknown', "The institution is not one of this municipality's.", [
        { pointer: '/institutionId', code: 'institution.unknown', detail: 'Unknown institution.' },
      ]);
    const fits = input.kind === 'daycare' ? institution.kind === 'daycare' : institution.kind === 'school';
    if (!fits)
      throw new UnprocessableError(
        'institution.wrong_kind',
        `A ${input.kind} enrolment needs a ${input.kind === 'daycare' ? 'daycare' : 'school'}.`,
        [
          {
            pointer: '/institutionId',
            code: 'institution.wrong_kind',
            detail: `The institution is a ${institution.kind}.`,
          },
        ],
      );
  },
  columns: (input) => ({
    kind: input.kind,
    institution_id: input.institutionId ?? null,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
  }),
  insert: insertEnrolment,
  present: (row, personId, shown) => presentEnrolment(row, personId, shown),
});

export const LANGUAGE_ASSESSMENT = defineKind({
  kind: 'language_assessment',
  resource: 'language-assessment',
  path: 'language-assessments',
  action: 'child.write',
  periodEnd: null,
  schema: LanguageAssessmentSchema,
  check(ctx, _tx, person, input) {
    notBeforeBirth(input.assessedOn, person.birth_date, '/assessedOn');
    notInFuture(ctx, input.assessedOn, '/assessedOn', 'An assessment');
  },
  columns: (input) => ({
    assessed_on: input.assessedOn,
    result: input.result,
    note: input.note ?? null,
  }),
  insert: insertLanguageAssessment,
  present: presentLanguageAssessment,
});

export const FOLLOW_UP = defineKind({
  kind: 'follow_up',
  resource: 'follow-up',
  path: 'follow-ups',
  action: 'case.write',
  periodEnd: null,
  schema: FollowUpSchema,
  check(ctx, _tx, person, input) {
    notBeforeBirth(input.date, person.birth_date, '/date');
    notInFuture(ctx, input.date, '/date', 'A follow-up that was held');
  },
  columns: (input) => ({ held_on: input.date, kind: input.kind, note: input.note ?? null }),
  insert: insertFollowUp,
  present: presentFollowUp,
});

/** The changeable kinds, by kind. */
export const CHANGEABLE_KINDS: Readonly<Record<RecordKind, ChangeableKind>> = {
  activity: ACTIVITY,
  enrolment: ENROLMENT,
  conversation: CONVERSATION,
  follow_up: FOLLOW_UP,
  language_assessment: LANGUAGE_ASSESSMENT,
};
