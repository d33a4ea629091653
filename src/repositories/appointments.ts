// Appointments (issue 13): a person's planned meetings, a caseworker's calendar, and what the
// summons letter and the contract document read (the person's address, the caseworker's name).
// Queries only; the services decide.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { AppointmentsTable } from '../db/schema-appointments.js';

export type AppointmentRow = Selectable<AppointmentsTable> & { caseworker_name: string };

const withCaseworker = (tx: Tx) =>
  tx
    .selectFrom('appointments as a')
    .innerJoin('users as u', (j) =>
      j.onRef('u.municipality_code', '=', 'a.municipality_code').onRef('u.id', '=', 'a.caseworker_id'),
    )
    .selectAll('a')
    .select('u.name as caseworker_name');

export async function insertAppointment(tx: Tx, values: Insertable<AppointmentsTable>): Promise<string> {
  return (await tx.insertInto('appointments').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** One appointment of a person (locked for a change when asked). */
export async function appointmentOf(
  tx: Tx,
  personId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<AppointmentRow | undefined> {
  const q = withCaseworker(tx).where('a.person_id', '=', personId).where('a.id', '=', id);
  return (options.lock ? q.forUpdate('a') : q).executeTakeFirst();
}

/** The planned appointments of these persons that start at or after `from`, earliest first (the worklist's bookings). */
export async function plannedAppointmentsOf(tx: Tx, personIds: readonly string[], from: Date) {
  if (personIds.length === 0) return [];
  return tx
    .selectFrom('appointments')
    .select(['id', 'person_id', 'purpose', 'rule_id', 'starts_at'])
    .where('person_id', 'in', personIds)
    .where('status', '=', 'planned')
    .where('starts_at', '>=', from)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/** A person's appointments, earliest first. */
export async function appointmentsOfPerson(tx: Tx, personId: string): Promise<AppointmentRow[]> {
  return withCaseworker(tx).where('a.person_id', '=', personId).orderBy('a.starts_at').orderBy('a.id').execute();
}

/** A caseworker's planned and held appointments that end after `from` and start before `to` (anyone's). */
export async function occupiedTimesOf(tx: Tx, caseworkerId: string, from: Date, to: Date) {
  return (
    tx
      .selectFrom('appointments')
      .select(['id', 'caseworker_id', 'starts_at', 'duration_minutes'])
      .where('caseworker_id', '=', caseworkerId)
      .where('status', 'in', ['planned', 'held'])
      .where('starts_at', '<', to)
      // No meeting lasts longer than 8 hours (the CHECK of 0011).
      .where('starts_at', '>', new Date(from.getTime() - 8 * 3_600_000))
      .execute()
  );
}

export type CalendarRow = AppointmentRow & { given_name: string; family_name: string };

/** Every appointment starting in [from, to), of one caseworker or of all, with the person's name. */
export async function calendar(tx: Tx, from: Date, to: Date, caseworkerId: string | null): Promise<CalendarRow[]> {
  let q = withCaseworker(tx)
    .innerJoin('persons as p', (j) =>
      j.onRef('p.municipality_code', '=', 'a.municipality_code').onRef('p.id', '=', 'a.person_id'),
    )
    .select(['p.given_name', 'p.family_name'])
    .where('a.starts_at', '>=', from)
    .where('a.starts_at', '<', to);
  if (caseworkerId !== null) q = q.where('a.caseworker_id', '=', caseworkerId);
  return q.orderBy('a.starts_at').orderBy('a.id').execute();
}

/** Changes an appointment if its version is still `version`; the new row, or undefined. */
export async function updateAppointment(
  tx: Tx,
  id: string,
  version: number,
  changes: Updateable<AppointmentsTable>,
): Promise<number | undefined> {
  const row = await tx
    .updateTable('appointments')
    .set({ ...changes, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

/** The address a letter is sent to: the household's housing unit and its town, when it has one. */
export async function postalAddressOf(tx: Tx, personId: string) {
  return tx
    .selectFrom('persons as p')
    .innerJoin('households as h', (j) =>
      j.onRef('h.municipality_code', '=', 'p.municipality_code').onRef('h.id', '=', 'p.household_id'),
    )
    .innerJoin('housing_units as u', (j) =>
      j.onRef('u.municipality_code', '=', 'h.municipality_code').onRef('u.id', '=', 'h.housing_unit_id'),
    )
    .innerJoin('towns as t', (j) =>
      j.onRef('t.municipality_code', '=', 'u.municipality_code').onRef('t.id', '=', 'u.town_id'),
    )
    .select(['u.address', 't.name as town'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}
