// Persons and households: register an arriving household, read a person's case, search, change.
// Each operation authorizes, runs in one tenant transaction and writes its access-log row(s) in
// that same transaction, so that no use of personal data goes unlogged and no log row exists
// for a use that did not happen.
import { formatCpr, looksLikeCpr, maskCpr, parseCpr, type CprKind } from '../domain/cpr.js';
import type { Role } from '../domain/authorization.js';
import { checkNewHousehold, programFor, type HouseholdRelation, type NewMember, type Program, type ResidenceBasis, type Sex } from '../domain/model.js';
import { inTenant } from '../db/tenant.js';
import { recordAccess } from '../repositories/access-log.js';
import { caseFile } from '../repositories/case-records.js';
import * as persons from '../repositories/persons.js';
import { authorize, type Ctx } from './context.js';
import { ConflictError, NotFoundError, PreconditionFailedError, PreconditionRequiredError, UnprocessableError } from './errors.js';
import { etagOf, matchesEtag } from './etag.js';

export interface RegisterHouseholdInput {
  takeoverDate: string;
  arrivalDate?: string | undefined;
  members: (NewMember & { countryOfOrigin?: string | undefined; languages?: string[] | undefined })[];
}

export async function registerHousehold(ctx: Ctx, municipalityCode: string, input: RegisterHouseholdInput) {
  authorize(ctx, municipalityCode, 'household.create');
  const problems = checkNewHousehold(input, ctx.today);
  if (problems.length > 0) throw new UnprocessableError('The household cannot be registered as given.', problems);

  const rows = input.members.map((m) => {
    const cpr = m.cpr === undefined ? null : parseCpr(m.cpr);
    const normalized = cpr?.ok ? cpr.value.normalized : null;
    return {
      municipality_code: municipalityCode,
      household_id: '',
      household_relation: m.relation,
      given_name: m.givenName,
      family_name: m.familyName,
      birth_date: m.birthDate,
      sex: m.sex,
      cpr_cipher: normalized ? ctx.vault.encrypt(normalized) : null,
      cpr_hash: normalized ? ctx.vault.searchHash(normalized) : null,
      cpr_masked: normalized ? maskCpr(normalized) : null,
      cpr_kind: cpr?.ok ? cpr.value.kind : null,
      residence_basis: m.residenceBasis,
      program: programFor(m.residenceBasis, m.birthDate, input.takeoverDate),
      country_of_origin: m.countryOfOrigin ?? null,
      languages: m.languages ?? [],
      arrival_date: input.arrivalDate ?? null,
      takeover_date: input.takeoverDate,
    };
  });

  return inTenant(ctx.db, municipalityCode, async (tx) => {
    for (const [i, row] of rows.entries()) {
      if (row.cpr_hash && (await persons.findPersonByCprHash(tx, row.cpr_hash))) {
        throw new UnprocessableError('A member is already registered in this municipality.', [
          { pointer: `/members/${i}/cpr`, detail: 'A person with this CPR number is already registered; search for the person instead.' },
        ]);
      }
    }
    const household = await persons.insertHousehold(tx, { municipality_code: municipalityCode, arrival_date: input.arrivalDate ?? null, takeover_date: input.takeoverDate });
    const inserted = await persons.insertPersons(tx, rows.map((r) => ({ ...r, household_id: household.id })));
    await recordAccess(tx, ctx, inserted.map((p) => ({ personId: p.id, action: 'create', resource: 'household' })));
    return {
      householdId: household.id,
      members: inserted.map((p, i) => ({ personId: p.id, givenName: rows[i]!.given_name, relation: rows[i]!.household_relation as HouseholdRelation })),
    };
  });
}

/** What each role may see of a person (data minimisation). Caseworkers see the whole case. */
const SECTIONS: Record<Role, 'case' | 'children' | 'basic'> = {
  admin: 'case', team_lead: 'case', caseworker: 'case', citizen: 'case',
  institution: 'children', housing: 'basic', volunteer_coordinator: 'basic', analyst: 'basic',
};

export function personView(row: persons.PersonRow, extras: { cpr: string | null }) {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    householdId: row.household_id,
    relation: row.household_relation as HouseholdRelation,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    sex: row.sex as Sex,
    cpr: extras.cpr,
    cprKind: row.cpr_kind as CprKind | null,
    residenceBasis: row.residence_basis as ResidenceBasis,
    program: row.program as Program | null,
    countryOfOrigin: row.country_of_origin,
    languages: row.languages,
    arrivalDate: row.arrival_date,
    takeoverDate: row.takeover_date,
    synthetic: row.synthetic,
    version: row.version,
  };
}

export async function getPerson(ctx: Ctx, municipalityCode: string, personId: string, options: { revealCpr?: boolean } = {}) {
  authorize(ctx, municipalityCode, options.revealCpr ? 'person.readFullCpr' : 'person.read', personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const row = await persons.findPerson(tx, personId);
    if (!row) throw new NotFoundError('The person');
    const section = SECTIONS[ctx.actor.role];
    const { household, members } = await persons.householdWithMembers(tx, row.household_id);
    const records = section === 'basic' ? null : await caseFile(tx, personId);
    const cpr = options.revealCpr && row.cpr_cipher ? formatCpr(ctx.vault.decrypt(row.cpr_cipher)) : row.cpr_masked;
    await recordAccess(tx, ctx, [{ personId, action: 'read', resource: 'person', criterion: options.revealCpr ? 'full CPR number shown' : null }]);
    return {
      etag: etagOf(row.version),
      person: {
        ...personView(row, { cpr }),
        household: {
          id: household.id,
          arrivalDate: household.arrival_date,
          takeoverDate: household.takeover_date,
          members: members.map((m) => ({ personId: m.id, givenName: m.given_name, familyName: m.family_name, birthDate: m.birth_date, relation: m.household_relation })),
        },
        ...(records && section === 'case' ? caseSections(records) : {}),
        ...(records && section === 'children' ? childSections(records) : {}),
      },
    };
  });
}

type CaseFile = Awaited<ReturnType<typeof caseFile>>;

function childSections(r: CaseFile) {
  return {
    enrolments: r.enrolments.map((e) => ({ id: e.id, kind: e.kind, institutionId: e.institution_id, institutionName: e.institution_name, startDate: e.start_date, endDate: e.end_date })),
    languageAssessments: r.languageAssessments.map((a) => ({ id: a.id, assessedOn: a.assessed_on, result: a.result, note: a.note })),
  };
}

function caseSections(r: CaseFile) {
  const current = r.contactPersons.find((c) => c.to_date === null) ?? null;
  return {
    visitation: r.visitation ? { heldOn: r.visitation.held_on, resources: r.visitation.resources, qualifications: r.visitation.qualifications, wishes: r.visitation.wishes, challenges: r.visitation.challenges, version: r.visitation.version } : null,
    contract: r.contract ? { goal: r.contract.goal, goalKind: r.contract.goal_kind, signedOn: r.contract.signed_on, version: r.contract.version } : null,
    contactPerson: current ? { userId: current.user_id, name: current.user_name, fromDate: current.from_date, version: r.contactPersons.length } : null,
    contactPersonHistory: r.contactPersons.map((c) => ({ userId: c.user_id, name: c.user_name, fromDate: c.from_date, toDate: c.to_date })),
    activities: r.activities.map((a) => ({ id: a.id, kind: a.kind, startDate: a.start_date, endDate: a.end_date, hoursPerWeek: Number(a.hours_per_week), provider: a.provider })),
    conversations: r.conversations.map((c) => ({ id: c.id, date: c.held_on, kind: c.kind, repatriationGuidance: c.repatriation_guidance, repatriationNote: c.repatriation_note, interpreterLanguage: c.interpreter_language, note: c.note })),
    ...childSections(r),
    followUps: r.followUps.map((f) => ({ id: f.id, date: f.held_on, kind: f.kind, note: f.note })),
  };
}

const SEARCH_LIMIT = 50;

/** Search by CPR number (exact, through the keyed hash) or by name words. Logged with its criterion. */
export async function searchPersons(ctx: Ctx, municipalityCode: string, query: string) {
  authorize(ctx, municipalityCode, 'person.search');
  const text = query.trim().replace(/\s+/g, ' ');
  if (text.length < 2) throw new UnprocessableError('Search with at least two characters: a name or a CPR number.', [{ pointer: '/query', detail: 'Too short.' }]);
  const asCpr = looksLikeCpr(text) ? parseCpr(text) : null;
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    let hits: Awaited<ReturnType<typeof persons.searchByName>>;
    let criterion: string;
    if (asCpr) {
      if (!asCpr.ok) throw new UnprocessableError(asCpr.reason, [{ pointer: '/query', detail: asCpr.reason }]);
      hits = await persons.searchByCprHash(tx, ctx.vault.searchHash(asCpr.value.normalized));
      criterion = `CPR ${maskCpr(asCpr.value.normalized)}`; // never the full number, not even in the log
    } else {
      hits = await persons.searchByName(tx, text.split(' ').slice(0, 5), SEARCH_LIMIT);
      criterion = `navn "${text.slice(0, 100)}"`;
    }
    // One row per person shown, so each person's own extract lists the search; one row without a
    // person when nothing was found, so the search itself is never unlogged.
    await recordAccess(tx, ctx, hits.length > 0
      ? hits.map((h) => ({ personId: h.id, action: 'search' as const, resource: 'person-search', criterion }))
      : [{ personId: null, action: 'search', resource: 'person-search', criterion }]);
    return {
      query: text,
      results: hits.map((h) => ({ id: h.id, givenName: h.given_name, familyName: h.family_name, birthDate: h.birth_date, cpr: h.cpr_masked, householdId: h.household_id, synthetic: h.synthetic })),
      truncated: hits.length === SEARCH_LIMIT,
    };
  });
}

export interface PersonChanges {
  givenName?: string | undefined;
  familyName?: string | undefined;
  birthDate?: string | undefined;
  sex?: Sex | undefined;
  cpr?: string | null | undefined;
  residenceBasis?: ResidenceBasis | undefined;
  program?: Program | null | undefined;
  countryOfOrigin?: string | null | undefined;
  languages?: string[] | undefined;
  arrivalDate?: string | null | undefined;
  takeoverDate?: string | undefined;
}

/** Changes a person, guarded by If-Match (428 without it, 412 when stale). */
export async function updatePerson(ctx: Ctx, municipalityCode: string, personId: string, ifMatch: string | undefined, changes: PersonChanges) {
  authorize(ctx, municipalityCode, 'person.update', personId);
  if (ifMatch === undefined) throw new PreconditionRequiredError();
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const current = await persons.findPerson(tx, personId);
    if (!current) throw new NotFoundError('The person');
    if (!matchesEtag(ifMatch, current.version)) throw new PreconditionFailedError(etagOf(current.version));

    const birthDate = changes.birthDate ?? current.birth_date;
    const set: Parameters<typeof persons.updatePersonIfVersion>[3] = {};
    if (changes.givenName !== undefined) set.given_name = changes.givenName;
    if (changes.familyName !== undefined) set.family_name = changes.familyName;
    if (changes.birthDate !== undefined) set.birth_date = changes.birthDate;
    if (changes.sex !== undefined) set.sex = changes.sex;
    if (changes.residenceBasis !== undefined) set.residence_basis = changes.residenceBasis;
    if (changes.program !== undefined) set.program = changes.program;
    if (changes.countryOfOrigin !== undefined) set.country_of_origin = changes.countryOfOrigin;
    if (changes.languages !== undefined) set.languages = changes.languages;
    if (changes.arrivalDate !== undefined) set.arrival_date = changes.arrivalDate;
    if (changes.takeoverDate !== undefined) set.takeover_date = changes.takeoverDate;
    if (changes.birthDate !== undefined && changes.birthDate > ctx.today) {
      throw new UnprocessableError('The birth date lies in the future.', [{ pointer: '/birthDate', detail: 'The birth date lies in the future.' }]);
    }
    if (changes.cpr === null) {
      Object.assign(set, { cpr_cipher: null, cpr_hash: null, cpr_masked: null, cpr_kind: null });
    } else if (changes.cpr !== undefined) {
      const parsed = parseCpr(changes.cpr);
      if (!parsed.ok) throw new UnprocessableError(parsed.reason, [{ pointer: '/cpr', detail: parsed.reason }]);
      if (parsed.value.birthDate !== birthDate) {
        const detail = `The CPR number gives the birth date ${parsed.value.birthDate}, but the person's birth date is ${birthDate}.`;
        throw new UnprocessableError(detail, [{ pointer: '/cpr', detail }]);
      }
      const hash = ctx.vault.searchHash(parsed.value.normalized);
      const other = await persons.findPersonByCprHash(tx, hash);
      if (other && other.id !== personId) throw new ConflictError('Another person in this municipality has this CPR number.');
      Object.assign(set, { cpr_cipher: ctx.vault.encrypt(parsed.value.normalized), cpr_hash: hash, cpr_masked: maskCpr(parsed.value.normalized), cpr_kind: parsed.value.kind });
    } else if (changes.birthDate !== undefined && current.cpr_cipher) {
      // A birth date change must still agree with the CPR number on file.
      const onFile = parseCpr(ctx.vault.decrypt(current.cpr_cipher));
      if (onFile.ok && onFile.value.birthDate !== changes.birthDate) {
        const detail = `The birth date must agree with the CPR number on file (${current.cpr_masked}); change both together.`;
        throw new UnprocessableError(detail, [{ pointer: '/birthDate', detail }]);
      }
    }

    const updated = await persons.updatePersonIfVersion(tx, personId, current.version, set);
    if (!updated) throw new PreconditionFailedError(etagOf(current.version + 1));
    await recordAccess(tx, ctx, [{ personId, action: 'change', resource: 'person', criterion: Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined).join(', ') }]);
    return { etag: etagOf(updated.version), person: personView(updated, { cpr: updated.cpr_masked }) };
  });
}
