// A follow-up of a person's case (contract, yearly, the whole family).
import type { Disclosure } from '../disclosure.js';

export interface FollowUpRecord {
  id: string;
  held_on: string;
  kind: string;
  note: string | null;
  /** the row's version: its ETag for If-Match */
  version: number;
}

/** The follow-up; registers the person it belongs to. */
export function presentFollowUp(row: FollowUpRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return { id: row.id, date: row.held_on, kind: row.kind, note: row.note, version: row.version };
}
