// A person's closed case: the day, why, the municipality moved to, who recorded it, and its
// version (the ETag to undo it with).
import type { ClosureRow } from '../../repositories/closures.js';
import type { Disclosure } from '../disclosure.js';

/** The closure; registers the person it belongs to. */
export function presentClosure(row: ClosureRow, shown: Disclosure) {
  return {
    id: row.id,
    personId: shown.person(row.person_id),
    date: row.closed_on,
    reason: row.reason,
    movedToMunicipality: row.moved_to === null ? null : { code: row.moved_to, name: row.moved_to_name ?? row.moved_to },
    version: row.version,
    closedAt: new Date(row.created_at).toISOString(),
    closedBy: row.created_by === null ? null : { id: row.created_by, name: row.created_by_name },
  };
}

export type ClosureView = ReturnType<typeof presentClosure>;
