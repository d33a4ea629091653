// A wish to return, or the notice of it to the advising organisation (repatrieringsloven § 5).
import type { Disclosure } from '../disclosure.js';

export interface RepatriationNoticeRecord {
  id: string;
  held_on: string;
  kind: string;
  organisation: string | null;
  note: string | null;
}

/** The repatriation notice; registers the person it belongs to. */
export function presentRepatriationNotice(row: RepatriationNoticeRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return { id: row.id, date: row.held_on, kind: row.kind, organisation: row.organisation, note: row.note };
}
