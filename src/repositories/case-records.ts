// The records of a person's case: visitation interview, integration contract, contact person,
// activities, conversations, children's enrolments, language assessments and follow-ups.
import type { Selectable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type {
  ActivitiesTable,
  ContractsTable,
  ConversationsTable,
  FollowUpsTable,
  LanguageAssessmentsTable,
  VisitationsTable,
} from '../db/schema.js';
import { compileOnce } from '../db/compiled.js';
import type { Tx } from '../db/tenant.js';
import type { ReceptionStepKind } from '../domain/model.js';

/** A row read back from JSON: its timestamps (the `…_at` columns) as Dates again, as the driver gives them. */
function withTimestamps<T>(row: object): Selectable<T> {
  const r = row as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    const value = r[key];
    if (key.endsWith('_at') && typeof value === 'string') r[key] = new Date(value);
  }
  return r as Selectable<T>;
}

/**
 * The case file of one person in one statement (each part a JSON subquery, in its order), so
 * that reading a person costs one round trip for the case file instead of one per table.
 */
/** The case file's query (not executed): each part a JSON subquery of the person's records. */
export function caseFileQuery(tx: Tx, personId: string) {
  const p = { personId };
  return tx.selectNoFrom((eb) => [
    jsonObjectFrom(eb.selectFrom('visitations').selectAll().where('person_id', '=', p.personId)).as('visitation'),
    jsonObjectFrom(eb.selectFrom('contracts').selectAll().where('person_id', '=', p.personId)).as('contract'),
    jsonArrayFrom(
      eb
        .selectFrom('contact_person_assignments as a')
        .innerJoin('users as u', (j) =>
          j.onRef('u.municipality_code', '=', 'a.municipality_code').onRef('u.id', '=', 'a.user_id'),
        )
        .select(['a.id', 'a.user_id', 'u.name as user_name', 'a.from_date', 'a.to_date'])
        .where('a.person_id', '=', p.personId)
        .orderBy('a.from_date', 'desc')
        .orderBy('a.created_at', 'desc'),
    ).as('contactPersons'),
    jsonArrayFrom(
      eb
        .selectFrom('activities')
        .selectAll()
        .where('person_id', '=', p.personId)
        .orderBy('start_date')
        .orderBy('created_at'),
    ).as('activities'),
    jsonArrayFrom(
      eb
        .selectFrom('conversations')
        .selectAll()
        .where('person_id', '=', p.personId)
        .orderBy('held_on', 'desc')
        .orderBy('created_at', 'desc'),
    ).as('conversations'),
    jsonArrayFrom(
      eb
        .selectFrom('enrolments as e')
        .leftJoin('institutions as i', (j) =>
          j.onRef('i.municipality_code', '=', 'e.municipality_code').onRef('i.id', '=', 'e.institution_id'),
        )
        .select([
          'e.id',
          'e.kind',
          'e.institution_id',
          'i.name as institution_name',
          'e.start_date',
          'e.end_date',
          'e.version',
        ])
        .where('e.person_id', '=', p.personId)
        .orderBy('e.start_date'),
    ).as('enrolments'),
    jsonArrayFrom(
      eb.selectFrom('language_assessments').selectAll().where('person_id', '=', p.personId).orderBy('assessed_on'),
    ).as('languageAssessments'),
    jsonArrayFrom(eb.selectFrom('follow_ups').selectAll().where('person_id', '=', p.personId).orderBy('held_on')).as(
      'followUps',
    ),
    jsonArrayFrom(
      eb
        .selectFrom('reception_steps')
        .select(['id', 'kind', 'taken_on', 'note'])
        .where('person_id', '=', p.personId)
        .orderBy('taken_on')
        .orderBy('created_at'),
    ).as('receptionSteps'),
  ]);
}

/** The statement of caseFile, compiled once (src/db/compiled.ts). */
const CASE_FILE = compileOnce(['personId'], (tx, p) => caseFileQuery(tx, p.personId));

/** The case file's row as the query gives it. */
export type CaseFileRow = Awaited<ReturnType<ReturnType<typeof caseFileQuery>['executeTakeFirstOrThrow']>>;

export async function caseFile(tx: Tx, personId: string) {
  const [file] = await CASE_FILE(tx, { personId });
  if (!file) throw new Error('The case file statement returned no row.');
  return caseFileOf(file);
}

/** The case file's records from its row (timestamps as Dates again). */
export function caseFileOf(file: CaseFileRow) {
  return {
    visitation: file.visitation ? withTimestamps<VisitationsTable>(file.visitation) : undefined,
    contract: file.contract ? withTimestamps<ContractsTable>(file.contract) : undefined,
    contactPersons: file.contactPersons,
    activities: file.activities.map((r) => withTimestamps<ActivitiesTable>(r)),
    conversations: file.conversations.map((r) => withTimestamps<ConversationsTable>(r)),
    enrolments: file.enrolments,
    languageAssessments: file.languageAssessments.map((r) => withTimestamps<LanguageAssessmentsTable>(r)),
    followUps: file.followUps.map((r) => withTimestamps<FollowUpsTable>(r)),
    receptionSteps: file.receptionSteps as {
      id: string;
      kind: ReceptionStepKind;
      taken_on: string;
      note: string | null;
    }[],
  };
}

/** A person's reception steps, in the order they were taken. */
export async function receptionStepsOf(tx: Tx, personId: string) {
  return tx
    .selectFrom('reception_steps')
    .select(['id', 'kind', 'taken_on', 'note'])
    .where('person_id', '=', personId)
    .orderBy('taken_on')
    .orderBy('created_at')
    .execute();
}

// Writing the case records. Each function runs one statement; what may be written, and when, is
// the service's to decide (src/services/case-records.ts).

/** The current version of the person's visitation interview, or undefined when there is none; `lock` takes the row (FOR UPDATE). */
export async function visitationVersion(
  tx: Tx,
  personId: string,
  options: { lock?: boolean } = {},
): Promise<number | undefined> {
  const q = tx.selectFrom('visitations').select('version').where('person_id', '=', personId);
  return (await (options.lock ? q.forUpdate() : q).executeTakeFirst())?.version;
}

export interface VisitationValues {
  held_on: string;
  resources: string;
  qualifications: string;
  wishes: string;
  challenges: string;
  updated_by: string | null;
}

/** Creates the person's visitation interview; returns its version. */
export async function insertVisitation(
  tx: Tx,
  municipalityCode: string,
  personId: string,
  values: VisitationValues,
): Promise<number> {
  const row = await tx
    .insertInto('visitations')
    .values({ municipality_code: municipalityCode, person_id: personId, ...values })
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Overwrites the person's visitation interview with `values` and `version`, stamping updated_at; returns the version written. */
export async function updateVisitation(
  tx: Tx,
  personId: string,
  values: VisitationValues,
  version: number,
): Promise<number> {
  const row = await tx
    .updateTable('visitations')
    .set({ ...values, version, updated_at: new Date() })
    .where('person_id', '=', personId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** The current version of the person's integration contract, or undefined when there is none; `lock` takes the row (FOR UPDATE). */
export async function contractVersion(
  tx: Tx,
  personId: string,
  options: { lock?: boolean } = {},
): Promise<number | undefined> {
  const q = tx.selectFrom('contracts').select('version').where('person_id', '=', personId);
  return (await (options.lock ? q.forUpdate() : q).executeTakeFirst())?.version;
}

export interface ContractValues {
  goal: string;
  goal_kind: string;
  signed_on: string | null;
  updated_by: string | null;
}

/** Creates the person's integration contract; returns its version. */
export async function insertContract(
  tx: Tx,
  municipalityCode: string,
  personId: string,
  values: ContractValues,
): Promise<number> {
  const row = await tx
    .insertInto('contracts')
    .values({ municipality_code: municipalityCode, person_id: personId, ...values })
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Overwrites the person's integration contract with `values` and `version`, stamping updated_at; returns the version written. */
export async function updateContract(
  tx: Tx,
  personId: string,
  values: ContractValues,
  version: number,
): Promise<number> {
  const row = await tx
    .updateTable('contracts')
    .set({ ...values, version, updated_at: new Date() })
    .where('person_id', '=', personId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export interface ContactPersonAssignmentRow {
  id: string;
  user_id: string;
  from_date: string;
  to_date: string | null;
}

/** Every contact-person assignment of the person, current and closed, unordered; `lock` takes the rows (FOR UPDATE). */
export async function contactPersonAssignments(
  tx: Tx,
  personId: string,
  options: { lock?: boolean } = {},
): Promise<ContactPersonAssignmentRow[]> {
  const q = tx
    .selectFrom('contact_person_assignments')
    .select(['id', 'user_id', 'from_date', 'to_date'])
    .where('person_id', '=', personId);
  return (options.lock ? q.forUpdate() : q).execute();
}

/** Closes one assignment: sets its end date. */
export async function closeContactPersonAssignment(tx: Tx, assignmentId: string, toDate: string): Promise<void> {
  await tx.updateTable('contact_person_assignments').set({ to_date: toDate }).where('id', '=', assignmentId).execute();
}

/** The columns every appended record has besides its own. */
export interface AppendedRecordOwner {
  municipality_code: string;
  person_id: string;
  created_by: string | null;
}

export interface ActivityValues extends AppendedRecordOwner {
  kind: string;
  start_date: string;
  end_date: string | null;
  hours_per_week: number;
  provider: string | null;
}

/** Appends an activity; returns its id and version. */
export async function insertActivity(tx: Tx, values: ActivityValues): Promise<{ id: string; version: number }> {
  return tx.insertInto('activities').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export interface ConversationValues extends AppendedRecordOwner {
  held_on: string;
  kind: string;
  repatriation_guidance: boolean;
  repatriation_note: string | null;
  interpreter_language: string | null;
  note: string | null;
}

/** Appends a conversation; returns its id and version. */
export async function insertConversation(tx: Tx, values: ConversationValues): Promise<{ id: string; version: number }> {
  return tx.insertInto('conversations').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export interface EnrolmentValues extends AppendedRecordOwner {
  kind: string;
  institution_id: string | null;
  start_date: string;
  end_date: string | null;
}

/** Appends a child's enrolment; returns its id and version. */
export async function insertEnrolment(tx: Tx, values: EnrolmentValues): Promise<{ id: string; version: number }> {
  return tx.insertInto('enrolments').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export interface LanguageAssessmentValues extends AppendedRecordOwner {
  assessed_on: string;
  result: string;
  note: string | null;
}

/** Appends a language assessment; returns its id and version. */
export async function insertLanguageAssessment(
  tx: Tx,
  values: LanguageAssessmentValues,
): Promise<{ id: string; version: number }> {
  return tx.insertInto('language_assessments').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export interface FollowUpValues extends AppendedRecordOwner {
  held_on: string;
  kind: string;
  note: string | null;
}

/** Appends a follow-up; returns its id and version. */
export async function insertFollowUp(tx: Tx, values: FollowUpValues): Promise<{ id: string; version: number }> {
  return tx.insertInto('follow_ups').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export interface HealthAssessmentValues extends AppendedRecordOwner {
  held_on: string;
  kind: 'need_assessed' | 'offered';
  needed: boolean | null;
  accepted: boolean | null;
  note: string | null;
}

/** Appends a health assessment (need assessed, or offered); returns its id. */
export async function insertHealthAssessment(tx: Tx, values: HealthAssessmentValues): Promise<string> {
  return (await tx.insertInto('health_assessments').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export interface RepatriationNoticeValues extends AppendedRecordOwner {
  held_on: string;
  kind: 'wish' | 'notification';
  organisation: string | null;
  note: string | null;
}

/** Appends a wish to return or the notice of it to the advising organisation; returns its id. */
export async function insertRepatriationNotice(tx: Tx, values: RepatriationNoticeValues): Promise<string> {
  return (await tx.insertInto('repatriation_notices').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export interface ReceptionStepValues extends AppendedRecordOwner {
  kind: ReceptionStepKind;
  taken_on: string;
  note: string | null;
}

/** Appends a reception step; returns its id. */
export async function insertReceptionStep(tx: Tx, values: ReceptionStepValues): Promise<string> {
  return (await tx.insertInto('reception_steps').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
