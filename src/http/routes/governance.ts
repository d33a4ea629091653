// The governance cycle of a municipality: its governance obligations on a day (the secretariat's
// worklist) and the records that carry them out. Municipality level: no person is shown.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../../domain/dates.js';
import { GOVERNANCE_EVENT_KINDS, GOVERNANCE_RULE_EVENTS } from '../../domain/governance.js';
import {
  governanceRecords,
  governanceWorklist,
  recordGovernanceEvent,
  registerGovernanceCase,
} from '../../services/governance.js';
import { GovernanceCaseSchema, GovernanceEventSchema } from '../../services/inputs.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { Id, isoDate, MunicipalityParams } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeErrors = { ...errors, 422: ProblemSchema };
const security = [{ bearer: [] }];

const SourceSchema = z.object({ document: z.string(), section: z.string().optional(), quote: z.string() });
const GovernanceObligationSchema = z
  .object({
    ruleId: z.string(),
    title: z.string(),
    responsible: z.string(),
    event: z.enum(GOVERNANCE_RULE_EVENTS),
    period: z.object({ from: z.string(), to: z.string().nullable() }),
    dueDate: z.string().nullable(),
    status: z.enum(['met', 'open', 'due_soon', 'overdue']),
    evidence: z.object({ eventIds: z.array(Id), date: z.string().nullable(), late: z.boolean() }),
    case: z.object({ id: Id, title: z.string(), decisionDate: z.string() }).nullable(),
    source: SourceSchema,
    interpretation: z.object({ text: z.string(), by: z.string() }).optional(),
  })
  .meta({ id: 'GovernanceObligation' });

const GovernanceEventViewSchema = z
  .object({
    id: Id,
    kind: z.enum(GOVERNANCE_EVENT_KINDS),
    date: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    description: z.string().nullable(),
    documents: z.array(z.object({ title: z.string(), url: z.string() })),
    published: z.boolean(),
    ruleId: z.string().nullable(),
    caseId: Id.nullable(),
    recordedBy: Id,
    version: z.number().int(),
  })
  .meta({ id: 'GovernanceEvent' });
const GovernanceCaseViewSchema = z
  .object({
    id: Id,
    title: z.string(),
    body: z.string().nullable(),
    decisionDate: z.string(),
    description: z.string().nullable(),
    registeredBy: Id,
    version: z.number().int(),
  })
  .meta({ id: 'GovernanceCase' });

export function governanceRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  const today = () => deps.today?.() ?? todayIso();
  return (app, _options, done) => {
    app.get(
      '/api/v1/municipalities/:code/governance',
      {
        schema: {
          operationId: 'getGovernanceObligations',
          tags: ['governance'],
          security,
          summary: 'The governance obligations of the municipality on a day (hearings, meetings, reports, evaluations)',
          description:
            "What the municipality's policy requires of its own governance on the day given (default today in Denmark): " +
            'each obligation with its period, due date, status, the records that meet it and the sentence it comes from. ' +
            'Municipality level: no person is shown.',
          params: MunicipalityParams,
          querystring: z.object({
            on: isoDate.optional().meta({ description: 'The day to compute for; default today (Denmark)' }),
          }),
          response: { 200: z.object({ on: z.string(), obligations: z.array(GovernanceObligationSchema) }), ...errors },
        },
      },
      async (request) =>
        governanceWorklist(await ctxOf(deps, request), request.params.code, request.query.on ?? today()),
    );

    app.get(
      '/api/v1/municipalities/:code/governance-events',
      {
        schema: {
          operationId: 'listGovernanceRecords',
          tags: ['governance'],
          security,
          summary: 'The governance records of the municipality: events and the cases hearings are due for',
          description:
            'Every meeting, hearing, statement, report, campaign and initiative recorded (from a date, when given), ' +
            'and the registered cases with general integration-policy dimensions.',
          params: MunicipalityParams,
          querystring: z.object({ from: isoDate.optional() }),
          response: {
            200: z.object({ events: z.array(GovernanceEventViewSchema), cases: z.array(GovernanceCaseViewSchema) }),
            ...errors,
          },
        },
      },
      async (request) => governanceRecords(await ctxOf(deps, request), request.params.code, request.query.from ?? null),
    );

    app.post(
      '/api/v1/municipalities/:code/governance-events',
      {
        schema: {
          operationId: 'recordGovernanceEvent',
          tags: ['governance'],
          security,
          summary: 'Record a meeting, hearing, statement, report, campaign or initiative',
          description:
            "A record of the municipality's governance cycle. `ruleId` (optional) names the governance rule it carries " +
            'out; without it the record counts for every rule its kind carries out. A hearing names the case it concerns (`caseId`).',
          params: MunicipalityParams,
          body: GovernanceEventSchema,
          response: { 201: GovernanceEventViewSchema, ...writeErrors },
        },
      },
      async (request, reply) => {
        const event = await recordGovernanceEvent(await ctxOf(deps, request), request.params.code, request.body);
        return reply.status(201).send(event);
      },
    );

    app.post(
      '/api/v1/municipalities/:code/governance-cases',
      {
        schema: {
          operationId: 'registerGovernanceCase',
          tags: ['governance'],
          security,
          summary:
            'Register a case with general integration-policy dimensions (a council hearing falls due before its decision date)',
          description:
            'Where the policy says the integration council is heard in such cases (Hjørring), a hearing falls due ' +
            'before the decision date.',
          params: MunicipalityParams,
          body: GovernanceCaseSchema,
          response: { 201: GovernanceCaseViewSchema, ...writeErrors },
        },
      },
      async (request, reply) => {
        const record = await registerGovernanceCase(await ctxOf(deps, request), request.params.code, request.body);
        return reply.status(201).send(record);
      },
    );
    done();
  };
}
