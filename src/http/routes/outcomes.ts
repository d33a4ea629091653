// A person's outcome records (issue 11, item 1): read them all, append a labour-market status
// period, an education completed, a Danish education or a Danish test, and end a status period
// (PATCH, If-Match). Each handler: context, one service call, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BENEFIT_KINDS,
  COMPLETED_EDUCATION_KINDS,
  DANISH_EDUCATION_TRACKS,
  DANISH_TEST_KINDS,
  EDUCATION_KINDS,
  LABOUR_MARKET_STATUS_KINDS,
} from '../../domain/outcomes.js';
import {
  DanishEducationSchema,
  DanishTestSchema,
  EducationCompletedSchema,
  EndLabourMarketPeriodSchema,
  LabourMarketPeriodSchema,
} from '../../services/outcome-inputs.js';
import * as outcomes from '../../services/outcomes.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { Id, IfMatchHeaders, PersonParams, PurposeHeaders } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const security = [{ bearer: [] }];
const tags = ['case'];

const LabourMarketPeriodView = z
  .object({
    id: Id,
    personId: Id,
    kind: z.enum(LABOUR_MARKET_STATUS_KINDS),
    from: z.string(),
    to: z.string().nullable().meta({ description: 'The last day (inclusive); null while the period lasts' }),
    hoursPerWeek: z.number().nullable(),
    benefit: z.enum(BENEFIT_KINDS).nullable(),
    educationKind: z.enum(EDUCATION_KINDS).nullable(),
    version: z.number().int().meta({ description: 'Send as If-Match ("<version>") to end the period' }),
  })
  .meta({ id: 'LabourMarketPeriod', description: 'A labour-market status period' });

const EducationCompletedView = z
  .object({
    id: Id,
    personId: Id,
    kind: z.enum(COMPLETED_EDUCATION_KINDS),
    completedOn: z.string(),
    inDenmark: z.boolean(),
  })
  .meta({ id: 'EducationCompleted', description: 'An education completed' });

const DanishEducationView = z
  .object({
    id: Id,
    personId: Id,
    track: z.enum(DANISH_EDUCATION_TRACKS),
    referredOn: z.string(),
    startedOn: z.string().nullable(),
    module: z.number().int().nullable(),
    endedOn: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'DanishEducation', description: 'A referral to Danish education and its course' });

const DanishTestView = z
  .object({
    id: Id,
    personId: Id,
    test: z.enum(DANISH_TEST_KINDS),
    takenOn: z.string(),
    passed: z.boolean(),
  })
  .meta({ id: 'DanishTest', description: 'A Danish test taken' });

const OutcomesView = z
  .object({
    personId: Id,
    labourMarketPeriods: z.array(LabourMarketPeriodView),
    educationsCompleted: z.array(EducationCompletedView),
    danishEducations: z.array(DanishEducationView),
    danishTests: z.array(DanishTestView),
  })
  .meta({ id: 'Outcomes', description: "A person's outcome records, each kind in date order" });

const PeriodParams = PersonParams.extend({ periodId: Id });

export function outcomeRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    const base = '/api/v1/municipalities/:code/persons/:id/outcomes';
    const url = (code: string, id: string) => `/api/v1/municipalities/${code}/persons/${id}/outcomes`;

    app.get(
      base,
      {
        schema: {
          operationId: 'getOutcomes',
          tags,
          summary: "Read a person's outcome records (logged)",
          security,
          description:
            'The labour-market status periods, educations completed, Danish educations and Danish tests of the ' +
            'person, each in date order. For the roles that see the case (case workers; a citizen their own). Logged ' +
            'with the purpose.',
          headers: PurposeHeaders,
          params: PersonParams,
          response: { 200: OutcomesView, ...errors },
        },
      },
      async (request, reply) => {
        const view = await outcomes.getOutcomes(await ctxOf(deps, request), request.params.code, request.params.id);
        return reply.header('Cache-Control', 'no-store').send(view);
      },
    );

    app.post(
      `${base}/labour-market-periods`,
      {
        schema: {
          operationId: 'addLabourMarketPeriod',
          tags,
          summary: 'Record a labour-market status period',
          security,
          description:
            'Appends a status period (job, wage subsidy, IGU, flexjob, education, self-supporting, benefit, other). ' +
            'Refused (422) when its fields do not fit its kind or it overlaps a period of the same kind. Answers the ' +
            'period, with its ETag for ending it.',
          headers: PurposeHeaders,
          params: PersonParams,
          body: LabourMarketPeriodSchema,
          response: { 201: LabourMarketPeriodView, ...errors },
        },
      },
      async (request, reply) => {
        const r = await outcomes.addLabourMarketPeriod(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.body,
        );
        return reply
          .status(201)
          .header('ETag', r.etag)
          .header('Location', url(request.params.code, request.params.id))
          .send(r.period);
      },
    );

    app.patch(
      `${base}/labour-market-periods/:periodId`,
      {
        schema: {
          operationId: 'endLabourMarketPeriod',
          tags,
          summary: 'End a labour-market status period (If-Match required)',
          security,
          description:
            "Sets the period's last day (or corrects it). If-Match with the period's ETag is required: 428 without " +
            'it, 412 when the period has changed since. Refused (422) when the end lies before the start or makes ' +
            'the period overlap another of its kind.',
          headers: IfMatchHeaders,
          params: PeriodParams,
          body: EndLabourMarketPeriodSchema,
          response: { 200: LabourMarketPeriodView, ...errors, 412: ProblemSchema, 428: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { code, id, periodId } = request.params;
        const r = await outcomes.endPeriod(
          await ctxOf(deps, request),
          code,
          id,
          periodId,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('ETag', r.etag).send(r.period);
      },
    );

    app.post(
      `${base}/educations`,
      {
        schema: {
          operationId: 'addEducationCompleted',
          tags,
          summary: 'Record an education completed',
          security,
          description:
            'Appends an education completed (general upper-secondary, vocational or higher), in Denmark or ' +
            'recognised from abroad.',
          headers: PurposeHeaders,
          params: PersonParams,
          body: EducationCompletedSchema,
          response: { 201: EducationCompletedView, ...errors },
        },
      },
      async (request, reply) => {
        const view = await outcomes.addEducationCompleted(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.body,
        );
        return reply.status(201).header('Location', url(request.params.code, request.params.id)).send(view);
      },
    );

    app.post(
      `${base}/danish-educations`,
      {
        schema: {
          operationId: 'addDanishEducation',
          tags,
          summary: 'Record a referral to Danish education and its course',
          security,
          description:
            'Appends a Danish education (DU1–3): the referral, and the start, the module reached and the end as far ' +
            'as known. Refused (422) when the dates or the module do not fit together.',
          headers: PurposeHeaders,
          params: PersonParams,
          body: DanishEducationSchema,
          response: { 201: DanishEducationView, ...errors },
        },
      },
      async (request, reply) => {
        const r = await outcomes.addDanishEducation(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.body,
        );
        return reply
          .status(201)
          .header('ETag', r.etag)
          .header('Location', url(request.params.code, request.params.id))
          .send(r.danishEducation);
      },
    );

    app.post(
      `${base}/danish-tests`,
      {
        schema: {
          operationId: 'addDanishTest',
          tags,
          summary: 'Record a Danish test taken',
          security,
          description:
            'Appends a Danish test (Prøve i Dansk 1–3, Studieprøven) with the day it was taken and whether it was ' +
            'passed.',
          headers: PurposeHeaders,
          params: PersonParams,
          body: DanishTestSchema,
          response: { 201: DanishTestView, ...errors },
        },
      },
      async (request, reply) => {
        const view = await outcomes.addDanishTest(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.body,
        );
        return reply.status(201).header('Location', url(request.params.code, request.params.id)).send(view);
      },
    );
    done();
  };
}
