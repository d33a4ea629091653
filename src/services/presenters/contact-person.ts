// The fixed contact person of a person: the current assignment (versioned by the number of
// assignments so far) and the history of who was responsible. The name is a staff member's.
import type { Disclosure } from '../disclosure.js';

export interface ContactPersonRecord {
  user_id: string;
  user_name: string;
  from_date: string;
  to_date: string | null;
}

/** The current contact person; `version` is the number of assignments so far. Registers the person it belongs to. */
export function presentContactPerson(
  row: Omit<ContactPersonRecord, 'to_date'>,
  version: number,
  personId: string,
  shown: Disclosure,
) {
  shown.person(personId);
  return { userId: row.user_id, name: row.user_name, fromDate: row.from_date, version };
}

/** One assignment of the history, current or closed. Registers the person it belongs to. */
export function presentContactPersonAssignment(row: ContactPersonRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return { userId: row.user_id, name: row.user_name, fromDate: row.from_date, toDate: row.to_date };
}
