// Obligations for one person and the worklist for a municipality. A person's obligations are
// the pure engine's over the municipality's compiled rules (law + policy) and the person's facts.
// The worklist of the service's day is read from the materialised obligations (an indexed read:
// src/services/obligation-store.ts keeps them equal to the engine's output); a worklist of any
// other day is the engine's over the whole municipality's facts, loaded set-at-a-time. Every
// person whose obligations are shown gets an access-log row. A person whose case closed on or
// before the worklist's day is not on it (src/domain/closure.ts), except for what the closure
// left owed after its day (a family rule while another member's case is open).
import {
  byUrgency,
  obligationsFor,
  type CompiledRule,
  type Obligation,
  type ObligationStatus,
} from '../domain/obligations.js';
import { bookedAgainst, serviceNow } from '../domain/appointments.js';
import {
  byWorklistOrder,
  longOverdueBefore,
  worklistGroup,
  worklistObligationsOf,
  type WorklistGroup,
} from '../domain/worklist.js';
import { plannedAppointmentsOf } from '../repositories/appointments.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { loadCaseFacts } from '../repositories/case-facts.js';
import { storedWorklist, type PlannedAppointment, type StoredWorklistQuery } from '../repositories/obligation-store.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { NotFoundError } from './errors.js';
import { fromStored, makeCurrent, rowsAreCurrent } from './obligation-store.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentPersonObligations, presentWorklistItem, type WorklistPerson } from './presenters/obligation.js';

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
    const { items, total, groups, rules } = await worklistItems(tx, ctx, municipalityCode, q, q);
    // Only the page is shown: only its persons are registered (and logged).
    const shown = new Disclosure();
    const booked = await bookingsOf(tx, ctx, items, rules);
    const page = items.map((i, n) => presentWorklistItem(i.person, i.obligation, q.on, shown, booked[n] ?? null));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'worklist' });
    return { on: q.on, total, offset: q.offset, limit: q.limit, groups, items: page };
  });
}

/**
 * The whole worklist (every group and page the filters select) as a file to take out (CSV): each
 * person in it gets an access-log row of action export.
 */
export async function worklistExport(ctx: Ctx, municipalityCode: string, q: Omit<WorklistQuery, 'limit' | 'offset'>) {
  authorize(ctx, municipalityCode, 'worklist.read');
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const { items, rules } = await worklistItems(tx, ctx, municipalityCode, q, null);
    const shown = new Disclosure();
    const booked = await bookingsOf(tx, ctx, items, rules);
    const rows = items.map((i, n) => presentWorklistItem(i.person, i.obligation, q.on, shown, booked[n] ?? null));
    await logDisclosure(tx, ctx, shown, { action: 'export', resource: 'worklist', rowWhenEmpty: true });
    return { on: q.on, items: rows };
  });
}

interface WorklistItem {
  person: WorklistPerson;
  obligation: Obligation;
  /** The person's planned appointments from now on, when read with the row (the materialised worklist). */
  planned?: readonly PlannedAppointment[];
}

type WorklistFilters = Omit<WorklistQuery, 'limit' | 'offset'>;
type Page = { offset: number; limit: number } | null;

/** The worklist's order of its rows on the day: the obligations' order, then family name in Danish, person, rule. */
function byWorklistRow(on: string): (a: WorklistItem, b: WorklistItem) => number {
  const order = byWorklistOrder(on);
  return (a, b) =>
    order(a.obligation, b.obligation) ||
    DANISH.compare(a.person.familyName, b.person.familyName) ||
    compareText(a.person.personId, b.person.personId) ||
    compareText(a.obligation.ruleId, b.obligation.ruleId);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The worklist's rows (the page's, or all when `page` is null), how many the filters select in
 * all and in each group: from the materialised obligations on the service's day, else computed.
 */
async function worklistItems(tx: Tx, ctx: Ctx, municipalityCode: string, q: WorklistFilters, page: Page) {
  const contactPersonUserId = q.contactPerson === 'me' ? ctx.actor.userId : q.contactPerson;
  const rules = compileRules(shippedPolicies(), municipalityCode).rules;
  const byId = new Map(rules.map((c) => [c.rule.id, c]));
  const found =
    q.on === ctx.today
      ? await storedItems(tx, municipalityCode, q, contactPersonUserId, page, byId, serviceNow(ctx.today))
      : await computedItems(tx, municipalityCode, q, contactPersonUserId, page);
  return { ...found, rules: new Map(rules.map((c) => [c.rule.id, c.rule])) };
}

/** From the materialised rows: one indexed read; evaluated first when not yet current for the day. */
async function storedItems(
  tx: Tx,
  municipalityCode: string,
  q: WorklistFilters,
  contactPersonUserId: string | undefined,
  page: Page,
  rules: ReadonlyMap<string, CompiledRule>,
  plannedFrom: Date,
) {
  const query: StoredWorklistQuery = {
    statuses: q.statuses,
    ruleId: q.ruleId,
    contactPersonUserId,
    longOverdueBefore: longOverdueBefore(q.on),
    group: q.group ?? 'all',
    offset: page?.offset ?? 0,
    end: page ? page.offset + page.limit : 2 ** 31 - 1,
    plannedFrom,
  };
  let stored = await storedWorklist(tx, municipalityCode, query);
  if (!rowsAreCurrent(stored.day, municipalityCode, q.on) || stored.marked) {
    await makeCurrent(tx, municipalityCode, q.on, stored.day);
    stored = await storedWorklist(tx, municipalityCode, query);
  }
  const rows = stored.rows.map((r) => ({
    rank: r.rank,
    item: {
      person: {
        personId: r.personId,
        givenName: r.givenName,
        familyName: r.familyName,
        contactPerson: r.contactPerson,
      },
      obligation: fromStored(rules, r),
      planned: r.planned,
    },
  }));
  const byRow = byWorklistRow(q.on);
  rows.sort((a, b) => a.rank - b.rank || byRow(a.item, b.item));
  // The rows begin with the tie group that holds position offset + 1 (1-based ranks).
  const first = rows[0]?.rank ?? 1;
  const from = (page?.offset ?? 0) + 1 - first;
  const items = rows.slice(from, page ? from + page.limit : undefined).map((r) => r.item);
  const group = q.group ?? 'all';
  const total =
    group === 'all'
      ? stored.groups.current + stored.groups.longOverdue
      : group === 'current'
        ? stored.groups.current
        : stored.groups.longOverdue;
  return { items, total, groups: stored.groups };
}

/** Computed by the engine over the whole municipality's facts (a day other than the service's). */
async function computedItems(
  tx: Tx,
  municipalityCode: string,
  q: WorklistFilters,
  contactPersonUserId: string | undefined,
  page: Page,
) {
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), municipalityCode);
  const wanted = new Set(q.statuses);
  const facts = await loadCaseFacts(tx, contactPersonUserId ? { contactPersonUserId } : {});
  const all: WorklistItem[] = [];
  for (const f of facts.values())
    for (const o of worklistObligationsOf(rules, f, q.on, dueSoonDays)) {
      if (!wanted.has(o.status) || (q.ruleId && o.ruleId !== q.ruleId)) continue;
      all.push({ person: f, obligation: o });
    }
  const groups = { current: 0, longOverdue: 0 };
  for (const i of all) groups[worklistGroup(i.obligation, q.on) === 'current' ? 'current' : 'longOverdue']++;
  const group = q.group ?? 'all';
  const chosen = group === 'all' ? all : all.filter((i) => worklistGroup(i.obligation, q.on) === group);
  chosen.sort(byWorklistRow(q.on));
  const items = page ? chosen.slice(page.offset, page.offset + page.limit) : chosen;
  return { items, total: chosen.length, groups };
}

/** For each item, the first planned appointment from now on booked against its rule (or null). */
async function bookingsOf(
  tx: Tx,
  ctx: Ctx,
  items: readonly WorklistItem[],
  rules: ReadonlyMap<string, { id: string }>,
): Promise<({ id: string; startsAt: Date } | null)[]> {
  const byPerson = new Map<string, readonly PlannedAppointment[]>();
  for (const i of items) if (i.planned) byPerson.set(i.person.personId, i.planned);
  // Items read without their appointments (a worklist computed for another day): one query.
  const missing = [...new Set(items.filter((i) => !i.planned).map((i) => i.person.personId))];
  for (const a of await plannedAppointmentsOf(tx, missing, serviceNow(ctx.today)))
    byPerson.set(a.person_id, [
      ...(byPerson.get(a.person_id) ?? []),
      { id: a.id, purpose: a.purpose, ruleId: a.rule_id, startsAt: a.starts_at },
    ]);
  return items.map((i) => {
    const rule = rules.get(i.obligation.ruleId);
    const a = rule ? byPerson.get(i.person.personId)?.find((x) => bookedAgainst(x, rule)) : undefined;
    return a ? { id: a.id, startsAt: a.startsAt } : null;
  });
}
