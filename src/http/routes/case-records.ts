// The records of a person's case: PUT for the singular ones (If-Match once they exist), POST for
// the appended ones. Each handler: context, one service call, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as records from '../../services/case-records.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import {
  ActivitySchema,
  ContactPersonSchema,
  ContractSchema,
  ConversationSchema,
  CreatedRecordSchema,
  EnrolmentSchema,
  FollowUpSchema,
  HealthAssessmentSchema,
  IfMatchHeaders,
  LanguageAssessmentSchema,
  PersonParams,
  ReceptionStepSchema,
  RepatriationNoticeSchema,
  VisitationSchema,
  PurposeHeaders,
} from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const putErrors = { ...errors, 412: ProblemSchema, 428: ProblemSchema };
const security = [{ bearer: [] }];
const Versioned = z.looseObject({ version: z.number().int() });
const ReceptionStepsView = z.object({
  receptionSteps: z.array(
    z.object({ id: z.string(), kind: z.string(), date: z.string(), note: z.string().nullable() }),
  ),
});

export function caseRecordRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    const base = '/api/v1/municipalities/:code/persons/:id';

    app.put(
      `${base}/visitation`,
      {
        schema: {
          operationId: 'putVisitation',
          tags: ['case'],
          summary: 'Record the visitation interview',
          security,
          description:
            'Creates the visitation (201) or replaces it (200; If-Match with its ETag required once it exists).',
          params: PersonParams,
          headers: IfMatchHeaders,
          body: VisitationSchema,
          response: { 200: Versioned, 201: Versioned, ...putErrors },
        },
      },
      async (request, reply) => {
        const r = await records.putVisitation(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.headers['if-match'],
          request.body,
        );
        return reply
          .status(r.created ? 201 : 200)
          .header('ETag', r.etag)
          .send(r.visitation);
      },
    );

    app.put(
      `${base}/contract`,
      {
        schema: {
          operationId: 'putContract',
          tags: ['case'],
          summary: 'Write the integration contract',
          security,
          description:
            'Creates the integration contract (201) or replaces it (200; If-Match with its ETag required once it exists).',
          params: PersonParams,
          headers: IfMatchHeaders,
          body: ContractSchema,
          response: { 200: Versioned, 201: Versioned, ...putErrors },
        },
      },
      async (request, reply) => {
        const r = await records.putContract(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.headers['if-match'],
          request.body,
        );
        return reply
          .status(r.created ? 201 : 200)
          .header('ETag', r.etag)
          .send(r.contract);
      },
    );

    app.put(
      `${base}/contact-person`,
      {
        schema: {
          operationId: 'putContactPerson',
          tags: ['case'],
          summary: 'Assign the fixed contact person (the previous one is closed, not overwritten)',
          security,
          description:
            'Assigns the contact person (201 for the first, 200 after; If-Match with the current ETag required once one exists). The history of contact persons is kept.',
          params: PersonParams,
          headers: IfMatchHeaders,
          body: ContactPersonSchema,
          response: { 200: Versioned, 201: Versioned, ...putErrors },
        },
      },
      async (request, reply) => {
        const r = await records.putContactPerson(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.headers['if-match'],
          request.body,
        );
        return reply
          .status(r.created ? 201 : 200)
          .header('ETag', r.etag)
          .send(r.contactPerson);
      },
    );

    const appended = [
      [
        'activities',
        'addActivity',
        'Add an activity (Danish education, internship, …)',
        ActivitySchema,
        records.addActivity,
      ],
      [
        'conversations',
        'addConversation',
        'Log a conversation (repatriation guidance, interpreter)',
        ConversationSchema,
        records.addConversation,
      ],
      [
        'enrolments',
        'addEnrolment',
        'Enrol a child (daycare, school, reception class, SFO)',
        EnrolmentSchema,
        records.addEnrolment,
      ],
      [
        'language-assessments',
        'addLanguageAssessment',
        'Record a language assessment',
        LanguageAssessmentSchema,
        records.addLanguageAssessment,
      ],
      ['follow-ups', 'addFollowUp', 'Record a follow-up', FollowUpSchema, records.addFollowUp],
      [
        'health-assessments',
        'addHealthAssessment',
        'Record a health assessment: the need assessed, or the offer and its answer (integrationsloven § 15 d)',
        HealthAssessmentSchema,
        records.addHealthAssessment,
      ],
      [
        'repatriation-notices',
        'addRepatriationNotice',
        'Record a wish to return, or the notice of it to the advising organisation (repatrieringsloven § 5)',
        RepatriationNoticeSchema,
        records.addRepatriationNotice,
      ],
      [
        'reception-steps',
        'addReceptionStep',
        'Record a step of the reception a policy commits to (rights and duties, reception programme, introduction …)',
        ReceptionStepSchema,
        records.addReceptionStep,
      ],
    ] as const;

    app.get(
      `${base}/reception-steps`,
      {
        schema: {
          operationId: 'listReceptionSteps',
          tags: ['case'],
          summary: "Read a person's reception steps (logged)",
          description:
            'The steps of the reception a policy commits to (informing of rights and duties, the individual reception ' +
            'programme, the introduction to the local area, information on associations, health orientation …), in the ' +
            'order they were taken. For the roles that see the case. Logged with the purpose.',
          security,
          headers: PurposeHeaders,
          params: PersonParams,
          response: { 200: ReceptionStepsView, ...errors },
        },
      },
      async (request, reply) => {
        const view = await records.listReceptionSteps(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
        );
        return reply.header('Cache-Control', 'no-store').send(view);
      },
    );

    for (const [path, operationId, summary, body, add] of appended) {
      app.post(
        `${base}/${path}`,
        {
          schema: {
            operationId,
            tags: ['case'],
            summary,
            description: `${summary}. Appended to the person's case (records are added, never overwritten); answers its id, with the record in Location.`,
            security,
            headers: PurposeHeaders,
            params: PersonParams,
            body,
            response: { 201: CreatedRecordSchema, ...errors },
          },
        },
        async (request, reply) => {
          const created = await (
            add as (
              ctx: Awaited<ReturnType<typeof ctxOf>>,
              code: string,
              id: string,
              input: unknown,
            ) => Promise<{ id: string }>
          )(await ctxOf(deps, request), request.params.code, request.params.id, request.body);
          return reply
            .status(201)
            .header(
              'Location',
              `/api/v1/municipalities/${request.params.code}/persons/${request.params.id}/${path}/${created.id}`,
            )
            .send(created);
        },
      );
    }
    done();
  };
}
