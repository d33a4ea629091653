// The records of a person's case: visitation interview, integration contract, contact person,
// activities, conversations, children's enrolments, language assessments and follow-ups.
import type { Tx } from '../db/tenant.js';

export async function caseFile(tx: Tx, personId: string) {
  const [visitation, contract, contactPersons, activities, conversations, enrolments, languageAssessments, followUps] = await Promise.all([
    tx.selectFrom('visitations').selectAll().where('person_id', '=', personId).executeTakeFirst(),
    tx.selectFrom('contracts').selectAll().where('person_id', '=', personId).executeTakeFirst(),
    tx.selectFrom('contact_person_assignments as a')
      .innerJoin('users as u', (j) => j.onRef('u.municipality_code', '=', 'a.municipality_code').onRef('u.id', '=', 'a.user_id'))
      .select(['a.id', 'a.user_id', 'u.name as user_name', 'a.from_date', 'a.to_date'])
      .where('a.person_id', '=', personId).orderBy('a.from_date', 'desc').orderBy('a.created_at', 'desc').execute(),
    tx.selectFrom('activities').selectAll().where('person_id', '=', personId).orderBy('start_date').orderBy('created_at').execute(),
    tx.selectFrom('conversations').selectAll().where('person_id', '=', personId).orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute(),
    tx.selectFrom('enrolments as e')
      .leftJoin('institutions as i', (j) => j.onRef('i.municipality_code', '=', 'e.municipality_code').onRef('i.id', '=', 'e.institution_id'))
      .select(['e.id', 'e.kind', 'e.institution_id', 'i.name as institution_name', 'e.start_date', 'e.end_date'])
      .where('e.person_id', '=', personId).orderBy('e.start_date').execute(),
    tx.selectFrom('language_assessments').selectAll().where('person_id', '=', personId).orderBy('assessed_on').execute(),
    tx.selectFrom('follow_ups').selectAll().where('person_id', '=', personId).orderBy('held_on').execute(),
  ]);
  return { visitation, contract, contactPersons, activities, conversations, enrolments, languageAssessments, followUps };
}
