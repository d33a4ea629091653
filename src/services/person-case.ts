// The person's case page in one operation: authorize → one tenant transaction → the person as
// the role sees them (authorized on the loaded record), their obligations, their outcome records
// (roles that see the case), the case's closure, and the choices the page's forms offer → one access-log row per
// person shown → the view.
import { can, PERSON_FIELDS } from '../domain/authorization.js';
import { inTenant } from '../db/tenant.js';
import { personOutcomes } from '../repositories/outcomes.js';
import * as staff from '../repositories/staff.js';
import { appointmentsSection } from './appointments.js';
import { attachmentsSection } from './attachments.js';
import { closureOfReached } from './closures.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { obligationsOfReached } from './obligations.js';
import { readPerson } from './persons.js';
import { presentObligation } from './presenters/obligation.js';
import { presentOutcomes } from './presenters/outcomes.js';
import { presentInstitution, presentStaffCandidate } from './presenters/staff.js';

/** Everything the person page shows, in one operation. */
export type PersonCaseData = Awaited<ReturnType<typeof personCase>>;
/** The person as the page shows them: their fields, household and, as the role allows, the case file. */
export type PersonCaseView = PersonCaseData['person'];

export async function personCase(ctx: Ctx, personId: string) {
  const code = ctx.actor.municipalityCode;
  authorize(ctx, code, 'person.read', personId);
  return inTenant(ctx.db, code, async (tx) => {
    const shown = new Disclosure();
    const { person, etag } = await readPerson(tx, ctx, personId, shown);
    // readPerson authorized the reach, and registered the person whose obligations these are.
    const obligations = can(ctx.actor, 'obligations.read', personId)
      ? (await obligationsOfReached(tx, ctx, personId, ctx.today)).map(presentObligation)
      : null;
    // The forms' choices: contact persons where the role writes the case, institutions where it enrols.
    const candidates =
      'activities' in person && can(ctx.actor, 'case.write', personId)
        ? (await staff.contactPersonCandidates(tx)).map(presentStaffCandidate)
        : [];
    const institutions =
      'enrolments' in person && can(ctx.actor, 'child.write', personId)
        ? (await staff.childInstitutions(tx)).map(presentInstitution)
        : [];
    // The outcome records, for the roles that see the case (as GET …/outcomes); the person is registered already.
    const outcomes =
      PERSON_FIELDS[ctx.actor.role] === 'case'
        ? presentOutcomes(await personOutcomes(tx, personId), personId, shown)
        : null;
    // The appointments and their proposals, for the roles that see the case (as GET …/appointments).
    const appointments = await appointmentsSection(tx, ctx, personId, shown);
    const attachments = await attachmentsSection(tx, ctx, personId, shown);
    // The closure, for the roles that read the obligations it changes; the person is registered already.
    const closure = can(ctx.actor, 'obligations.read', personId) ? await closureOfReached(tx, personId, shown) : null;
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'person' });
    return { person, etag, obligations, candidates, institutions, outcomes, appointments, attachments, closure };
  });
}
