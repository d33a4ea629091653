// Letters and documents of a person's case (issue 13): the models of the summons letter
// (indkaldelse) of an appointment and of the integration contract as a document. A service builds
// the model (authorize → one tenant transaction → the person loaded and authorized on → the
// records read → one access-log row for the person, action export); a renderer in src/reports/
// makes the PDF (the routes and pages call both). The models hold values and codes, never Danish
// sentences: the renderer writes them in Danish and, where a translation exists, the person's language.
import { PERSON_FIELDS } from '../domain/authorization.js';
import { inDenmark, purposeOfEvidence, type AppointmentPurpose, type PlaceKind } from '../domain/appointments.js';
import { sourceShortDa } from '../domain/glossary.js';
import { MUNICIPAL_OFFICES, MUNICIPALITIES, type MunicipalOffice } from '../domain/municipalities.js';
import type { RuleSource } from '../domain/rules.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { appointmentOf, appointmentsOfPerson, postalAddressOf } from '../repositories/appointments.js';
import { caseFile } from '../repositories/case-records.js';
import { findPerson } from '../repositories/persons.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import { loadAuthorizedPerson } from './persons.js';

/** The languages whose fixed letter texts are translated (src/reports/letters/). */
export const LETTER_LANGUAGES = ['ar'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

export interface LetterSender {
  name: string;
  office: MunicipalOffice | null;
}

export interface LetterRecipient {
  personId: string;
  name: string;
  /** Street and town, when the household has a dwelling. */
  address: { street: string; town: string } | null;
  /** The person's language the letter is also written in, or null: Danish only. */
  language: LetterLanguage | null;
}

export interface LegalBasis {
  /** e.g. "integrationsloven § 20, stk. 1, 2. pkt." */
  reference: string;
  quote: string;
}

export interface SummonsLetterModel {
  kind: 'summons';
  /** The day the letter is written (the service's today). */
  date: string;
  sender: LetterSender;
  recipient: LetterRecipient;
  appointment: {
    id: string;
    date: string;
    /** HH:MM */
    time: string;
    durationMinutes: number;
    purpose: AppointmentPurpose;
    placeKind: PlaceKind;
    place: string;
    interpreterLanguage: string | null;
  };
  contact: { name: string };
  legalBasis: LegalBasis | null;
}

export interface ContractDocumentModel {
  kind: 'contract';
  date: string;
  sender: LetterSender;
  recipient: LetterRecipient;
  person: {
    birthDate: string;
    cprMasked: string | null;
    takeoverDate: string;
    program: string | null;
    languages: string[];
  };
  contract: { goal: string; goalKind: string; signedOn: string | null } | null;
  activities: {
    kind: string;
    startDate: string;
    endDate: string | null;
    hoursPerWeek: number;
    provider: string | null;
  }[];
  /** The contract follow-ups booked or held, by day. */
  followUps: { date: string; status: string }[];
  contact: { name: string } | null;
  /** The rule of the follow-ups and of the goal (the law's, or the municipality's stricter one). */
  followUpRule: LegalBasis | null;
  goalRule: LegalBasis | null;
}

export type LetterModel = SummonsLetterModel | ContractDocumentModel;

function mustSeeCase(ctx: Ctx): void {
  if (PERSON_FIELDS[ctx.actor.role] !== 'case')
    throw new ForbiddenError(`The role "${ctx.actor.role}" does not see the case, and its letters are part of it.`);
}

function senderOf(code: string): LetterSender {
  const name = MUNICIPALITIES.find((m) => m.code === code)?.name ?? code;
  return { name: `${name} Kommune`, office: MUNICIPAL_OFFICES[code] ?? null };
}

function basisOf(source: RuleSource): LegalBasis {
  return { reference: sourceShortDa(source), quote: source.quote };
}

/** The person's language with a translation of the letters, if any (the first such of their languages). */
function letterLanguage(languages: readonly string[]): LetterLanguage | null {
  return LETTER_LANGUAGES.find((l) => languages.includes(l)) ?? null;
}

async function recipientOf(tx: Tx, personId: string, shown: Disclosure) {
  const person = await findPerson(tx, personId);
  if (!person) throw new NotFoundError('person.not_found', 'The person');
  const address = await postalAddressOf(tx, personId);
  const recipient: LetterRecipient = {
    personId: shown.person(person.id),
    name: `${person.given_name} ${person.family_name}`,
    address: address ? { street: address.address, town: address.town } : null,
    language: letterLanguage(person.languages),
  };
  return { person, recipient };
}

/** The rule a meeting of this purpose serves: the one it was booked for, else the first in force that counts it. */
function ruleFor(code: string, ruleId: string | null, purpose: AppointmentPurpose) {
  const rules = compileRules(shippedPolicies(), code).rules.map((c) => c.rule);
  const named = ruleId ? rules.find((r) => r.id === ruleId) : undefined;
  if (named) return named;
  // A municipal rule that tightens the law's stands for it.
  const counting = rules.filter((r) => r.kind === 'cadence' && purposeOfEvidence(r.evidence) === purpose);
  return counting.find((r) => r.tightens?.length) ?? counting[0];
}

/**
 * The summons letter (indkaldelse) of a planned appointment: the municipality, the person and
 * their address, when, where and how long, the purpose, the interpreter, the contact person, and the
 * rule it is held under. Reading it is logged (export) for the person.
 */
export async function summonsLetter(ctx: Ctx, municipalityCode: string, personId: string, appointmentId: string) {
  authorize(ctx, municipalityCode, 'person.read', personId);
  mustSeeCase(ctx);
  return inTenant(ctx.db, municipalityCode, async (tx): Promise<SummonsLetterModel> => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    const row = await appointmentOf(tx, personId, appointmentId);
    if (!row) throw new NotFoundError('appointment.not_found', 'The appointment');
    const shown = new Disclosure();
    const { recipient } = await recipientOf(tx, personId, shown);
    const local = inDenmark(row.starts_at);
    const rule = ruleFor(municipalityCode, row.rule_id, row.purpose);
    const model: SummonsLetterModel = {
      kind: 'summons',
      date: ctx.today,
      sender: senderOf(municipalityCode),
      recipient,
      appointment: {
        id: row.id,
        date: local.date,
        time: local.time,
        durationMinutes: row.duration_minutes,
        purpose: row.purpose,
        placeKind: row.place_kind,
        place: row.place,
        interpreterLanguage: row.interpreter_language,
      },
      contact: { name: row.caseworker_name },
      legalBasis: rule ? basisOf(rule.source) : null,
    };
    await logDisclosure(tx, ctx, shown, { action: 'export', resource: 'letter' });
    return model;
  });
}

/**
 * The integration contract as a document (BEK nr. 1761 af 30/12/2024): the person's data, the
 * goal, the activities planned with their hours, the follow-ups (booked and held, and the rule),
 * and a place for the signatures of the person and the municipality. Reading it is logged (export).
 */
export async function contractDocument(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'person.read', personId);
  mustSeeCase(ctx);
  return inTenant(ctx.db, municipalityCode, async (tx): Promise<ContractDocumentModel> => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    const shown = new Disclosure();
    const { person, recipient } = await recipientOf(tx, personId, shown);
    const file = await caseFile(tx, personId);
    const appointments = await appointmentsOfPerson(tx, personId);
    const rules = compileRules(shippedPolicies(), municipalityCode).rules.map((c) => c.rule);
    const followUpRule = ruleFor(municipalityCode, null, 'contract_follow_up');
    const goalRule = rules.find((r) => r.id === 'law.contract-1-month');
    const current = file.contactPersons.find((c) => c.to_date === null);
    const model: ContractDocumentModel = {
      kind: 'contract',
      date: ctx.today,
      sender: senderOf(municipalityCode),
      recipient,
      person: {
        birthDate: person.birth_date,
        cprMasked: person.cpr_masked,
        takeoverDate: person.takeover_date,
        program: person.program,
        languages: person.languages,
      },
      contract: file.contract
        ? { goal: file.contract.goal, goalKind: file.contract.goal_kind, signedOn: file.contract.signed_on }
        : null,
      activities: file.activities.map((a) => ({
        kind: a.kind,
        startDate: a.start_date,
        endDate: a.end_date,
        hoursPerWeek: a.hours_per_week,
        provider: a.provider,
      })),
      followUps: [
        ...appointments
          .filter((a) => a.purpose === 'contract_follow_up' && (a.status === 'planned' || a.status === 'held'))
          .map((a) => ({ date: inDenmark(a.starts_at).date, status: a.status })),
        ...file.conversations
          .filter((c) => c.kind === 'contract_follow_up' && !appointments.some((a) => a.conversation_id === c.id))
          .map((c) => ({ date: c.held_on, status: 'held' })),
      ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      contact: current ? { name: current.user_name } : null,
      followUpRule: followUpRule ? basisOf(followUpRule.source) : null,
      goalRule: goalRule ? basisOf(goalRule.source) : null,
    };
    await logDisclosure(tx, ctx, shown, { action: 'export', resource: 'contract' });
    return model;
  });
}
