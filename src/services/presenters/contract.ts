// The integration contract of a person, as the case file and the PUT that wrote it show it.
import type { Disclosure } from '../disclosure.js';

export interface ContractRecord {
  goal: string;
  goal_kind: string;
  signed_on: string | null;
  version: number;
}

/** The contract; registers the person it belongs to. */
export function presentContract(row: ContractRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return { goal: row.goal, goalKind: row.goal_kind, signedOn: row.signed_on, version: row.version };
}
