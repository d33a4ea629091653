// What the web application gives each page module (src/web/plugin.tsx builds it): the service
// context of the signed-in user, the page context, sign-in and CSRF checks, and an HTML reply.
// Its own module so that the pages do not import the plugin that registers them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/authorization.js';
import type { Ctx } from '../services/context.js';
import type { PageContext } from './components.js';

export interface WebTools {
  ctx(request: FastifyRequest): Ctx;
  pageContext(request: FastifyRequest): PageContext;
  requireActor(request: FastifyRequest): Actor;
  checkCsrf(request: FastifyRequest): void;
  html(reply: FastifyReply, status: number, body: string): FastifyReply;
}
