// Browser sessions: after sign-in the session is a short-lived API token (the same hashed,
// expiring, tenant-scoped mechanism as the API), kept in a __Host- cookie that is Secure,
// HttpOnly and SameSite=Lax. Every state-changing form carries a CSRF token bound to the session
// (an HMAC of the session token), checked before the form is handled.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/authorization.js';
import type { Database } from '../services/context.js';
import { authenticate, endSessionToken } from '../services/tokens.js';

export const SESSION_COOKIE = '__Host-medborger-session';
export const SESSION_HOURS = 8;

export function sessionCookieOptions(maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, secure: true, sameSite: 'lax' as const, maxAge: maxAgeSeconds };
}

export async function sessionActor(
  db: Database,
  request: FastifyRequest,
): Promise<{ actor: Actor; token: string } | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const actor = await authenticate(db, token);
  return actor ? { actor, token } : null;
}

export function csrfFor(key: Buffer, sessionToken: string | null): string {
  return createHmac('sha256', key)
    .update(`csrf:${sessionToken ?? 'anonymous'}`)
    .digest('base64url');
}

export function csrfValid(key: Buffer, sessionToken: string | null, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfFor(key, sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Ends a session: the token is revoked in the database (audited) and the cookie cleared. */
export async function endSession(db: Database, token: string, reply: FastifyReply): Promise<void> {
  await endSessionToken(db, token);
  reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
}
