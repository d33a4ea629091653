// Records that change (issue 13, item 3): for each changeable case record kind (activities,
// enrolments, conversations, follow-ups, language assessments) the same three routes, made by one
// factory under the path segment of the kind's POST: PATCH (correct or end; If-Match), DELETE
// (with ?reason=; If-Match) and GET …/history. Each handler: context, one service call, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RECORD_OPERATIONS, type RecordKind } from '../../domain/record-changes.js';
import * as changes from '../../services/record-changes.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import {
  ActivitySchema,
  ConversationSchema,
  DeleteReasonQuery,
  EnrolmentSchema,
  FollowUpSchema,
  Id,
  IfMatchHeaders,
  LanguageAssessmentSchema,
  MunicipalityCode,
  PurposeHeaders,
  recordPatchSchema,
} from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const changeErrors = { ...errors, 412: ProblemSchema, 428: ProblemSchema };
const security = [{ bearer: [] }];
const tags = ['case'];

/** The path parameters: the municipality, the person and the record, named by its kind ({activityId} …). */
function recordParams<P extends string>(param: P) {
  return z.object({ code: MunicipalityCode, id: Id }).extend({ [param]: Id } as { [K in P]: typeof Id });
}
const RecordView = z.looseObject({
  id: Id,
  version: z.number().int().meta({ description: 'Send as If-Match ("<version>") to change or delete the record' }),
});
const HistoryView = z.object({
  personId: Id,
  person: z.object({ givenName: z.string(), familyName: z.string() }),
  recordKind: z.string(),
  recordId: Id,
  current: RecordView.nullable().meta({ description: 'The record now; null once it is deleted' }),
  changes: z.array(
    z.object({
      id: Id,
      recordKind: z.string(),
      recordId: Id,
      operation: z.enum(RECORD_OPERATIONS),
      reason: z.string().nullable(),
      before: z.record(z.string(), z.unknown()).meta({ description: "The record's fields before the change" }),
      changedAt: z.string(),
      changedBy: z.object({ id: Id, name: z.string().nullable() }),
    }),
  ),
});

/** The kinds: path segment of its POST, kind, the record in a summary, the id's name in the documented path, its creation schema. */
const KINDS = [
  ['activities', 'activity', 'an activity', 'activityId', ActivitySchema],
  ['enrolments', 'enrolment', 'an enrolment', 'enrolmentId', EnrolmentSchema],
  ['conversations', 'conversation', 'a conversation', 'conversationId', ConversationSchema],
  ['follow-ups', 'follow_up', 'a follow-up', 'followUpId', FollowUpSchema],
  ['language-assessments', 'language_assessment', 'a language assessment', 'assessmentId', LanguageAssessmentSchema],
] as const satisfies readonly (readonly [string, RecordKind, string, string, z.ZodObject])[];

/** The operationId's noun: follow-ups → FollowUp. */
const noun = (kind: RecordKind) => kind.replace(/(^|_)(\w)/g, (_, _s: string, c: string) => c.toUpperCase());

export function recordChangeRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    for (const [path, kind, what, param, creation] of KINDS) {
      const url = `/api/v1/municipalities/:code/persons/:id/${path}/:${param}`;
      const RecordParams = recordParams(param);
      app.patch(
        url,
        {
          schema: {
            operationId: `change${noun(kind)}`,
            tags,
            summary: `Correct or end ${what} (If-Match required)`,
            description:
              `Changes any of the fields of ${what} (the last day, to end one with a period), optionally with a reason. ` +
              'The record after the change passes the checks of its creation (422 otherwise). If-Match with the ' +
              "record's ETag is required: 428 without it, 412 when it has changed since. The history keeps the fields " +
              'before the change. Logged.',
            security,
            headers: IfMatchHeaders,
            params: RecordParams,
            body: recordPatchSchema(creation),
            response: { 200: RecordView, ...changeErrors },
          },
        },
        async (request, reply) => {
          const { code, id, [param]: recordId } = request.params;
          const r = await changes.changeRecord(
            await ctxOf(deps, request),
            code,
            id,
            kind,
            recordId,
            request.headers['if-match'],
            request.body,
          );
          return reply.header('ETag', r.etag).send(r.record);
        },
      );
      app.delete(
        url,
        {
          schema: {
            operationId: `delete${noun(kind)}`,
            tags,
            summary: `Delete ${what} with a reason (If-Match required)`,
            description:
              `Deletes ${what}: it leaves the case and the obligations, and stays in its history with the reason ` +
              '(the query parameter `reason`, required). If-Match with its ETag is required: 428 without it, 412 ' +
              'when it has changed since. Answers 204. Logged.',
            security,
            headers: IfMatchHeaders,
            params: RecordParams,
            querystring: DeleteReasonQuery,
            response: { 204: z.null().meta({ description: 'Deleted' }), ...changeErrors },
          },
        },
        async (request, reply) => {
          const { code, id, [param]: recordId } = request.params;
          await changes.deleteRecord(
            await ctxOf(deps, request),
            code,
            id,
            kind,
            recordId,
            request.headers['if-match'],
            request.query.reason,
          );
          return reply.status(204).send(null);
        },
      );
      app.get(
        `${url}/history`,
        {
          schema: {
            operationId: `get${noun(kind)}History`,
            tags,
            summary: `Read the history of ${what} (logged)`,
            description:
              `The record now (null once deleted) and each change, end or deletion of ${what}, oldest first: who, ` +
              'when, why and its fields before. For the roles that write the record. Logged with the purpose.',
            security,
            headers: PurposeHeaders,
            params: RecordParams,
            response: { 200: HistoryView, ...errors },
          },
        },
        async (request, reply) => {
          const { code, id, [param]: recordId } = request.params;
          const view = await changes.recordHistory(await ctxOf(deps, request), code, id, kind, recordId);
          return reply.header('Cache-Control', 'no-store').send(view);
        },
      );
    }
    done();
  };
}
