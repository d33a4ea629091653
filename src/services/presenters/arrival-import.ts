// The result of an import of arrivals (src/services/arrival-import.ts): per household of the
// notice, whether it was created (or, in a dry run, would be) or skipped as imported before, its
// takeover date with the law's date and why that date is not the 1st, and its members. A member
// who exists in Medborger (created now, or of a skipped household) is a person shown: registered
// on the Disclosure of what was created, or of what was read.
import type { TakeoverShift } from '../../domain/takeover.js';
import type { Disclosure } from '../disclosure.js';

export interface ImportedHousehold {
  reference: string;
  status: 'created' | 'skipped';
  /** null in a dry run, for a household not created */
  householdId: string | null;
  takeoverDate: string;
  statutoryDate: string;
  shift: TakeoverShift | null;
  byConsent: boolean;
  members: {
    /** null in a dry run, for a member not created */
    personId: string | null;
    givenName: string;
    familyName: string;
    birthDate: string;
    relation: string;
    program: string | null;
  }[];
}

export function presentArrivalImport(
  result: { dryRun: boolean; households: readonly ImportedHousehold[] },
  shown: { created: Disclosure; read: Disclosure },
) {
  const register = (h: ImportedHousehold, id: string | null) =>
    id === null ? null : h.status === 'created' ? shown.created.person(id) : shown.read.person(id);
  return {
    dryRun: result.dryRun,
    written: !result.dryRun,
    created: result.households.filter((h) => h.status === 'created').length,
    skipped: result.households.filter((h) => h.status === 'skipped').length,
    households: result.households.map((h) => {
      const members = h.members.map((m) => ({
        personId: register(h, m.personId),
        givenName: m.givenName,
        familyName: m.familyName,
        birthDate: m.birthDate,
        relation: m.relation,
        program: m.program,
      }));
      return {
        reference: h.reference,
        status: h.status,
        id: h.householdId,
        takeoverDate: h.takeoverDate,
        statutoryTakeoverDate: h.statutoryDate,
        takeoverByConsent: h.byConsent,
        takeoverMoved: h.shift ? { from: h.shift.first, skipped: h.shift.skipped.map((s) => ({ ...s })) } : null,
        memberIds: members.flatMap((m) => (m.personId === null ? [] : [m.personId])),
        members,
      };
    }),
  };
}
