// A household that grows (issue 13, item 5): a member who arrives later (a spouse by family
// reunification, a child) joins a household already registered, with their own arrival date,
// visitation decision and takeover date (integrationsloven § 4, stk. 2, by the same rule as an
// import when only the decision is given) and their own program. The obligations engine reads each
// person's own takeover date (src/repositories/case-facts.ts), so the new member's deadlines run
// from theirs, not from the household's first.
//
// Read top to bottom: authorize → the domain's checks of the member and the takeover → one tenant
// transaction: lock the household (404 when absent), authorize on its members as loaded, check the
// member against the household as it is (one head, one spouse) and the CPR number against the
// municipality → write the person → one access-log row → the view.
import { maskCpr, parseCpr } from '../domain/cpr.js';
import { checkNewMember, programFor } from '../domain/model.js';
import { resolveTakeover } from '../domain/takeover.js';
import { inTenant } from '../db/tenant.js';
import { lockHousehold, membersOfHouseholds } from '../repositories/arrivals.js';
import * as persons from '../repositories/persons.js';
import { authorize, authorizeOnPerson, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { NotFoundError, UnprocessableError, type FieldProblem } from './errors.js';
import type { NewHouseholdMemberInput } from './inputs.js';
import { scopeOf } from './persons.js';
import { presentAddedMember } from './presenters/household.js';

export async function addHouseholdMember(
  ctx: Ctx,
  municipalityCode: string,
  householdId: string,
  input: NewHouseholdMemberInput,
) {
  authorize(ctx, municipalityCode, 'household.create');
  const takeover = resolveTakeover(input);
  const problems: FieldProblem[] = takeover.ok
    ? []
    : takeover.problems.map((p) => ({ pointer: `/${p.field}`, code: p.code, detail: p.detail }));

  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const household = await lockHousehold(tx, householdId);
    if (!household) throw new NotFoundError('household.not_found', 'The household');
    const members = await membersOfHouseholds(tx, [householdId]);
    // The household is reached through its members: a role whose work does not reach them is answered 404.
    const scopes = await persons.personScopes(
      tx,
      members.map((m) => m.id),
      ctx.today,
    );
    const first = scopes[0];
    if (!first) throw new NotFoundError('household.not_found', 'The household');
    authorizeOnPerson(ctx, 'person.update', scopeOf(first));

    problems.push(
      ...checkNewMember(
        input,
        members.map((m) => m.household_relation),
        ctx.today,
      ),
    );
    const cpr = input.cpr === undefined || input.cpr === '' ? null : parseCpr(input.cpr);
    const normalized = cpr?.ok ? cpr.value.normalized : null;
    if (normalized && (await persons.findPersonByCprHash(tx, ctx.vault.searchHash(normalized))))
      problems.push({
        pointer: '/cpr',
        code: 'cpr.already_registered',
        detail: 'A person with this CPR number is already registered; search for the person instead.',
      });
    if (problems.length > 0 || !takeover.ok)
      throw new UnprocessableError('household.invalid', 'The member cannot be added as given.', problems);

    const program =
      input.program !== undefined
        ? input.program
        : programFor(input.residenceBasis, input.birthDate, takeover.takeoverDate);
    const [created] = await persons.insertPersons(tx, [
      {
        municipality_code: municipalityCode,
        household_id: householdId,
        household_relation: input.relation,
        given_name: input.givenName,
        family_name: input.familyName,
        birth_date: input.birthDate,
        sex: input.sex,
        cpr_cipher: normalized ? ctx.vault.encrypt(normalized) : null,
        cpr_hash: normalized ? ctx.vault.searchHash(normalized) : null,
        cpr_masked: normalized ? maskCpr(normalized) : null,
        cpr_kind: cpr?.ok ? cpr.value.kind : null,
        residence_basis: input.residenceBasis,
        program,
        country_of_origin: input.countryOfOrigin ?? null,
        languages: input.languages ?? [],
        arrival_date: input.arrivalDate ?? null,
        takeover_date: takeover.takeoverDate,
        decision_date: input.decisionDate ?? null,
        takeover_by_consent: takeover.byConsent,
      },
    ]);
    if (!created) throw new Error('insertPersons returned no row');
    const shown = new Disclosure();
    const view = presentAddedMember(
      {
        id: created.id,
        householdId,
        givenName: input.givenName,
        familyName: input.familyName,
        relation: input.relation,
        program,
        arrivalDate: input.arrivalDate ?? null,
        decisionDate: input.decisionDate ?? null,
        takeoverDate: takeover.takeoverDate,
        statutoryTakeoverDate: takeover.statutoryDate,
        takeoverByConsent: takeover.byConsent,
      },
      shown,
    );
    await logDisclosure(tx, ctx, shown, {
      action: 'create',
      resource: 'household',
      criterion: 'Familiemedlem tilføjet',
    });
    return view;
  });
}
