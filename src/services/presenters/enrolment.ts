// A child's enrolment in a daycare, school, reception class or SFO.
import type { Disclosure } from '../disclosure.js';

export interface EnrolmentRecord {
  id: string;
  kind: string;
  institution_id: string | null;
  start_date: string;
  end_date: string | null;
  /** the row's version: its ETag for If-Match */
  version: number;
}

// A type, not an interface: the view is a plain record (assignable where a JSON object is expected).
export type EnrolmentView = {
  id: string;
  kind: string;
  institutionId: string | null;
  startDate: string;
  endDate: string | null;
  version: number;
};

/**
 * The enrolment; registers the child it belongs to. The institution's name is shown where the
 * record was read with it (the case file); the answer to the POST that wrote it names the id only.
 */
export function presentEnrolment(
  row: EnrolmentRecord & { institution_name: string | null },
  personId: string,
  shown: Disclosure,
): EnrolmentView & { institutionName: string | null };
export function presentEnrolment(row: EnrolmentRecord, personId: string, shown: Disclosure): EnrolmentView;
export function presentEnrolment(
  row: EnrolmentRecord & { institution_name?: string | null },
  personId: string,
  shown: Disclosure,
): EnrolmentView & { institutionName?: string | null } {
  shown.person(personId);
  const view: EnrolmentView = {
    id: row.id,
    kind: row.kind,
    institutionId: row.institution_id,
    startDate: row.start_date,
    endDate: row.end_date,
    version: row.version,
  };
  return row.institution_name === undefined ? view : { ...view, institutionName: row.institution_name };
}
