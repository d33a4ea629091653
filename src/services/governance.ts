// The governance cycle of a municipality: its governance obligations on a day (the secretariat's
// worklist), and the records that carry them out (events, and the cases a hearing is due for).
// Municipality-level, never a person: nothing here is personal data, so nothing is access-logged;
// each record keeps who recorded it.
import {
  governanceObligations,
  type GovernanceObligation,
  type GovernanceRule,
  EVENT_KINDS_MEETING,
} from '../domain/governance.js';
import { inTenant } from '../db/tenant.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import {
  findGovernanceCase,
  governanceCases,
  governanceEvents,
  insertGovernanceCase,
  insertGovernanceEvent,
  type GovernanceCaseRecord,
  type GovernanceEventRecord,
} from '../repositories/governance.js';
import { authorize, type Ctx } from './context.js';
import { UnprocessableError } from './errors.js';
import type { GovernanceCaseInput, GovernanceEventInput } from './inputs.js';

/** The governance rules of a municipality's compiled policy (law + policy), as the domain reads them. */
export function governanceRules(municipalityCode: string): GovernanceRule[] {
  const { rules } = compileRules(shippedPolicies(), municipalityCode);
  const result: GovernanceRule[] = [];
  for (const { rule } of rules) if (rule.kind === 'governance') result.push(rule);
  return result;
}

export interface GovernanceWorklist {
  on: string;
  obligations: GovernanceObligation[];
}

/** The governance obligations on a day, most urgent first. */
export async function governanceWorklist(ctx: Ctx, municipalityCode: string, on: string): Promise<GovernanceWorklist> {
  authorize(ctx, municipalityCode, 'governance.read');
  const { dueSoonDays } = compileRules(shippedPolicies(), municipalityCode);
  const rules = governanceRules(municipalityCode);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const [events, cases] = [await governanceEvents(tx), await governanceCases(tx)];
    return { on, obligations: governanceObligations({ rules, events, cases, on, dueSoonDays }) };
  });
}

export interface GovernanceRecords {
  events: GovernanceEventRecord[];
  cases: GovernanceCaseRecord[];
}

/** Every governance record of the municipality (from a date on, when given). */
export async function governanceRecords(
  ctx: Ctx,
  municipalityCode: string,
  from: string | null = null,
): Promise<GovernanceRecords> {
  authorize(ctx, municipalityCode, 'governance.read');
  return inTenant(ctx.db, municipalityCode, async (tx) => ({
    events: await governanceEvents(tx, from),
    cases: await governanceCases(tx),
  }));
}

/** Records a meeting, hearing, statement, report, campaign or initiative. */
export async function recordGovernanceEvent(
  ctx: Ctx,
  municipalityCode: string,
  input: GovernanceEventInput,
): Promise<GovernanceEventRecord> {
  authorize(ctx, municipalityCode, 'governance.write');
  if (input.ruleId !== undefined) {
    const rule = governanceRules(municipalityCode).find((r) => r.id === input.ruleId);
    if (!rule) {
      throw new UnprocessableError(
        'governance.unknown_rule',
        `${input.ruleId} is not a governance rule of ${municipalityCode}.`,
        [
          {
            pointer: '/ruleId',
            code: 'governance.unknown_rule',
            detail: 'Not a governance rule of this municipality.',
          },
        ],
      );
    }
    if (!EVENT_KINDS_MEETING[rule.event].includes(input.kind)) {
      throw new UnprocessableError(
        'governance.kind_not_for_rule',
        `A ${input.kind} does not carry out ${rule.id} (${rule.event}).`,
        [
          {
            pointer: '/kind',
            code: 'governance.kind_not_for_rule',
            detail: `Accepted: ${EVENT_KINDS_MEETING[rule.event].join(', ')}.`,
          },
        ],
      );
    }
  }
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    if (input.caseId !== undefined && !(await findGovernanceCase(tx, input.caseId))) {
      throw new UnprocessableError('governance_case.not_found', `No case ${input.caseId}.`, [
        { pointer: '/caseId', code: 'governance_case.not_found', detail: 'No such case in this municipality.' },
      ]);
    }
    return insertGovernanceEvent(tx, {
      municipalityCode,
      kind: input.kind,
      date: input.date,
      title: input.title,
      body: input.body ?? null,
      description: input.description ?? null,
      documents: input.documents,
      published: input.published,
      ruleId: input.ruleId ?? null,
      caseId: input.caseId ?? null,
      recordedBy: ctx.actor.userId,
    });
  });
}

/** Registers a case with general integration-policy dimensions; a council hearing falls due before its decision date. */
export async function registerGovernanceCase(
  ctx: Ctx,
  municipalityCode: string,
  input: GovernanceCaseInput,
): Promise<GovernanceCaseRecord> {
  authorize(ctx, municipalityCode, 'governance.write');
  return inTenant(ctx.db, municipalityCode, (tx) =>
    insertGovernanceCase(tx, {
      municipalityCode,
      title: input.title,
      body: input.body ?? null,
      decisionDate: input.decisionDate,
      description: input.description ?? null,
      registeredBy: ctx.actor.userId,
    }),
  );
}
