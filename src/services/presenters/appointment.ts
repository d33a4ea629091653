// An appointment as the API and the pages show it (with the other appointments of its caseworker
// it overlaps), a calendar entry (with the person's name), and a proposed appointment; each
// registers the person it is about on the Disclosure.
import { danishTimestamp, type Proposal } from '../../domain/appointments.js';
import { sourceShortDa } from '../../domain/glossary.js';
import type { AppointmentRow, CalendarRow } from '../../repositories/appointments.js';
import type { Disclosure } from '../disclosure.js';

export function presentAppointment(row: AppointmentRow, shown: Disclosure, conflicts: readonly string[] = []) {
  return {
    id: row.id,
    personId: shown.person(row.person_id),
    startsAt: danishTimestamp(row.starts_at),
    endsAt: danishTimestamp(new Date(row.starts_at.getTime() + row.duration_minutes * 60_000)),
    durationMinutes: row.duration_minutes,
    purpose: row.purpose,
    placeKind: row.place_kind,
    place: row.place,
    caseworker: { id: row.caseworker_id, name: row.caseworker_name },
    interpreterLanguage: row.interpreter_language,
    ruleId: row.rule_id,
    note: row.note,
    status: row.status,
    statusReason: row.status_reason,
    conversationId: row.conversation_id,
    followUpId: row.follow_up_id,
    version: row.version,
    conflicts: [...conflicts],
  };
}
export type AppointmentView = ReturnType<typeof presentAppointment>;

export function presentCalendarEntry(row: CalendarRow, shown: Disclosure, conflicts: readonly string[]) {
  return {
    ...presentAppointment(row, shown, conflicts),
    person: { id: row.person_id, givenName: row.given_name, familyName: row.family_name },
  };
}
export type CalendarEntryView = ReturnType<typeof presentCalendarEntry>;

export function presentProposal(p: Proposal, personId: string, shown: Disclosure) {
  shown.person(personId);
  return {
    startsAt: danishTimestamp(p.startsAt),
    date: p.date,
    durationMinutes: p.durationMinutes,
    purpose: p.purpose,
    ruleId: p.ruleId,
    ruleTitle: p.ruleTitle,
    countsFrom: p.window.from,
    countsBefore: p.window.before,
    source: sourceShortDa(p.source),
  };
}
export type ProposalView = ReturnType<typeof presentProposal>;
