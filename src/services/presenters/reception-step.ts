// A reception step of a person's case (issue 12): information, a reception programme, an
// introduction, an orientation or an assessment a policy commits to, on the day it was taken.
import type { Disclosure } from '../disclosure.js';

export interface ReceptionStepRecord {
  id: string;
  kind: string;
  taken_on: string;
  note: string | null;
}

/** The reception step; registers the person it belongs to. */
export function presentReceptionStep(row: ReceptionStepRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return { id: row.id, kind: row.kind, date: row.taken_on, note: row.note };
}
