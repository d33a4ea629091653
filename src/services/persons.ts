// Persons and households: register an arriving household, read a person's case, search, change.
// Each operation authorizes, runs in one tenant transaction and writes its access-log row(s) in
// that same transaction, so that no use of personal data goes unlogged and no log row exists
// for a use that did not happen.
import { findCprInText, formatCpr, maskCpr, maskCprInText as maskCprInTextForEcho, parseCpr } from '../domain/cpr.js';
import { can, reaches, reachesEveryone, type PersonScope } from '../domain/authorization.js';
import {
  checkNewHousehold,
  programFor,
  type NewMember,
  type Program,
  type ResidenceBasis,
  type Sex,
} from '../domain/model.js';
import { inTenant } from '../db/tenant.js';
import * as persons from '../repositories/persons.js';
import type { Tx } from '../db/tenant.js';
import { authorize, authorizeOnPerson, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from './errors.js';
import { etagOf, matchesEtag } from './etag.js';
import { presentRegisteredHousehold } from './presenters/household.js';
import { needsCaseFile, presentPerson, presentPersonCase, presentSearchHit } from './presenters/person.js';

export interface RegisterHouseholdInput {
  takeoverDate: string;
  arrivalDate?: string | undefined;
  members: (NewMember & { countryOfOrigin?: string | undefined; languages?: string[] | undefined })[];
  /** The registering case worker becomes every member's fixed contact person from today. */
  registrarBecomesContactPerson?: boolean | undefined;
}

export async function registerHousehold(ctx: Ctx, municipalityCode: string, input: RegisterHouseholdInput) {
  authorize(ctx, municipalityCode, 'household.create');
  const problems = checkNewHousehold(input, ctx.today);
  if (problems.length > 0)
    throw new UnprocessableError('household.invalid', 'The household cannot be registered as given.', problems);

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
        throw new UnprocessableError('cpr.already_registered', 'A member is already registered in this municipality.', [
          {
            pointer: `/members/${i}/cpr`,
            code: 'cpr.already_registered',
            detail: 'A person with this CPR number is already registered; search for the person instead.',
          },
        ]);
      }
    }
    const household = await persons.insertHousehold(tx, {
      municipality_code: municipalityCode,
      arrival_date: input.arrivalDate ?? null,
      takeover_date: input.takeoverDate,
    });
    const inserted = await persons.insertPersons(
      tx,
      rows.map((r) => ({ ...r, household_id: household.id })),
    );
    if (input.registrarBecomesContactPerson && (ctx.actor.role === 'caseworker' || ctx.actor.role === 'team_lead')) {
      // In the same transaction: the household and its contact person are registered together or not at all.
      await persons.insertContactPersonAssignments(
        tx,
        inserted.map((p) => ({
          municipality_code: municipalityCode,
          person_id: p.id,
          user_id: ctx.actor.userId,
          from_date: ctx.today,
        })),
      );
    }
    const shown = new Disclosure();
    const registered = inserted.map((p, i) => {
      const row = rows[i];
      if (!row) throw new Error('insertPersons returned more rows than it was given');
      return { id: p.id, given_name: row.given_name, household_relation: row.household_relation };
    });
    const view = presentRegisteredHousehold(household.id, registered, shown);
    await logDisclosure(tx, ctx, shown, { action: 'create', resource: 'household' });
    return view;
  });
}

/** The policy's view of loaded scope rows. */
export function scopeOf(row: Awaited<ReturnType<typeof persons.personScopes>>[number]): PersonScope {
  return {
    id: row.id,
    birthDate: row.birth_date,
    household: {
      housingStatus: row.housing_status,
      takeoverDate: row.takeover_date,
      currentMentorship: row.current_mentorship,
    },
  };
}

/** Loads a person's scope (404 when absent) and authorizes the action on it. */
export async function loadAuthorizedPerson(
  tx: Tx,
  ctx: Ctx,
  personId: string,
  action: Parameters<typeof authorizeOnPerson>[1],
): Promise<PersonScope> {
  const [row] = await persons.personScopes(tx, [personId], ctx.today);
  if (!row) throw new NotFoundError('person.not_found', 'The person');
  const scope = scopeOf(row);
  authorizeOnPerson(ctx, action, scope);
  return scope;
}

export async function getPerson(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  options: { revealCpr?: boolean } = {},
) {
  const action = options.revealCpr ? 'person.readFullCpr' : 'person.read';
  authorize(ctx, municipalityCode, action, personId);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const result = await readPerson(tx, ctx, personId, shown, options);
    await logDisclosure(tx, ctx, shown, {
      action: 'read',
      resource: 'person',
      criterion: options.revealCpr ? 'full CPR number shown' : null,
    });
    return result;
  });
}

/**
 * A person and their case as the actor's role sees it, inside the caller's transaction: loads,
 * authorizes on the loaded record, and registers every person shown (the person and the
 * household's members) on `shown`. The caller logs.
 */
export async function readPerson(
  tx: Tx,
  ctx: Ctx,
  personId: string,
  shown: Disclosure,
  options: { revealCpr?: boolean } = {},
) {
  // The person, the facts the policy decides on and the household, in one statement; nothing of it
  // is used before the policy has decided on the loaded record.
  const loaded = await persons.personForReading(tx, personId, ctx.today, { caseFile: needsCaseFile(ctx.actor.role) });
  if (!loaded) throw new NotFoundError('person.not_found', 'The person');
  authorizeOnPerson(ctx, options.revealCpr ? 'person.readFullCpr' : 'person.read', scopeOf(loaded.scope));
  const { person: row, household, members } = loaded;
  const records = loaded.caseFile;
  // Decrypted only when asked for; the presenter shows it only to a role the policy allows.
  const fullCpr = options.revealCpr && row.cpr_cipher ? formatCpr(ctx.vault.decrypt(row.cpr_cipher)) : null;
  const view = presentPersonCase({ person: row, household, members, caseFile: records }, ctx.actor, shown, { fullCpr });
  return { etag: etagOf(row.version), person: view };
}

const SEARCH_LIMIT = 50;

/** How many name matches a role with a narrower reach looks through before its own are taken. */
const SCOPED_CANDIDATES = 1000;

/**
 * Search by CPR number (exact, through the keyed hash; a name beside it narrows the result) or
 * by name words. Any run of ten digits, with or without separators, is a CPR number: searched as
 * one, and stored masked in the criterion. Searching by CPR is for the case workers; the other
 * staff roles find, by name, only the persons their work reaches, without the CPR number.
 */
export async function searchPersons(ctx: Ctx, municipalityCode: string, query: string) {
  authorize(ctx, municipalityCode, 'person.search');
  const text = query.trim().replace(/\s+/g, ' ');
  if (text.length < 2)
    throw new UnprocessableError('search.too_short', 'Search with at least two characters: a name or a CPR number.', [
      { pointer: '/query', code: 'search.too_short', detail: 'Too short.' },
    ]);
  const { found, rest } = findCprInText(text);
  if (found.length > 1)
    throw new UnprocessableError('search.several_cpr', 'Search for one CPR number at a time.', [
      { pointer: '/query', code: 'search.several_cpr', detail: 'More than one CPR number.' },
    ]);
  // Ten or more digits that are not one CPR number (e.g. one with digits added) are refused, not searched as a name.
  if (/[0-9](?:[ ./-]?[0-9]){9}/.test(rest)) {
    throw new UnprocessableError('search.digits', 'Search with a name or a CPR number (ten digits, DDMMYY-SSSS).', [
      { pointer: '/query', code: 'search.digits', detail: 'Digits that are not a CPR number.' },
    ]);
  }
  const cpr = found[0] ? parseCpr(found[0].normalized) : null;
  if (cpr && !can(ctx.actor, 'person.searchByCpr'))
    throw new UnprocessableError('search.cpr_not_for_role', 'Your role searches by name only.', [
      { pointer: '/query', code: 'search.cpr_not_for_role', detail: 'CPR numbers are searched by caseworkers only.' },
    ]);
  if (cpr && !cpr.ok)
    throw new UnprocessableError(cpr.code, cpr.reason, [{ pointer: '/query', code: cpr.code, detail: cpr.reason }]);
  const words = rest.length > 0 ? rest.split(' ').slice(0, 5) : [];
  if (!cpr && words.join('').length < 2)
    throw new UnprocessableError('search.too_short', 'Search with at least two characters: a name or a CPR number.', [
      { pointer: '/query', code: 'search.too_short', detail: 'Too short.' },
    ]);
  const everyone = reachesEveryone(ctx.actor.role);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    let hits: Awaited<ReturnType<typeof persons.searchByName>>;
    let criterion: string;
    if (cpr?.ok) {
      hits = (await persons.searchByCprHash(tx, ctx.vault.searchHash(cpr.value.normalized))).filter((h) =>
        words.every((w) => nameHas(h, w)),
      );
      criterion = `CPR ${maskCpr(cpr.value.normalized)}${words.length ? ` navn "${words.join(' ').slice(0, 100)}"` : ''}`; // never the full number
    } else {
      hits = await persons.searchByName(tx, words, everyone ? SEARCH_LIMIT : SCOPED_CANDIDATES);
      criterion = `navn "${words.join(' ').slice(0, 100)}"`;
    }
    if (!everyone) {
      const scopes = new Map(
        (
          await persons.personScopes(
            tx,
            hits.map((h) => h.id),
            ctx.today,
          )
        ).map((r) => [r.id, scopeOf(r)]),
      );
      hits = hits
        .filter((h) => {
          const scope = scopes.get(h.id);
          return scope !== undefined && reaches(ctx.actor, scope, ctx.today);
        })
        .slice(0, SEARCH_LIMIT);
    }
    const shown = new Disclosure();
    const results = hits.map((h) => presentSearchHit(h, ctx.actor.role, shown));
    // One row per person shown, so each person's own extract lists the search; one row without a
    // person when nothing was found, so the search itself is never unlogged.
    await logDisclosure(tx, ctx, shown, { action: 'search', resource: 'person-search', criterion, rowWhenEmpty: true });
    return { query: maskCprInTextForEcho(text), results, truncated: hits.length === SEARCH_LIMIT };
  });
}

function nameHas(h: { given_name: string; family_name: string }, word: string): boolean {
  const w = word.toLocaleLowerCase('da');
  return `${h.given_name} ${h.family_name}`
    .toLocaleLowerCase('da')
    .split(/[\s-]+/)
    .some((part) => part.startsWith(w));
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
export async function updatePerson(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  ifMatch: string | undefined,
  changes: PersonChanges,
) {
  authorize(ctx, municipalityCode, 'person.update', personId);
  if (ifMatch === undefined) throw new PreconditionRequiredError();
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.update');
    const current = await persons.findPerson(tx, personId, { lock: true });
    if (!current) throw new NotFoundError('person.not_found', 'The person');
    if (!matchesEtag(ifMatch, current.version)) throw new PreconditionFailedError(etagOf(current.version));
    const shown = new Disclosure();
    const changed = (Object.keys(changes) as (keyof PersonChanges)[]).filter((k) => changes[k] !== undefined);
    if (changed.length === 0) {
      // Nothing to change: the record stays as it is (same version), and the answer is a read.
      const view = presentPerson(current, ctx.actor, shown);
      await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'person' });
      return { etag: etagOf(current.version), person: view };
    }

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
      throw new UnprocessableError('birth_date.in_future', 'The birth date lies in the future.', [
        { pointer: '/birthDate', code: 'birth_date.in_future', detail: 'The birth date lies in the future.' },
      ]);
    }
    if (changes.cpr === null) {
      Object.assign(set, { cpr_cipher: null, cpr_hash: null, cpr_masked: null, cpr_kind: null });
    } else if (changes.cpr !== undefined) {
      const parsed = parseCpr(changes.cpr);
      if (!parsed.ok)
        throw new UnprocessableError(parsed.code, parsed.reason, [
          { pointer: '/cpr', code: parsed.code, detail: parsed.reason },
        ]);
      if (parsed.value.birthDate !== birthDate) {
        const detail = `The CPR number gives the birth date ${parsed.value.birthDate}, but the person's birth date is ${birthDate}.`;
        throw new UnprocessableError('cpr.birth_date_mismatch', detail, [
          { pointer: '/cpr', code: 'cpr.birth_date_mismatch', detail },
        ]);
      }
      const hash = ctx.vault.searchHash(parsed.value.normalized);
      const other = await persons.findPersonByCprHash(tx, hash);
      if (other && other.id !== personId)
        throw new ConflictError('cpr.already_registered', 'Another person in this municipality has this CPR number.');
      Object.assign(set, {
        cpr_cipher: ctx.vault.encrypt(parsed.value.normalized),
        cpr_hash: hash,
        cpr_masked: maskCpr(parsed.value.normalized),
        cpr_kind: parsed.value.kind,
      });
    } else if (changes.birthDate !== undefined && current.cpr_cipher) {
      // A birth date change must still agree with the CPR number on file.
      const onFile = parseCpr(ctx.vault.decrypt(current.cpr_cipher));
      if (onFile.ok && onFile.value.birthDate !== changes.birthDate) {
        const detail = `The birth date must agree with the CPR number on file (${current.cpr_masked}); change both together.`;
        throw new UnprocessableError('birth_date.cpr_on_file_mismatch', detail, [
          { pointer: '/birthDate', code: 'birth_date.cpr_on_file_mismatch', detail },
        ]);
      }
    }

    const updated = await persons.updatePersonIfVersion(tx, personId, current.version, set);
    if (!updated) throw new PreconditionFailedError(etagOf(current.version + 1));
    const view = presentPerson(updated, ctx.actor, shown);
    await logDisclosure(tx, ctx, shown, { action: 'change', resource: 'person', criterion: changed.join(', ') });
    return { etag: etagOf(updated.version), person: view };
  });
}
