// Cases that close (issue 13, item 4): POST …/persons/{id}/closure closes the case, GET reads the
// closure, DELETE (?reason=…, If-Match) undoes a wrong one. Each handler: context, one service
// call, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CLOSURE_REASONS } from '../../domain/closure.js';
import * as closures from '../../services/closures.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import {
  CaseClosureSchema,
  DeleteReasonQuery,
  Id,
  IfMatchHeaders,
  MunicipalityCode,
  PersonParams,
  PurposeHeaders,
} from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const security = [{ bearer: [] }];
const tags = ['case'];

const ClosureView = z.object({
  id: Id,
  personId: Id,
  date: z.string().meta({ description: 'The last day of the case' }),
  reason: z.enum(CLOSURE_REASONS),
  movedToMunicipality: z.object({ code: MunicipalityCode, name: z.string() }).nullable(),
  version: z.number().int().meta({ description: 'Send as If-Match ("<version>") to undo the closure' }),
  closedAt: z.string(),
  closedBy: z.object({ id: Id, name: z.string().nullable() }).nullable(),
});

export function closureRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    const url = '/api/v1/municipalities/:code/persons/:id/closure';
    app.post(
      url,
      {
        schema: {
          operationId: 'closeCase',
          tags,
          summary: "Close a person's case (moved, self-supporting, repatriated, died)",
          description:
            'Closes the case on `date` (not before the takeover, not after today). Obligations due on or before that day ' +
            'stay as they were; unmet ones due after it are no longer owed (not applicable, the closure as the reason), ' +
            'except a family rule while another member of the household has an open case. The person leaves the ' +
            'worklist, and the indicators count them until the closure day. `movedToMunicipality` only for `moved`: one ' +
            'of the 98 codes, not your own. One closure per person: a second answers 409 `closure.already_closed`. ' +
            'Case workers only. Logged.',
          security,
          headers: PurposeHeaders,
          params: PersonParams,
          body: CaseClosureSchema,
          response: { 201: ClosureView, ...errors, 409: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { code, id } = request.params;
        const r = await closures.closeCase(await ctxOf(deps, request), code, id, request.body);
        return reply.status(201).header('ETag', r.etag).send(r.closure);
      },
    );
    app.get(
      url,
      {
        schema: {
          operationId: 'getClosure',
          tags,
          summary: "Read a person's closure (logged)",
          description:
            "The closure of the person's case: the day, why, the municipality moved to, who recorded it; 404 " +
            '`closure.not_found` while the case is open. For the roles that read the obligations. Logged with the purpose.',
          security,
          headers: PurposeHeaders,
          params: PersonParams,
          response: { 200: ClosureView, ...errors },
        },
      },
      async (request, reply) => {
        const { code, id } = request.params;
        const r = await closures.getClosure(await ctxOf(deps, request), code, id);
        return reply.header('ETag', r.etag).header('Cache-Control', 'no-store').send(r.closure);
      },
    );
    app.delete(
      url,
      {
        schema: {
          operationId: 'deleteClosure',
          tags,
          summary: 'Undo a wrong closure with a reason (If-Match required)',
          description:
            'Deletes the closure: the case is open again (its obligations are owed, the person is on the worklist). ' +
            'The history keeps who, when, the reason (the query parameter `reason`, required) and the closure before. ' +
            'If-Match with its ETag is required: 428 without it, 412 when it has changed since. Answers 204. Logged.',
          security,
          headers: IfMatchHeaders,
          params: PersonParams,
          querystring: DeleteReasonQuery,
          response: {
            204: z.null().meta({ description: 'Undone' }),
            ...errors,
            412: ProblemSchema,
            428: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { code, id } = request.params;
        await closures.deleteClosure(
          await ctxOf(deps, request),
          code,
          id,
          request.headers['if-match'],
          request.query.reason,
        );
        return reply.status(204).send(null);
      },
    );
    done();
  };
}
