// Per-request: who is calling (bearer token → actor), why (X-Purpose), and the service context.
import type { FastifyRequest } from 'fastify';
import { DEFAULT_PURPOSE, type Actor } from '../domain/authorization.js';
import { todayIso } from '../domain/dates.js';
import { serviceContext, type Ctx, type ServiceDeps } from '../services/context.js';
import { ServiceError } from '../services/errors.js';
import { authenticate } from '../services/tokens.js';

export class UnauthenticatedError extends ServiceError {
  readonly status = 401;
  readonly kind = 'unauthenticated';
  readonly code = 'auth.unauthenticated';
}

/**
 * A URL naming another municipality than the token's. Answered before any query, with one fixed
 * body whatever the rest of the URL, so that nothing about the other tenant's records (whether an
 * id exists, whether a row can be locked) can be learnt from the answer or its timing.
 */
export class OtherMunicipalityError extends ServiceError {
  readonly status = 404;
  readonly kind = 'not-found';
  readonly code = 'municipality.not_found';
  constructor() {
    super("Not found. A token gives access to its own municipality's records only.");
  }
}

class BadPurposeError extends ServiceError {
  readonly status = 400;
  readonly kind = 'bad-purpose';
  readonly code = 'purpose.invalid';
}

export interface AppDeps extends ServiceDeps {
  /** For tests: a fixed "today". */
  today?: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export async function actorFrom(deps: AppDeps, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  if (token === undefined) throw new UnauthenticatedError('Send an API token: Authorization: Bearer <token>.');
  const actor = await authenticate(deps.db, token);
  if (!actor) throw new UnauthenticatedError('The token is unknown, revoked or expired.');
  return actor;
}

/** Whether `value` has a C0 control character or DEL (a purpose is one line of text). */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export function purposeOf(request: FastifyRequest, actor: Actor): string {
  const raw = request.headers['x-purpose'];
  if (raw === undefined) return DEFAULT_PURPOSE[actor.role];
  const value = (Array.isArray(raw) ? raw.join(', ') : raw).trim();
  if (value.length === 0 || value.length > 200 || hasControlCharacter(value)) {
    throw new BadPurposeError('X-Purpose must be a one-line text of 1 to 200 characters.');
  }
  return value;
}

/**
 * The first step of every route that declares `security` (an onRequest hook, so before the body
 * is parsed or anything is validated): the bearer token is authenticated, and a `:code` in the
 * URL other than the token's municipality is refused with one fixed 404. The services therefore
 * only ever see the token's own municipality code.
 */
export async function authenticateRequest(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const actor = await actorFrom(deps, request);
  request.actor = actor;
  const code = (request.params as { code?: unknown } | undefined)?.code;
  if (code !== undefined && code !== actor.municipalityCode) throw new OtherMunicipalityError();
}

/** The service context for an authenticated request. */
export async function ctxOf(deps: AppDeps, request: FastifyRequest): Promise<Ctx> {
  const actor = request.actor ?? (await actorFrom(deps, request));
  request.actor = actor;
  // Bound to the actor: the database refuses an access-log row in anyone else's name.
  return serviceContext(deps, actor, purposeOf(request, actor), deps.today?.() ?? todayIso());
}
