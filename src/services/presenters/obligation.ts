// Obligations from law and policy: one as any view lists it, a person's list, and a row of the
// worklist (the person, their current contact person and one obligation).
import type { Obligation } from '../../domain/obligations.js';
import { danishTimestamp } from '../../domain/appointments.js';
import { daysOverdue, shortSource, worklistGroup } from '../../domain/worklist.js';
import type { Disclosure } from '../disclosure.js';

/** One obligation: rule, due date, status, and the evidence, reason, interpretation and tightened law where there are any. */
export function presentObligation(o: Obligation) {
  return {
    ruleId: o.ruleId,
    title: o.title,
    kind: o.kind,
    layer: o.layer,
    dueDate: o.dueDate,
    status: o.status,
    ...(o.evidence ? { evidence: o.evidence } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
    source: o.source,
    ...(o.interpretation ? { interpretation: o.interpretation } : {}),
    ...(o.tightens ? { tightens: o.tightens } : {}),
  };
}

/** A person's obligations on a day; registers the person. */
export function presentPersonObligations(personId: string, on: string, obligations: Obligation[], shown: Disclosure) {
  return { on, personId: shown.person(personId), obligations: obligations.map(presentObligation) };
}

export interface WorklistPerson {
  personId: string;
  givenName: string;
  familyName: string;
  contactPerson: { userId: string; name: string } | null;
}

/** A row of the worklist on a day: its group, days overdue and the rule's short source; registers the person. */
export function presentWorklistItem(
  person: WorklistPerson,
  o: Obligation,
  on: string,
  shown: Disclosure,
  booked: { id: string; startsAt: Date } | null = null,
) {
  return {
    personId: shown.person(person.personId),
    givenName: person.givenName,
    familyName: person.familyName,
    contactPerson: person.contactPerson,
    ...presentObligation(o),
    group: worklistGroup(o, on),
    daysOverdue: daysOverdue(o, on),
    sourceShort: shortSource(o.source),
    /** The planned appointment booked against the obligation's rule, if any (Danish local time). */
    booked: booked ? { appointmentId: booked.id, startsAt: danishTimestamp(booked.startsAt) } : null,
  };
}
