// Households, persons, search and the access log. Each handler: context, one service call, reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { personAccessLog } from '../../services/access-log.js';
import { getPerson, registerHousehold, searchPersons, updatePerson } from '../../services/persons.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import {
  AccessLogSchema, HouseholdCreatedSchema, IfMatchHeaders, MunicipalityParams, NewHouseholdSchema,
  PersonCaseSchema, PersonParams, PersonPatchSchema, PersonQuery, PersonSchema, SearchQuery, SearchResultSchema,
  PurposeHeaders,
} from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const security = [{ bearer: [] }];

export function personRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/municipalities/:code/households', {
      schema: { tags: ['persons'], summary: 'Register an arriving household with its members', security, headers: PurposeHeaders, params: MunicipalityParams, body: NewHouseholdSchema, response: { 201: HouseholdCreatedSchema, ...errors } },
    }, async (request, reply) => {
      const result = await registerHousehold(await ctxOf(deps, request), request.params.code, request.body);
      return reply.status(201).header('Location', `/api/v1/municipalities/${request.params.code}/households/${result.householdId}`).send(result);
    });

    app.get('/api/v1/municipalities/:code/persons', {
      schema: { tags: ['persons'], summary: 'Search persons by name or CPR number (logged with the criterion)', security, headers: PurposeHeaders, params: MunicipalityParams, querystring: SearchQuery, response: { 200: SearchResultSchema, ...errors } },
    }, async (request) => searchPersons(await ctxOf(deps, request), request.params.code, request.query.query));

    app.get('/api/v1/municipalities/:code/persons/:id', {
      schema: { tags: ['persons'], summary: 'Read a person and their case (logged)', security, headers: PurposeHeaders, params: PersonParams, querystring: PersonQuery, response: { 200: PersonCaseSchema, ...errors } },
    }, async (request, reply) => {
      const result = await getPerson(await ctxOf(deps, request), request.params.code, request.params.id, { revealCpr: request.query.reveal === 'cpr' });
      return reply.header('ETag', result.etag).header('Cache-Control', 'no-store').send(result.person);
    });

    app.patch('/api/v1/municipalities/:code/persons/:id', {
      schema: { tags: ['persons'], summary: 'Change a person (If-Match required)', security, params: PersonParams, headers: IfMatchHeaders, body: PersonPatchSchema, response: { 200: PersonSchema, ...errors, 409: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema } },
    }, async (request, reply) => {
      const result = await updatePerson(await ctxOf(deps, request), request.params.code, request.params.id, request.headers['if-match'], request.body);
      return reply.header('ETag', result.etag).send(result.person);
    });

    app.get('/api/v1/municipalities/:code/persons/:id/access-log', {
      schema: { tags: ['persons'], summary: "A person's access log (a citizen sees dates and purposes only)", security, headers: PurposeHeaders, params: PersonParams, response: { 200: AccessLogSchema, ...errors } },
    }, async (request, reply) => {
      const result = await personAccessLog(await ctxOf(deps, request), request.params.code, request.params.id);
      return reply.header('Cache-Control', 'no-store').send(result);
    });
  };
}
