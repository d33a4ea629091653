// The registries (issue 15): for each of towns, housing-units, institutions, companies,
// positions, volunteers and associations under /api/v1/municipalities/{code}/…: GET (the list,
// or ?format=csv), POST (create, 201 with id), GET|PATCH|DELETE …/{id} (If-Match on a change or
// deletion) and POST …/import (CSV, all or nothing); and a household's facts for placement at
// GET|PATCH …/households/{householdId}. Each handler: context, one service call, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RegistryKind } from '../../domain/registries.js';
import {
  changeHouseholdFacts,
  changeRegistryRecord,
  createRegistryRecord,
  csvColumns,
  deleteRegistryRecord,
  exportRegistryCsv,
  getHouseholdFacts,
  getRegistryRecord,
  importRegistryCsv,
  listRegistry,
  REGISTRY_KINDS,
} from '../../services/registries.js';
import { createSchema, HouseholdFactsChangeSchema, patchSchema, recordSchema } from '../../services/registry-inputs.js';
import { ctxOf, type AppDeps } from '../context.js';
import { csvReply } from '../csv.js';
import { ProblemSchema } from '../problem.js';
import { Id, IfMatchHeaders, MunicipalityCode, PurposeHeaders } from '../schemas.js';

const security = [{ bearer: [] }];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const changeErrors = { ...errors, 412: ProblemSchema, 422: ProblemSchema, 428: ProblemSchema };
const Params = z.object({ code: MunicipalityCode });
const RecordParams = z.object({ code: MunicipalityCode, id: Id });

/** The largest CSV file a registry import takes (2 MiB). */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;

/** What each registry holds, for the OpenAPI document. */
const ABOUT: Record<RegistryKind, string> = {
  towns: 'Towns: coordinates, public transport (kind, lines, weekday departures) and services (GP, shops, school …)',
  'housing-units':
    'Housing units: landlord (housing association, private, municipality), address, town, rooms, rent, accessibility, temporary or permanent, available from',
  institutions:
    'Daycares, schools (reception class, SFO) and language schools: capacity, enrolled, and the composition the policy caps (bilingual, admitted from deprived housing areas)',
  companies: 'Companies: sector, town and contact',
  positions:
    'Positions of companies: internship, wage subsidy, IGU or ordinary job; hours, seats and whether it is a real job opening',
  volunteers: 'Volunteers and mentors: languages, area, capacity (persons: each one shown is access-logged)',
  associations: 'Associations: activities, ages, town and contact',
};

const HouseholdFactsView = z
  .object({
    id: Id,
    version: z.number().int(),
    monthlyIncomeDkk: z.number().int().nullable(),
    needsAccessible: z.boolean(),
    wishes: z.string().nullable(),
    housingStatus: z.string(),
    housingUnitId: Id.nullable(),
    takeoverDate: z.string(),
    memberIds: z.array(Id),
  })
  .meta({ id: 'HouseholdFacts' });

export function registryRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    // This plugin's context: JSON as everywhere, and text/csv for the imports.
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, next) => {
        next(null, body);
      },
    );

    for (const kind of REGISTRY_KINDS) {
      const base = `/api/v1/municipalities/:code/${kind}`;
      const tag = 'registries';
      // housing-units → HousingUnits (a list) and HousingUnit (a record): listHousingUnits, getHousingUnit …
      const plural = kind.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
      const one = plural.replace(/ies$/, 'y').replace(/s$/, '');
      const Record = recordSchema(kind);
      const about = ABOUT[kind];

      app.get(
        base,
        {
          schema: {
            operationId: `list${plural}`,
            tags: [tag],
            summary: `${about.split(':')[0] ?? kind}: the list, or ?format=csv`,
            description: `${about}. With ?format=csv the registry as a CSV file (columns ${csvColumns(kind).join(', ')}; lists separated by |), the file POST …/import takes.`,
            security,
            headers: PurposeHeaders,
            params: Params,
            querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
            response: { 200: z.union([z.array(Record), z.string()]), ...errors },
          },
        },
        async (request, reply) => {
          const ctx = await ctxOf(deps, request);
          if (request.query.format === 'csv')
            return csvReply(reply, `${kind}.csv`, await exportRegistryCsv(ctx, request.params.code, kind));
          return reply.send(await listRegistry(ctx, request.params.code, kind));
        },
      );

      app.post(
        base,
        {
          schema: {
            operationId: `create${one}`,
            tags: [tag],
            summary: `Create a record of ${kind} (201 with its id; the ETag is its version)`,
            description: `${about}. The new record is answered 201 with its id, its URL in Location and its version in the ETag. A reference to a record that does not exist in the municipality is refused 422 (registry.unknown_reference), with the field named.`,
            security,
            headers: PurposeHeaders,
            params: Params,
            body: createSchema(kind),
            response: { 201: Record, ...errors, 422: ProblemSchema },
          },
        },
        async (request, reply) => {
          const r = await createRegistryRecord(await ctxOf(deps, request), request.params.code, kind, request.body);
          return reply
            .status(201)
            .header('ETag', r.etag)
            .header('Location', `${base.replace(':code', request.params.code)}/${r.record.id}`)
            .send(r.record);
        },
      );

      app.get(
        `${base}/:id`,
        {
          schema: {
            operationId: `get${one}`,
            tags: [tag],
            summary: `A record of ${kind}; the ETag is its version`,
            description: `${about}. The ETag is the version to send in If-Match when changing or deleting it.`,
            security,
            headers: PurposeHeaders,
            params: RecordParams,
            response: { 200: Record, ...errors },
          },
        },
        async (request, reply) => {
          const r = await getRegistryRecord(await ctxOf(deps, request), request.params.code, kind, request.params.id);
          return reply.header('ETag', r.etag).send(r.record);
        },
      );

      app.patch(
        `${base}/:id`,
        {
          schema: {
            operationId: `change${one}`,
            tags: [tag],
            summary: `Change a record of ${kind}; If-Match with its ETag (428 without, 412 when it changed since)`,
            description: `Changes the fields given (null clears an optional one). If-Match with the ETag of the last read is required: 428 without it, 412 when the record has changed since, so that no change is lost. The record before the change is kept in the registries' history.`,
            security,
            headers: IfMatchHeaders,
            params: RecordParams,
            body: patchSchema(kind),
            response: { 200: Record, ...changeErrors },
          },
        },
        async (request, reply) => {
          const r = await changeRegistryRecord(
            await ctxOf(deps, request),
            request.params.code,
            kind,
            request.params.id,
            request.headers['if-match'],
            request.body,
          );
          return reply.header('ETag', r.etag).send(r.record);
        },
      );

      app.delete(
        `${base}/:id`,
        {
          schema: {
            operationId: `delete${one}`,
            tags: [tag],
            summary: `Delete a record of ${kind} nothing refers to (409 registry.in_use); If-Match`,
            description: `Deletes the record when nothing refers to it (a household living in a unit, an enrolment at an institution, a position of a company, an open or accepted proposal …); else 409 registry.in_use naming what does. If-Match is required. Answers 204.`,
            security,
            headers: IfMatchHeaders,
            params: RecordParams,
            response: {
              204: z.null().meta({ description: 'Deleted' }),
              ...changeErrors,
              409: ProblemSchema,
            },
          },
        },
        async (request, reply) => {
          await deleteRegistryRecord(
            await ctxOf(deps, request),
            request.params.code,
            kind,
            request.params.id,
            request.headers['if-match'],
          );
          return reply.status(204).send(null);
        },
      );

      app.post(
        `${base}/import`,
        {
          bodyLimit: IMPORT_BODY_LIMIT,
          schema: {
            operationId: `import${plural}`,
            tags: [tag],
            summary: `Import ${kind} from CSV (all or nothing)`,
            description: `The columns of the export (${csvColumns(kind).join(', ')}): a line without id creates a record, a line with id and the version it was exported with changes it (412-like problem registry_import.version_changed when it changed since). UTF-8, comma- or semicolon-separated; lists separated by |; booleans true/false or ja/nej. Every problem is listed by line and column; nothing is written unless every line is right.`,
            consumes: ['text/csv'],
            security,
            headers: PurposeHeaders,
            params: Params,
            body: z.string().meta({ description: 'The CSV file' }),
            response: {
              200: z.object({ created: z.number().int(), changed: z.number().int(), ids: z.array(Id) }),
              ...errors,
              413: ProblemSchema,
              415: ProblemSchema,
              422: ProblemSchema,
            },
          },
        },
        async (request) => importRegistryCsv(await ctxOf(deps, request), request.params.code, kind, request.body),
      );
    }

    const household = '/api/v1/municipalities/:code/households/:householdId';
    const HouseholdParams = z.object({ code: MunicipalityCode, householdId: Id });
    app.get(
      household,
      {
        schema: {
          operationId: 'getHouseholdFacts',
          tags: ['registries'],
          summary: "A household's facts for placement (income a month, needs, wishes); each member is logged",
          description:
            'The facts of a household a housing placement reads: the income a month (for the rent the household can pay), whether it needs an accessible home, its wishes, its housing now. The role must reach a member of the household (the housing coordinator: households without permanent housing). Each member is access-logged.',
          security,
          headers: PurposeHeaders,
          params: HouseholdParams,
          response: { 200: HouseholdFactsView, ...errors },
        },
      },
      async (request, reply) => {
        const r = await getHouseholdFacts(await ctxOf(deps, request), request.params.code, request.params.householdId);
        return reply.header('ETag', r.etag).send(r.household);
      },
    );
    app.patch(
      household,
      {
        schema: {
          operationId: 'changeHouseholdFacts',
          tags: ['registries'],
          summary: "Change a household's income, needs or wishes; If-Match with its ETag",
          description:
            'Changes the income a month, the need of an accessible home or the wishes (null clears). If-Match with the ETag of the last read is required (428 without, 412 when changed since). Each member is access-logged.',
          security,
          headers: IfMatchHeaders,
          params: HouseholdParams,
          body: HouseholdFactsChangeSchema,
          response: { 200: HouseholdFactsView, ...changeErrors },
        },
      },
      async (request, reply) => {
        const r = await changeHouseholdFacts(
          await ctxOf(deps, request),
          request.params.code,
          request.params.householdId,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('ETag', r.etag).send(r.household);
      },
    );
    done();
  };
}
