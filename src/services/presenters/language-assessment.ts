// A child's language assessment.
import type { Disclosure } from '../disclosure.js';

export interface LanguageAssessmentRecord {
  id: string;
  assessed_on: string;
  result: string;
  note: string | null;
  /** the row's version: its ETag for If-Match */
  version: number;
}

/** The assessment; registers the child it belongs to. */
export function presentLanguageAssessment(row: LanguageAssessmentRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return { id: row.id, assessedOn: row.assessed_on, result: row.result, note: row.note, version: row.version };
}
