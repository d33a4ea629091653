// Placement plans: run a placement (a draft plan with explained proposals), list and read
// plans, accept or reject proposals whole or in part. Each handler: context, one service call,
// reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnknownCriterionError } from '../../placement/criteria.js';
import { UnprocessableError } from '../../services/errors.js';
import { decidePlan, getPlan, listPlans, PLAN_KINDS, runPlacement } from '../../services/placement.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { Id, IfMatchHeaders, isoDate, MunicipalityCode, PurposeHeaders } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const security = [{ bearer: [] }];
const Kind = z.enum(PLAN_KINDS).meta({ description: 'housing, daycare, school, internships or mentors' });
const Pair = z.object({ agentId: Id, optionId: Id });

const RunBody = z
  .object({
    kind: Kind,
    date: isoDate.meta({ description: 'The day of the round: units and seats available by then' }),
    weights: z
      .record(
        z
          .string()
          .regex(/^[a-z_]+$/)
          .max(60),
        z.number().min(0).max(1000),
      )
      .optional()
      .meta({
        description:
          "What-if: criterion → weight, overriding the policy (see the plan's summary.weights for the criteria)",
      }),
    locks: z.array(Pair).max(1000).optional().meta({ description: 'What-if: keep these agents on these options' }),
    forbids: z.array(Pair).max(1000).optional().meta({ description: 'What-if: never these pairs' }),
    mechanism: z.enum(['optimise', 'deferred_acceptance']).optional().meta({
      description: "daycare and school: optimise scores (default) or deferred acceptance on the families' wishes",
    }),
    timeLimitSec: z.number().min(1).max(120).optional(),
  })
  .strict();

const PlanSchema = z
  .looseObject({
    id: z.string(),
    kind: Kind,
    date: z.string(),
    status: z.string(),
    version: z.number().int(),
    objective: z.number().nullable(),
    bound: z.number().nullable(),
    gap: z.number().nullable(),
    engine: z.string(),
    solveMs: z.number(),
    proposals: z.array(
      z.looseObject({
        id: z.string(),
        status: z.string(),
        agentLabel: z.string(),
        optionLabel: z.string().nullable(),
        score: z.number(),
      }),
    ),
  })
  .meta({ id: 'PlacementPlan' });

const PlanParams = z.object({ code: MunicipalityCode, id: Id });
const Decision = z.union([z.literal('all'), z.array(Id).min(1).max(10_000)]);
const DecisionBody = z.object({ accept: Decision.optional(), reject: Decision.optional() }).strict();

export function placementRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    const base = '/api/v1/municipalities/:code/placement-plans';

    app.post(
      base,
      {
        schema: {
          operationId: 'runPlacement',
          tags: ['placement'],
          summary: 'Run a placement and store it as a draft plan (supersedes older drafts of the kind)',
          security,
          description:
            'Builds the placement problem of the kind on the date from the records and the policy (with the what-if weights, locks and forbids given), solves it and stores the draft plan: each proposal with its criteria, the best alternative and why it lost. Every person used is logged. The plan is in Location, its version in the ETag.',
          headers: PurposeHeaders,
          params: z.object({ code: MunicipalityCode }),
          body: RunBody,
          response: { 201: PlanSchema, ...errors },
        },
      },
      async (request, reply) => {
        const r = await runPlacement(await ctxOf(deps, request), request.params.code, request.body).catch(
          (err: unknown) => {
            // A what-if weight for a criterion the kind does not have: the client's input (422, naming it).
            if (err instanceof UnknownCriterionError) {
              throw new UnprocessableError(
                'placement.unknown_criterion',
                `The weights name a criterion that ${request.body.kind} placements do not have: "${err.criterion}". Known: ${err.known.join(', ')}.`,
                [
                  {
                    pointer: `/weights/${err.criterion.replace(/~/g, '~0').replace(/\//g, '~1')}`,
                    code: 'placement.unknown_criterion',
                    detail: `Unknown criterion; known: ${err.known.join(', ')}.`,
                  },
                ],
              );
            }
            throw err;
          },
        );
        return reply
          .status(201)
          .header('ETag', r.etag)
          .header('Location', `${base.replace(':code', request.params.code)}/${r.plan.id}`)
          .send(r.plan);
      },
    );

    app.get(
      base,
      {
        schema: {
          operationId: 'listPlacementPlans',
          tags: ['placement'],
          summary: 'Plans, newest first, of one kind or of every kind the role may run (counts only)',
          security,
          description: 'The plans of the municipality, newest first, without their proposals.',
          headers: PurposeHeaders,
          params: z.object({ code: MunicipalityCode }),
          querystring: z.object({ kind: Kind.optional() }),
          response: { 200: z.array(z.looseObject({ id: z.string(), kind: Kind, status: z.string() })), ...errors },
        },
      },
      async (request) => listPlans(await ctxOf(deps, request), request.params.code, request.query.kind),
    );

    app.get(
      `${base}/:id`,
      {
        schema: {
          operationId: 'getPlacementPlan',
          tags: ['placement'],
          summary: 'A plan with its proposals and the explanation of each',
          security,
          description:
            'The plan with its proposals and the explanation of each. The ETag is the version to send in If-Match when deciding.',
          headers: PurposeHeaders,
          params: PlanParams,
          response: { 200: PlanSchema, ...errors },
        },
      },
      async (request, reply) => {
        const r = await getPlan(await ctxOf(deps, request), request.params.code, null, request.params.id);
        return reply.header('ETag', r.etag).send(r.plan);
      },
    );

    app.post(
      `${base}/:id/decisions`,
      {
        schema: {
          operationId: 'decidePlacementPlan',
          tags: ['placement'],
          summary: 'Accept and/or reject proposals ("all" or ids); If-Match with the plan\'s ETag',
          security,
          description:
            "Accepts and/or rejects proposals of the plan, all of them or by id. If-Match with the plan's ETag is required (428 without it, 412 when the plan has changed); a proposal that conflicts with what has been accepted since is answered 409.",
          headers: IfMatchHeaders,
          params: PlanParams,
          body: DecisionBody,
          response: { 200: PlanSchema, ...errors, 409: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema },
        },
      },
      async (request, reply) => {
        const r = await decidePlan(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('ETag', r.etag).send(r.plan);
      },
    );
    done();
  };
}
