// The citizen's own session, apart from the staff session: a short-lived citizen session token
// (the same hashed, expiring, tenant-scoped tokens) in its own __Host- cookie, read only by the
// pages under /borger/. A staff page never reads it, so a signed-in citizen reaches no staff page;
// a staff session is never a citizen session. The language the citizen chose is remembered in a
// cookie of its own.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/authorization.js';
import { fromAcceptLanguage, isLang, langOf, type Lang } from '../i18n/index.js';
import type { Database } from '../services/context.js';
import { isCitizen } from '../services/citizen.js';
import { authenticate, endSessionToken } from '../services/tokens.js';
import { sessionCookieOptions } from './session.js';

export const CITIZEN_COOKIE = '__Host-medborger-citizen';
export const CITIZEN_LOGIN_COOKIE = '__Host-medborger-citizen-login';
export const LANG_COOKIE = '__Host-medborger-lang';
export const CITIZEN_SESSION_HOURS = 2;
const LANG_DAYS = 365;

/** The citizen of the request's citizen cookie, or null (no cookie, expired, revoked, or not a citizen's). */
export async function citizenSession(
  db: Database,
  request: FastifyRequest,
): Promise<{ actor: Actor; token: string } | null> {
  const token = request.cookies[CITIZEN_COOKIE];
  if (!token) return null;
  const actor = await authenticate(db, token);
  return actor && isCitizen(actor) ? { actor, token } : null;
}

export function setCitizenSession(reply: FastifyReply, token: string): void {
  reply.setCookie(CITIZEN_COOKIE, token, sessionCookieOptions(CITIZEN_SESSION_HOURS * 3600));
}

export async function endCitizenSession(db: Database, token: string, reply: FastifyReply): Promise<void> {
  await endSessionToken(db, token);
  reply.clearCookie(CITIZEN_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
}

/**
 * The page's language: `?lang=` (then remembered in the cookie), else the cookie, else the best
 * of Accept-Language, else Danish.
 */
export function pageLanguage(request: FastifyRequest, reply: FastifyReply): Lang {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  if (typeof asked === 'string') {
    const lang = langOf(asked);
    if (lang) {
      reply.setCookie(LANG_COOKIE, lang, sessionCookieOptions(LANG_DAYS * 86_400));
      return lang;
    }
  }
  const remembered = request.cookies[LANG_COOKIE];
  if (isLang(remembered)) return remembered;
  return fromAcceptLanguage(request.headers['accept-language']) ?? 'da';
}
