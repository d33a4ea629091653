// The fixed texts of the summons letter and the contract document, one catalogue per language:
// Danish (da.ts, the text that applies) and the translations (ar.ts). Every catalogue has every
// text (a missing one does not compile). The values (dates, times, names, addresses, the goal as
// written) are not in the catalogue: the renderer sets them apart, left to right.
import type { AppointmentPurpose, PlaceKind } from '../../domain/model.js';

export interface LetterTexts {
  /** "Oversættelse til arabisk …": above a translation; empty in Danish. */
  translationNote: string;
  summons: {
    title: string;
    intro: string;
    when: string;
    duration: string;
    minutes: string;
    place: string;
    purpose: string;
    interpreter: string;
    contact: string;
    legalBasis: string;
    placeKind: Record<PlaceKind, string>;
    purposes: Record<AppointmentPurpose, string>;
    interpreterBooked: string;
    noInterpreter: string;
    bringTitle: string;
    bring: readonly string[];
    cancelTitle: string;
    cancel: string;
    phone: string;
    important: string;
    legalBasisIntro: string;
    closing: string;
  };
  contract: {
    title: string;
    intro: string;
    personTitle: string;
    name: string;
    birthDate: string;
    cpr: string;
    address: string;
    takeover: string;
    program: string;
    programs: Record<string, string>;
    languages: string;
    contactPerson: string;
    goalTitle: string;
    goalRule: string;
    goalKind: string;
    goalAsAgreed: string;
    goalKinds: Record<string, string>;
    noGoal: string;
    activitiesTitle: string;
    activityKind: string;
    period: string;
    hours: string;
    provider: string;
    activityKinds: Record<string, string>;
    noActivities: string;
    followUpTitle: string;
    followUp: string;
    followUpDates: string;
    noFollowUps: string;
    repatriation: string;
    signaturesTitle: string;
    signaturesIntro: string;
    citizenSignature: string;
    municipalitySignature: string;
    date: string;
  };
  /** The language names the interpreter note uses, by ISO 639 code. */
  languages: Record<string, string>;
}
