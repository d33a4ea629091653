// Obligations for one person and the worklist for a municipality. Both load case facts
// set-at-a-time and run the same pure engine over the municipality's compiled rules (law +
// policy). Every person whose obligations are shown gets an access-log row.
import { byUrgency, obligationsFor, type Obligation, type ObligationStatus } from '../domain/obligations.js';
import { inTenant } from '../db/tenant.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { recordAccess } from '../repositories/access-log.js';
import { loadCaseFacts } from '../repositories/case-facts.js';
import { authorize, type Ctx } from './context.js';
import { NotFoundError } from './errors.js';

export async function personObligations(ctx: Ctx, municipalityCode: string, personId: string, on: string) {
  authorize(ctx, municipalityCode, 'obligations.read', personId);
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), municipalityCode);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const facts = (await loadCaseFacts(tx, { personIds: [personId] })).get(personId);
    if (!facts) throw new NotFoundError('The person');
    await recordAccess(tx, ctx, [{ personId, action: 'read', resource: 'obligations' }]);
    const obligations = obligationsFor(rules, facts, on, dueSoonDays).sort(byUrgency);
    return { on, personId, obligations: obligations.map(view) };
  });
}

function view(o: Obligation) {
  return {
    ruleId: o.ruleId, title: o.title, kind: o.kind, layer: o.layer, dueDate: o.dueDate, status: o.status,
    ...(o.evidence ? { evidence: o.evidence } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
    source: o.source,
    ...(o.interpretation ? { interpretation: o.interpretation } : {}),
    ...(o.tightens ? { tightens: o.tightens } : {}),
  };
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
    const items = [];
    for (const f of facts.values()) {
      for (const o of obligationsFor(rules, f, q.on, dueSoonDays, { includeNotApplicable: false })) {
        if (!wanted.has(o.status) || (q.ruleId && o.ruleId !== q.ruleId)) continue;
        items.push({ personId: f.personId, givenName: f.givenName, familyName: f.familyName, contactPerson: f.contactPerson, ...view(o) });
      }
    }
    items.sort((a, b) => byUrgency(a, b) || DANISH.compare(a.familyName, b.familyName) || (a.personId < b.personId ? -1 : 1));
    const page = items.slice(q.offset, q.offset + q.limit);
    const shown = [...new Set(page.map((i) => i.personId))];
    await recordAccess(tx, ctx, shown.map((personId) => ({ personId, action: 'read' as const, resource: 'worklist' })));
    return { on: q.on, total: items.length, offset: q.offset, limit: q.limit, items: page };
  });
}
