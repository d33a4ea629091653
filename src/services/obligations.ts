// Obligations for one person and the worklist for a municipality. Both load case facts
// set-at-a-time and run the same pure engine over the municipality's compiled rules (law +
// policy). Every person whose obligations are shown gets an access-log row. A person whose case
// closed on or before the worklist's day is not on it (src/domain/closure.ts), except for what
// the closure left owed after its day (a family rule while another member's case is open).
import { closedForWorklist, onWorklistAfterClosure } from '../domain/closure.js';
import { byUrgency, obligationsFor, type Obligation, type ObligationStatus } from '../domain/obligations.js';
import { bookedAgainst, serviceNow } from '../domain/appointments.js';
import { byWorklistOrder, worklistGroup, type WorklistGroup } from '../domain/worklist.js';
import { plannedAppointmentsOf } from '../repositories/appointments.js';
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
  /** Which part of the list: what to act on (current), the long overdue apart, or both in order. */
  group?: WorklistGroup | 'all' | undefined;
  limit: number;
  offset: number;
}

/**
 * The worklist of the municipality on a day: the obligations of the persons the filters select,
 * in the worklist's order (src/domain/worklist.ts: due soon and newly overdue first, the long
 * overdue apart), paged; with how many fall in each group. Each person on the page is logged.
 */
export async function worklist(ctx: Ctx, municipalityCode: string, q: WorklistQuery) {
  authorize(ctx, municipalityCode, 'worklist.read');
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const { items, groups, rules } = await worklistItems(tx, ctx, municipalityCode, q);
    // Only the page is shown: only its persons are registered (and logged).
    const shown = new Disclosure();
    const onPage = items.slice(q.offset, q.offset + q.limit);
    const booked = await bookingsOf(tx, ctx, onPage, rules);
    const page = onPage.map((i, n) => presentWorklistItem(i.person, i.obligation, q.on, shown, booked[n] ?? null));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'worklist' });
    return { on: q.on, total: items.length, offset: q.offset, limit: q.limit, groups, items: page };
  });
}

/**
 * The whole worklist (every group and page the filters select) as a file to take out (CSV): each
 * person in it gets an access-log row of action export.
 */
export async function worklistExport(ctx: Ctx, municipalityCode: string, q: Omit<WorklistQuery, 'limit' | 'offset'>) {
  authorize(ctx, municipalityCode, 'worklist.read');
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const { items, rules } = await worklistItems(tx, ctx, municipalityCode, q);
    const shown = new Disclosure();
    const booked = await bookingsOf(tx, ctx, items, rules);
    const rows = items.map((i, n) => presentWorklistItem(i.person, i.obligation, q.on, shown, booked[n] ?? null));
    await logDisclosure(tx, ctx, shown, { action: 'export', resource: 'worklist', rowWhenEmpty: true });
    return { on: q.on, items: rows };
  });
}

async function worklistItems(tx: Tx, ctx: Ctx, municipalityCode: string, q: Omit<WorklistQuery, 'limit' | 'offset'>) {
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), municipalityCode);
  const contactPersonUserId = q.contactPerson === 'me' ? ctx.actor.userId : q.contactPerson;
  const wanted = new Set(q.statuses);
  const facts = await loadCaseFacts(tx, contactPersonUserId ? { contactPersonUserId } : {});
  const all: { person: PersonFacts; obligation: Obligation }[] = [];
  for (const f of facts.values()) {
    // A closed case leaves the worklist (closure.ts): only what its closure left owed after its day stays.
    const closed = closedForWorklist(f.closure, q.on) ? f.closure : null;
    for (const o of obligationsFor(rules, f, q.on, dueSoonDays, { includeNotApplicable: false })) {
      if (!wanted.has(o.status) || (q.ruleId && o.ruleId !== q.ruleId)) continue;
      if (closed && !onWorklistAfterClosure(closed, o)) continue;
      all.push({ person: f, obligation: o });
    }
  }
  const groups = { current: 0, longOverdue: 0 };
  for (const i of all) groups[worklistGroup(i.obligation, q.on) === 'current' ? 'current' : 'longOverdue']++;
  const group = q.group ?? 'all';
  const items = group === 'all' ? all : all.filter((i) => worklistGroup(i.obligation, q.on) === group);
  const order = byWorklistOrder(q.on);
  items.sort(
    (a, b) =>
      order(a.obligation, b.obligation) ||
      DANISH.compare(a.person.familyName, b.person.familyName) ||
      (a.person.personId < b.person.personId ? -1 : 1),
  );
  return { items, groups, rules: new Map(rules.map((c) => [c.rule.id, c.rule])) };
}

/** For each item, the first planned appointment from now on booked against its rule (or null). */
async function bookingsOf(
  tx: Tx,
  ctx: Ctx,
  items: readonly { person: PersonFacts; obligation: Obligation }[],
  rules: ReadonlyMap<string, { id: string }>,
): Promise<({ id: string; startsAt: Date } | null)[]> {
  const personIds = [...new Set(items.map((i) => i.person.personId))];
  const planned = await plannedAppointmentsOf(tx, personIds, serviceNow(ctx.today));
  const byPerson = new Map<string, typeof planned>();
  for (const a of planned) byPerson.set(a.person_id, [...(byPerson.get(a.person_id) ?? []), a]);
  return items.map((i) => {
    const rule = rules.get(i.obligation.ruleId);
    const a = rule
      ? byPerson.get(i.person.personId)?.find((x) => bookedAgainst({ purpose: x.purpose, ruleId: x.rule_id }, rule))
      : undefined;
    return a ? { id: a.id, startsAt: a.starts_at } : null;
  });
}
