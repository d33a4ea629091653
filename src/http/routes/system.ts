// Health, reference data, the OpenAPI document and the admin token API.
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../services/context.js';
import { listMunicipalities } from '../../services/municipalities.js';
import { createToken } from '../../services/tokens.js';
import { ctxOf, type AppDeps } from '../context.js';
import { MunicipalitySchema, TokenCreatedSchema, TokenRequestSchema } from '../schemas.js';
import { ProblemSchema } from '../problem.js';

export function systemRoutes(deps: AppDeps & { engine: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', {
      schema: { tags: ['system'], summary: 'Liveness and database reachability', response: { 200: z.object({ status: z.literal('ok'), engine: z.string() }) } },
    }, async () => {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' as const, engine: deps.engine };
    });

    app.get('/api/v1/municipalities', {
      schema: { tags: ['reference'], summary: 'The 98 municipalities; those with an encoded policy are marked', response: { 200: z.object({ municipalities: z.array(MunicipalitySchema) }) } },
    }, async () => ({ municipalities: await listMunicipalities(deps.db) }));

    app.post('/api/v1/tokens', {
      schema: {
        tags: ['admin'], summary: 'Create an API token for a user of your municipality (admin)', security: [{ bearer: [] }],
        body: TokenRequestSchema,
        response: { 201: TokenCreatedSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
      },
    }, async (request, reply) => {
      const ctx = await ctxOf(deps, request);
      authorize(ctx, ctx.actor.municipalityCode, 'token.create');
      const created = await createToken(deps.db, {
        municipalityCode: ctx.actor.municipalityCode, role: request.body.role, userName: request.body.user,
        days: request.body.days, personId: request.body.personId,
      });
      return reply.status(201).send({ token: created.token, userId: created.userId, expiresAt: created.expiresAt.toISOString() });
    });
  };
}
