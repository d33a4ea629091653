// An activity of a person's case (Danish education, internship, job …).
import type { Disclosure } from '../disclosure.js';

export interface ActivityRecord {
  id: string;
  kind: string;
  start_date: string;
  end_date: string | null;
  /** numeric in the database: a string on some drivers */
  hours_per_week: number | string;
  provider: string | null;
  /** the row's version: its ETag for If-Match */
  version: number;
}

/** The activity; registers the person it belongs to. */
export function presentActivity(row: ActivityRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return {
    id: row.id,
    kind: row.kind,
    startDate: row.start_date,
    endDate: row.end_date,
    hoursPerWeek: Number(row.hours_per_week),
    provider: row.provider,
    version: row.version,
  };
}
