// Records that change: the case records a case worker can end, correct or delete, the operations
// the history records, and which operation a change is. Pure.

/** The appended case records that can be changed (their history rows name them so). */
export const RECORD_KINDS = ['activity', 'enrolment', 'conversation', 'follow_up', 'language_assessment'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What a history row records: a correction, the end of a record with a period, a deletion. */
export const RECORD_OPERATIONS = ['change', 'end', 'delete'] as const;
export type RecordOperation = (typeof RECORD_OPERATIONS)[number];

/**
 * A correction that only sets the last day of a record that had none (or moves it) is its end;
 * any other change is a correction. `changed` lists the fields whose value differs.
 */
export function operationOf(changed: readonly string[], periodEnd: string | null): Exclude<RecordOperation, 'delete'> {
  return periodEnd !== null && changed.length === 1 && changed[0] === periodEnd ? 'end' : 'change';
}

/** The fields of `after` whose value differs from `before` (JSON comparison; absent fields are unchanged). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => k in before && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
