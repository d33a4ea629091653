// Households, persons, search and the access log. Each handler: context, one service call, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { personAccessLog } from '../../services/access-log.js';
import { getPerson, registerHousehold, searchPersons, updatePerson } from '../../services/persons.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import {
  AccessLogSchema,
  HouseholdCreatedSchema,
  IfMatchHeaders,
  MunicipalityParams,
  NewHouseholdSchema,
  PersonCaseSchema,
  PersonParams,
  PersonPatchSchema,
  PersonQuery,
  PersonSchema,
  SearchQuery,
  SearchResultSchema,
  PurposeHeaders,
} from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const security = [{ bearer: [] }];

export function personRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/api/v1/municipalities/:code/households',
      {
        schema: {
          operationId: 'registerHousehold',
          tags: ['persons'],
          summary: 'Register an arriving household with its members',
          security,
          description:
            'Registers the household and its members in one transaction, with the registering user as their contact person. CPR numbers are stored encrypted. Answers the ids, with the household in Location.',
          headers: PurposeHeaders,
          params: MunicipalityParams,
          body: NewHouseholdSchema,
          response: { 201: HouseholdCreatedSchema, ...errors },
        },
      },
      async (request, reply) => {
        const result = await registerHousehold(await ctxOf(deps, request), request.params.code, request.body);
        return reply
          .status(201)
          .header('Location', `/api/v1/municipalities/${request.params.code}/households/${result.householdId}`)
          .send(result);
      },
    );

    app.get(
      '/api/v1/municipalities/:code/persons',
      {
        schema: {
          operationId: 'searchPersons',
          tags: ['persons'],
          summary: 'Search persons by name or CPR number (logged with the criterion)',
          security,
          description:
            'A query that looks like a CPR number is searched as a CPR number, anything else as a name. The persons the role reaches only; the search and every person shown are logged with the purpose.',
          headers: PurposeHeaders,
          params: MunicipalityParams,
          querystring: SearchQuery,
          response: { 200: SearchResultSchema, ...errors },
        },
      },
      async (request) => searchPersons(await ctxOf(deps, request), request.params.code, request.query.query),
    );

    app.get(
      '/api/v1/municipalities/:code/persons/:id',
      {
        schema: {
          operationId: 'getPerson',
          tags: ['persons'],
          summary: 'Read a person and their case (logged)',
          security,
          description:
            'The person and their case records, with the fields the role may see (the CPR number masked unless `reveal=cpr`). Logged with the purpose. The ETag is the version to send in If-Match when changing the person.',
          headers: PurposeHeaders,
          params: PersonParams,
          querystring: PersonQuery,
          response: { 200: PersonCaseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const result = await getPerson(await ctxOf(deps, request), request.params.code, request.params.id, {
          revealCpr: request.query.reveal === 'cpr',
        });
        return reply.header('ETag', result.etag).header('Cache-Control', 'no-store').send(result.person);
      },
    );

    app.patch(
      '/api/v1/municipalities/:code/persons/:id',
      {
        schema: {
          operationId: 'updatePerson',
          tags: ['persons'],
          summary: 'Change a person (If-Match required)',
          security,
          description:
            "Changes the fields sent (`{}` changes nothing). If-Match with the person's ETag is required: 428 without it, 412 when the person has changed since.",
          params: PersonParams,
          headers: IfMatchHeaders,
          body: PersonPatchSchema,
          response: { 200: PersonSchema, ...errors, 409: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema },
        },
      },
      async (request, reply) => {
        const result = await updatePerson(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('ETag', result.etag).send(result.person);
      },
    );

    app.get(
      '/api/v1/municipalities/:code/persons/:id/access-log',
      {
        schema: {
          operationId: 'getPersonAccessLog',
          tags: ['persons'],
          summary: "A person's access log (a citizen sees dates and purposes only)",
          security,
          description:
            "Every logged use of the person's data, with its action and purpose; `truncated` says when older entries were left out. A citizen reading their own log sees dates and purposes only.",
          headers: PurposeHeaders,
          params: PersonParams,
          response: { 200: AccessLogSchema, ...errors },
        },
      },
      async (request, reply) => {
        const result = await personAccessLog(await ctxOf(deps, request), request.params.code, request.params.id);
        return reply.header('Cache-Control', 'no-store').send(result);
      },
    );
    done();
  };
}
