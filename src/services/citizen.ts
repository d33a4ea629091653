// The citizen's own pages (/borger/) and GET /api/v1/me (issue 14), one operation each: authorize
// (a citizen, on their own person) → one tenant transaction → the person, authorized on the
// loaded record → the page's data → one access-log row for every person shown (the citizen; each
// child on Børn) with the citizen's purpose → the view. Texts are codes and values: the pages and
// the API say them in the citizen's language. Sign-in finds the person by the CPR claim through
// the vault's search hash, never by name.
import { serviceNow } from '../domain/appointments.js';
import type { Actor } from '../domain/authorization.js';
import { childrenShownTo, citizenStepOf } from '../domain/citizen-plan.js';
import { parseCpr } from '../domain/cpr.js';
import { addDays, ageOn } from '../domain/dates.js';
import { isPersonRule } from '../domain/obligations.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { localOffers } from '../policy/offers.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import type { Rule } from '../policy/schema.js';
import { appointmentOf, appointmentsOfPerson } from '../repositories/appointments.js';
import { caseFile } from '../repositories/case-records.js';
import { associationsWithTown, citizensWithUpcomingAppointments, volunteerCounts } from '../repositories/citizen.js';
import { accessLogForPerson } from '../repositories/access-log.js';
import { insertToken, insertUser, recordAudit, userByIdentity } from '../repositories/identities.js';
import { findPerson, findPersonByCprHash, householdWithMembers } from '../repositories/persons.js';
import { PERSON_ISSUER } from '../security/identities.js';
import { hashToken, newToken } from '../security/tokens.js';
import { authorize, type Ctx, type Database, type Vault } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import { obligationsOfReached } from './obligations.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentAccessLogEntry } from './presenters/access-log.js';
import {
  presentChild,
  presentCitizenActivity,
  presentCitizenAppointment,
  presentMe,
  presentSteps,
  type MeView,
} from './presenters/citizen.js';

/** The purpose every citizen page records (the role's default: the citizen's own insight). */
const RESOURCE = 'citizen';

// ---- Sign-in -----------------------------------------------------------------------------------

export interface CitizenSignInInput {
  municipalityCode: string;
  /** The CPR claim of the identity provider (MitID through the broker). */
  cpr: string;
  hours: number;
}

/**
 * A citizen's browser session: the person is found by the CPR number's search hash in the
 * municipality (never by name); their one citizen user (issuer urn:medborger:person, subject the
 * person id) gets a session token; audited. Null when no person of the municipality has the number.
 */
export async function signInCitizen(
  db: Database,
  vault: Vault,
  input: CitizenSignInInput,
): Promise<{ token: string; expiresAt: Date } | null> {
  const parsed = parseCpr(input.cpr);
  if (!parsed.ok) return null;
  const hash = vault.searchHash(parsed.value.normalized);
  const token = newToken(input.municipalityCode);
  const expiresAt = new Date(Date.now() + input.hours * 3_600_000);
  return inTenant(db, input.municipalityCode, async (tx) => {
    const found = await findPersonByCprHash(tx, hash);
    if (!found) return null;
    const person = await findPerson(tx, found.id);
    if (!person) return null;
    const user =
      (await userByIdentity(tx, PERSON_ISSUER, person.id)) ??
      (await insertUser(tx, {
        municipalityCode: input.municipalityCode,
        name: `${person.given_name} ${person.family_name}`.slice(0, 200),
        role: 'citizen',
        kind: 'person',
        issuer: PERSON_ISSUER,
        subject: person.id,
        personId: person.id,
        synthetic: person.synthetic,
        createdBy: null,
      }));
    const { id } = await insertToken(tx, {
      municipalityCode: input.municipalityCode,
      userId: user.id,
      hash: hashToken(token),
      expiresAt,
      kind: 'session',
      createdBy: user.id,
    });
    await recordAudit(tx, {
      municipalityCode: input.municipalityCode,
      event: 'session.started',
      actor: { userId: user.id, name: user.name, role: user.role },
      subject: user,
      tokenId: id,
      expiresAt,
    });
    return { token, expiresAt };
  });
}

export interface DemoCitizen {
  /** The demo identity provider's subject. */
  subject: string;
  name: string;
  municipalityCode: string;
  /** The CPR claim the demo provider sends (as MitID would); never shown on its page. */
  cpr: string;
  parent: boolean;
}

/**
 * The demo citizens the local identity provider lists: per municipality, adults with a CPR number
 * and an upcoming appointment (the seed books one for each), a parent first. Read at start-up
 * without an actor, like the demo staff; the CPR numbers are decrypted for the demo provider's
 * claims only.
 */
export async function demoCitizens(
  db: Database,
  vault: Vault,
  municipalityCodes: readonly string[],
  today: string,
  perMunicipality = 3,
): Promise<DemoCitizen[]> {
  const now = serviceNow(today);
  const adultBornBefore = addDays(today, -18 * 366);
  const lists = await Promise.all(
    municipalityCodes.map((code) =>
      inTenant(db, code, async (tx) => {
        const rows = await citizensWithUpcomingAppointments(tx, now, adultBornBefore, 50);
        const parents = rows.filter(
          (r) => r.has_child && (r.household_relation === 'head' || r.household_relation === 'spouse'),
        );
        const others = rows.filter((r) => !parents.includes(r));
        return [...parents.slice(0, 1), ...others, ...parents.slice(1)]
          .slice(0, perMunicipality)
          .map((r): DemoCitizen => ({
            subject: `citizen:${code}:${r.id}`,
            name: `${r.given_name} ${r.family_name}`,
            municipalityCode: code,
            cpr: r.cpr_cipher ? vault.decrypt(r.cpr_cipher) : '',
            parent: parents.includes(r),
          }));
      }),
    ),
  );
  return lists.flat().filter((c) => c.cpr !== '');
}

// ---- The pages ---------------------------------------------------------------------------------

/** Only a citizen has pages of their own, and only their own person. */
function ownPerson(ctx: Ctx): string {
  if (ctx.actor.role !== 'citizen' || ctx.actor.personId === null)
    throw new ForbiddenError('Only a citizen has the citizen pages.');
  authorize(ctx, ctx.actor.municipalityCode, 'person.read', ctx.actor.personId);
  return ctx.actor.personId;
}

/** The citizen, loaded and authorized on the record, with their household's members. */
async function loadMe(tx: Tx, ctx: Ctx, personId: string, shown: Disclosure) {
  await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
  const person = await findPerson(tx, personId);
  if (!person) throw new NotFoundError('person.not_found', 'The person');
  const { members } = await householdWithMembers(tx, person.household_id);
  return { person, members, me: presentMe(person, shown) };
}

function rulesById(municipalityCode: string): ReadonlyMap<string, Rule> {
  const { rules } = compileRules(shippedPolicies(), municipalityCode);
  const byId = new Map<string, Rule>();
  for (const c of rules) {
    byId.set(c.rule.id, c.rule);
    for (const t of c.tightened ?? []) byId.set(t.rule.id, t.rule);
  }
  return byId;
}

async function planOf(tx: Tx, ctx: Ctx, personId: string, shown: Disclosure) {
  const obligations = await obligationsOfReached(tx, ctx, personId, ctx.today);
  const steps = presentSteps(obligations, rulesById(ctx.actor.municipalityCode), personId, shown);
  const records = await caseFile(tx, personId);
  const current = records.contactPersons.find((c) => c.to_date === null) ?? null;
  const offers = localOffers(ctx.actor.municipalityCode);
  shown.person(personId);
  return {
    steps,
    contactPerson: current ? { name: current.user_name, since: current.from_date } : null,
    /** How to reach the contact person: the jobcenter's phone and mail. */
    reach: offers
      ? { phone: offers.contact.phone ?? null, email: offers.contact.email ?? null, office: offers.contact.name }
      : null,
    activities: records.activities.map((a) => presentCitizenActivity(a, personId, shown)),
  };
}

async function upcomingOf(tx: Tx, ctx: Ctx, personId: string, shown: Disclosure) {
  const now = serviceNow(ctx.today);
  shown.person(personId);
  return (await appointmentsOfPerson(tx, personId))
    .filter((a) => a.status === 'planned' && a.starts_at.getTime() + a.duration_minutes * 60_000 > now.getTime())
    .map((a) => presentCitizenAppointment(a, shown));
}

async function childrenOf(
  tx: Tx,
  ctx: Ctx,
  person: { id: string; birth_date: string; household_relation: string },
  members: readonly {
    id: string;
    given_name: string;
    family_name: string;
    birth_date: string;
    household_relation: string;
  }[],
  shown: Disclosure,
) {
  const shownChildren = childrenShownTo(
    { id: person.id, birthDate: person.birth_date, relation: person.household_relation },
    members.map((m) => ({ id: m.id, birthDate: m.birth_date, relation: m.household_relation })),
    ctx.today,
  );
  const rules = rulesById(ctx.actor.municipalityCode);
  const children = [];
  for (const c of shownChildren) {
    const child = members.find((m) => m.id === c.id);
    if (!child) continue;
    const records = await caseFile(tx, child.id);
    const throwaway = new Disclosure();
    const steps = presentSteps(await obligationsOfReached(tx, ctx, child.id, ctx.today), rules, child.id, throwaway);
    children.push(presentChild(child, ageOn(child.birth_date, ctx.today), records, steps, shown));
  }
  return children;
}

async function finish<T>(tx: Tx, ctx: Ctx, shown: Disclosure, page: string, view: T): Promise<T> {
  await logDisclosure(tx, ctx, shown, { action: 'read', resource: `${RESOURCE}-${page}` });
  return view;
}

/** Min plan: the next steps in plain words, what is done, the contact person and how to reach them, the next appointment. */
export async function citizenPlan(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me } = await loadMe(tx, ctx, personId, shown);
    const plan = await planOf(tx, ctx, personId, shown);
    const upcoming = await upcomingOf(tx, ctx, personId, shown);
    return finish(tx, ctx, shown, 'plan', {
      me,
      next: plan.steps.next,
      done: plan.steps.done,
      contactPerson: plan.contactPerson,
      reach: plan.reach,
      nextAppointment: upcoming[0] ?? null,
    });
  });
}

/** Aftaler: the upcoming appointments with time, place and interpreter. */
export async function citizenAppointments(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me } = await loadMe(tx, ctx, personId, shown);
    return finish(tx, ctx, shown, 'appointments', { me, appointments: await upcomingOf(tx, ctx, personId, shown) });
  });
}

/** One of the citizen's own appointments, for its calendar file (.ics): an export of the citizen's data. */
export async function citizenAppointmentFile(ctx: Ctx, appointmentId: string) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    // Only the citizen's own appointments: another person's id is not found, like an unknown one.
    const row = /^[0-9a-f-]{36}$/i.test(appointmentId) ? await appointmentOf(tx, personId, appointmentId) : undefined;
    if (!row) throw new NotFoundError('appointment.not_found', 'The appointment');
    const appointment = presentCitizenAppointment(row, shown);
    await logDisclosure(tx, ctx, shown, { action: 'export', resource: `${RESOURCE}-appointment-file` });
    return { appointment, status: row.status };
  });
}

/** Aktiviteter: Danish education and company-based offers with their hours. */
export async function citizenActivities(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me } = await loadMe(tx, ctx, personId, shown);
    const records = await caseFile(tx, personId);
    const activities = records.activities.map((a) => presentCitizenActivity(a, personId, shown));
    return finish(tx, ctx, shown, 'activities', { me, activities });
  });
}

/** Børn: for a parent, each child under 18 of the household with daycare, school, reception class, SFO, language assessment. */
export async function citizenChildren(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me, person, members } = await loadMe(tx, ctx, personId, shown);
    return finish(tx, ctx, shown, 'children', { me, children: await childrenOf(tx, ctx, person, members, shown) });
  });
}

/** Rettigheder og pligter: the person's program, and each rule that applies to them with its source. */
export async function citizenRights(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me } = await loadMe(tx, ctx, personId, shown);
    const obligations = await obligationsOfReached(tx, ctx, personId, ctx.today);
    const { next, done } = presentSteps(obligations, rulesById(ctx.actor.municipalityCode), personId, shown);
    const rules = [...next, ...done].sort((a, b) => (a.layer === b.layer ? 0 : a.layer === 'law' ? -1 : 1));
    return finish(tx, ctx, shown, 'rights', { me, program: me.program, rules });
  });
}

/** Tilbud i nærheden: the municipality's associations and volunteers (counts), its language school, culture and leisure. */
export async function citizenOffers(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me } = await loadMe(tx, ctx, personId, shown);
    const offers = localOffers(ctx.actor.municipalityCode);
    const associations = (await associationsWithTown(tx)).map((a) => ({
      name: a.name,
      kind: a.kind,
      town: a.town_name,
    }));
    const volunteers = await volunteerCounts(tx);
    return finish(tx, ctx, shown, 'offers', { me, offers, associations, volunteers });
  });
}

/** Hjemrejse: the advising organisation's contact (the texts are the pages'). */
export async function citizenRepatriation(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me } = await loadMe(tx, ctx, personId, shown);
    const advisor = localOffers(ctx.actor.municipalityCode)?.repatriation ?? null;
    return finish(tx, ctx, shown, 'repatriation', { me, advisor });
  });
}

/** Kommunens integrationspolitik: the vision (the municipality's Danish words) and its promises as plain steps. */
export async function citizenPolicy(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me } = await loadMe(tx, ctx, personId, shown);
    const { rules, policy } = compileRules(shippedPolicies(), ctx.actor.municipalityCode);
    const promises = [
      ...new Set(rules.filter((c) => c.layer !== 'national' && isPersonRule(c)).map((c) => citizenStepOf(c.rule))),
    ];
    return finish(tx, ctx, shown, 'policy', {
      me,
      title: policy?.policy.title ?? null,
      vision: policy?.policy.vision ?? null,
      promises,
    });
  });
}

/** Hvem har brugt mine oplysninger: dates, actions and purposes; never a staff member's name. */
export async function citizenAccessLog(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me } = await loadMe(tx, ctx, personId, shown);
    const LIMIT = 200;
    const rows = await accessLogForPerson(tx, personId, LIMIT);
    const entries = rows.map((r) => presentAccessLogEntry(r, 'citizen'));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'access-log' });
    return { me, entries, truncated: rows.length === LIMIT };
  });
}

/** GET /api/v1/me: the plan (next steps, done, contact person), the appointments, the activities and the children. */
export async function citizenOverview(ctx: Ctx) {
  const personId = ownPerson(ctx);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const { me, person, members } = await loadMe(tx, ctx, personId, shown);
    const plan = await planOf(tx, ctx, personId, shown);
    const appointments = await upcomingOf(tx, ctx, personId, shown);
    const children = await childrenOf(tx, ctx, person, members, shown);
    return finish(tx, ctx, shown, 'me', {
      me,
      next: plan.steps.next,
      done: plan.steps.done,
      contactPerson: plan.contactPerson,
      reach: plan.reach,
      appointments,
      activities: plan.activities,
      children,
    });
  });
}

export type { MeView };
/** Whether an actor is a citizen (the citizen pages' sessions hold only citizens). */
export function isCitizen(actor: Actor): boolean {
  return actor.role === 'citizen' && actor.personId !== null;
}
