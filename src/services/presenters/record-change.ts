// A case record's history (and a closure's): each change, end or deletion with who made it, when,
// why, and the record's fields before it; the record as it is now (null once deleted). Registers
// the person whose record it is.
import type { RecordOperation } from '../../domain/record-changes.js';
import type { Disclosure } from '../disclosure.js';

export interface RecordChangeRow {
  id: string;
  record_kind: string;
  record_id: string;
  operation: RecordOperation;
  reason: string | null;
  before: Record<string, unknown>;
  changed_at: Date;
  changed_by: string;
  changed_by_name: string | null;
}

/** A record's API fields without its identity and version (what a history row keeps, and what a correction patches). */
export function recordFields(view: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _version, institutionName: _name, ...fields } = view;
  return fields;
}

export function presentRecordChange(row: RecordChangeRow, personId: string, shown: Disclosure) {
  shown.person(personId);
  return {
    id: row.id,
    recordKind: row.record_kind,
    recordId: row.record_id,
    operation: row.operation,
    reason: row.reason,
    before: row.before,
    changedAt: new Date(row.changed_at).toISOString(),
    changedBy: { id: row.changed_by, name: row.changed_by_name },
  };
}

/** The history of one record: the person it belongs to (by name, for the page's heading), the record now, its changes oldest first. */
export function presentRecordHistory(
  person: { id: string; given_name: string; family_name: string },
  kind: string,
  recordId: string,
  current: { id: string; version: number } | null,
  changes: RecordChangeRow[],
  shown: Disclosure,
) {
  return {
    personId: shown.person(person.id),
    person: { givenName: person.given_name, familyName: person.family_name },
    recordKind: kind,
    recordId,
    current,
    changes: changes.map((c) => presentRecordChange(c, person.id, shown)),
  };
}
