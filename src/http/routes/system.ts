// Health, reference data, the OpenAPI document and the admin token API (create, list, revoke, audit trail).
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { authorize } from '../../services/context.js';
import { listMunicipalities } from '../../services/municipalities.js';
import { createToken, listAuditEvents, listTokens, revokeToken } from '../../services/tokens.js';
import { ctxOf, type AppDeps } from '../context.js';
import {
  AuditEventSchema,
  MunicipalitySchema,
  TokenCreatedSchema,
  TokenListQuery,
  TokenParams,
  TokenRequestSchema,
  TokenViewSchema,
} from '../schemas.js';
import { ProblemSchema } from '../problem.js';

export function systemRoutes(deps: AppDeps & { engine: string }): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/health',
      {
        schema: {
          operationId: 'getHealth',
          tags: ['system'],
          summary: 'Liveness and database reachability',
          description:
            'Answers 200 with the database engine (pglite or postgres) once the database answers a query. Public; for monitoring.',
          security: [],
          response: { 200: z.object({ status: z.literal('ok'), engine: z.string() }), '4xx': ProblemSchema },
        },
      },
      async () => {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, engine: deps.engine };
      },
    );

    app.get(
      '/api/v1/municipalities',
      {
        schema: {
          operationId: 'listMunicipalities',
          tags: ['reference'],
          summary: 'The 98 municipalities; those with an encoded policy are marked',
          description:
            'Reference data, public: the code and name of every Danish municipality, and whether Medborger has its integration policy encoded.',
          security: [],
          response: { 200: z.object({ municipalities: z.array(MunicipalitySchema) }), '4xx': ProblemSchema },
        },
      },
      async () => ({ municipalities: await listMunicipalities(deps.db) }),
    );

    app.post(
      '/api/v1/tokens',
      {
        schema: {
          operationId: 'createToken',
          tags: ['admin'],
          summary:
            'Create an API token for a new integration client of your municipality, or a citizen token (admin; audited)',
          security: [{ bearer: [] }],
          description:
            'Admin only. A token for a new integration client (a technical user "Integration: <user>", never an existing person) with the role given, or, with personId and the citizen role, a token for that citizen. The token is shown once, in this response; only its hash is stored. Audited.',
          body: TokenRequestSchema,
          response: {
            201: TokenCreatedSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const ctx = await ctxOf(deps, request);
        authorize(ctx, ctx.actor.municipalityCode, 'token.create');
        const created = await createToken(deps.db, {
          municipalityCode: ctx.actor.municipalityCode,
          role: request.body.role,
          userName: request.body.user,
          days: request.body.days,
          personId: request.body.personId,
          createdBy: ctx.actor,
        });
        return reply.status(201).send({
          token: created.token,
          tokenId: created.tokenId,
          userId: created.userId,
          userName: created.userName,
          expiresAt: created.expiresAt.toISOString(),
        });
      },
    );

    app.get(
      '/api/v1/tokens',
      {
        schema: {
          operationId: 'listTokens',
          tags: ['admin'],
          summary:
            'The API tokens and browser sessions of your municipality: holder, role, creator, expiry (admin; never the token)',
          security: [{ bearer: [] }],
          description:
            'Admin only. Active tokens and sessions by default; `all=true` includes revoked and expired ones, `kind` selects API tokens or sessions. The token itself is never shown.',
          querystring: TokenListQuery,
          response: {
            200: z.object({ tokens: z.array(TokenViewSchema) }),
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
          },
        },
      },
      async (request) => {
        const ctx = await ctxOf(deps, request);
        return {
          tokens: await listTokens(ctx, { kind: request.query.kind, includeInactive: request.query.all === 'true' }),
        };
      },
    );

    app.post(
      '/api/v1/tokens/:id/revoke',
      {
        schema: {
          operationId: 'revokeToken',
          tags: ['admin'],
          summary: 'Revoke an API token or end a browser session of your municipality (admin; audited)',
          security: [{ bearer: [] }],
          description:
            'Admin only. The token stops working at once; the revocation is audited. Answers the token as it now is.',
          params: TokenParams,
          response: {
            200: TokenViewSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request) => revokeToken(await ctxOf(deps, request), request.params.id),
    );

    app.get(
      '/api/v1/audit-events',
      {
        schema: {
          operationId: 'listAuditEvents',
          tags: ['admin'],
          summary: 'The audit trail of tokens and sessions of your municipality, newest first (admin)',
          security: [{ bearer: [] }],
          description: 'Admin only. Who created and revoked which token or session, and when.',
          response: { 200: z.object({ events: z.array(AuditEventSchema) }), 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (request) => ({ events: await listAuditEvents(await ctxOf(deps, request)) }),
    );
    done();
  };
}
