// Obligations for one person and the worklist for a municipality. Both load case facts
// set-at-a-time and run the same pure engine over the municipality's compiled rules (law +
// policy). Every person whose obligations are shown gets an access-log row.
import { byUrgency, obligationsFor, type Obligation, type ObligationStatus } from '../domain/obligations.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { loadCaseFacts, type PersonFacts } from '../repositories/case-facts.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { NotFoundError } from './errors.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentPersonObligations, presentWorklistItem } from './presenters/obligation.js';

export async function personObligations(ctx: Ctx, municipalityCode: string, personId: string, on: string) {
  authorize(ctx, municipalityCode, 'obligations.read', personId);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const shown = new Disclosure();
    const result = presentPersonObligations(personId, on, await readObligations(tx, ctx, personId, on), shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'obligations' });
    return result;
  });
}

/** A person's obligations on a day, most urgent first, inside the caller's transaction (authorized on the loaded record; the caller logs). */
export async function readObligations(tx: Tx, ctx: Ctx, personId: string, on: string): Promise<Obligation[]> {
  await loadAuthorizedPerson(tx, ctx, personId, 'obligations.read');
  return obligationsOfReached(tx, ctx, personId, on);
}

/**
 * The same for a person the caller has already loaded and found within the actor's reach, and
 * for whom `can(actor, 'obligations.read')` holds (the person page): no second scope query.
 */
export async function obligationsOfReached(tx: Tx, ctx: Ctx, personId: string, on: string): Promise<Obligation[]> {
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), ctx.actor.municipalityCode);
  const facts = (await loadCaseFacts(tx, { personIds: [personId] })).get(personId);
  if (!facts) throw new NotFoundError('person.not_found', 'The person');
  return obligationsFor(rules, facts, on, dueSoonDays).sort(byUrgency);
}

const DANISH = new Intl.Collator('da');

export interface WorklistQuery {
  on: string;
  /** A user id, or 'me'. */
  contactPerson?: string | undefined;
  statuses: ObligationStatus[];
  ruleId?: string | undefined;
  limit: number;
  offset: number;
}

export async function worklist(ctx: Ctx, municipalityCode: string, q: WorklistQuery) {
  authorize(ctx, municipalityCode, 'worklist.read');
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), municipalityCode);
  const contactPersonUserId = q.contactPerson === 'me' ? ctx.actor.userId : q.contactPerson;
  const wanted = new Set(q.statuses);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const facts = await loadCaseFacts(tx, contactPersonUserId ? { contactPersonUserId } : {});
    const items: { person: PersonFacts; obligation: Obligation }[] = [];
    for (const f of facts.values()) {
      for (const o of obligationsFor(rules, f, q.on, dueSoonDays, { includeNotApplicable: false })) {
        if (!wanted.has(o.status) || (q.ruleId && o.ruleId !== q.ruleId)) continue;
        items.push({ person: f, obligation: o });
      }
    }
    items.sort(
      (a, b) =>
        byUrgency(a.obligation, b.obligation) ||
        DANISH.compare(a.person.familyName, b.person.familyName) ||
        (a.person.personId < b.person.personId ? -1 : 1),
    );
    // Only the page is shown: only its persons are registered (and logged).
    const shown = new Disclosure();
    const page = items
      .slice(q.offset, q.offset + q.limit)
      .map((i) => presentWorklistItem(i.person, i.obligation, shown));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'worklist' });
    return { on: q.on, total: items.length, offset: q.offset, limit: q.limit, items: page };
  });
}
