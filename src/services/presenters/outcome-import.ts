// The result of a CSV import of outcome records (src/services/outcome-import.ts): how many records
// of each kind were written (or, in a dry run, would be), and the persons they belong to, each
// registered on the response's Disclosure.
import type { OutcomeRecordKind } from '../../domain/outcomes.js';
import type { Disclosure } from '../disclosure.js';

export interface OutcomeImportResult {
  dryRun: boolean;
  /** the lines (records) of the file */
  lines: number;
  counts: Record<OutcomeRecordKind, number>;
  /** person id → the number of records of the file that are theirs, in the order first named */
  persons: ReadonlyMap<string, number>;
}

export function presentOutcomeImport(result: OutcomeImportResult, shown: Disclosure) {
  return {
    dryRun: result.dryRun,
    written: !result.dryRun,
    lines: result.lines,
    records: { ...result.counts },
    personCount: result.persons.size,
    persons: [...result.persons].map(([id, records]) => ({ personId: shown.person(id), records })),
  };
}
