// Per-request: who is calling (bearer token → actor), why (X-Purpose), and the service context.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { DEFAULT_PURPOSE, type Actor } from '../domain/authorization.js';
import { todayIso } from '../domain/dates.js';
import type { DB } from '../db/schema.js';
import type { CprVault } from '../security/cpr-vault.js';
import type { Ctx } from '../services/context.js';
import { ServiceError } from '../services/errors.js';
import { authenticate } from '../services/tokens.js';

export class UnauthenticatedError extends ServiceError {
  readonly status = 401;
  readonly kind = 'unauthenticated';
}

class BadPurposeError extends ServiceError {
  readonly status = 400;
  readonly kind = 'bad-purpose';
}

export interface AppDeps {
  db: Kysely<DB>;
  vault: CprVault;
  /** For tests: a fixed "today". */
  today?: () => string;
}

declare module 'fastify' {
  interface FastifyRequest { actor: Actor | null }
}

export async function actorFrom(deps: AppDeps, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!m) throw new UnauthenticatedError('Send an API token: Authorization: Bearer <token>.');
  const actor = await authenticate(deps.db, m[1]!);
  if (!actor) throw new UnauthenticatedError('The token is unknown, revoked or expired.');
  return actor;
}

export function purposeOf(request: FastifyRequest, actor: Actor): string {
  const raw = request.headers['x-purpose'];
  if (raw === undefined) return DEFAULT_PURPOSE[actor.role];
  const value = (Array.isArray(raw) ? raw.join(', ') : raw).trim();
  if (value.length === 0 || value.length > 200 || /[\u0000-\u001F\u007F]/.test(value)) {
    throw new BadPurposeError('X-Purpose must be a one-line text of 1 to 200 characters.');
  }
  return value;
}

/** The service context for an authenticated request. */
export async function ctxOf(deps: AppDeps, request: FastifyRequest): Promise<Ctx> {
  const actor = request.actor ?? (await actorFrom(deps, request));
  request.actor = actor;
  return { db: deps.db, vault: deps.vault, actor, purpose: purposeOf(request, actor), today: deps.today?.() ?? todayIso() };
}
