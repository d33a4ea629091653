// The caseworker web application: server-rendered pages in Danish on Det Fælles Designsystem.
// Sign-in by OpenID Connect; a session cookie; CSRF on every form; a Content-Security-Policy.
// Pages call the same services as the API, so authorization, tenant isolation and the access
// log are the same.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, Role } from '../domain/authorization.js';
import { DEFAULT_PURPOSE, ROLES } from '../domain/authorization.js';
import { todayIso } from '../domain/dates.js';
import { MUNICIPALITIES } from '../domain/municipalities.js';
import { serviceContext, type ServiceDeps } from '../services/context.js';
import { ConflictError, ForbiddenError, NotFoundError, ServiceError } from '../services/errors.js';
import { signIn } from '../services/tokens.js';
import { page } from './components.js';
import type { OidcRelyingParty, PendingLogin } from './oidc.js';
import { ErrorPage } from './pages/errors.js';
import { safeReturnTo } from './return-to.js';
import { annualReportRoutes } from './pages/annual-report.js';
import { calendarRoutes } from './pages/calendar.js';
import { caseRoutes } from './pages/person/index.js';
import { compareRoutes } from './pages/compare.js';
import { governanceRoutes } from './pages/governance.js';
import { householdRoutes } from './pages/household.js';
import { arrivalRoutes } from './pages/arrivals.js';
import { registryRoutes } from './pages/registries.js';
import { householdFactsRoutes } from './pages/household-facts.js';
import { indicatorRoutes } from './pages/indicators.js';
import { placementRoutes } from './pages/placement.js';
import { administrationRoutes } from './pages/administration.js';
import { policyRoutes } from './pages/policy.js';
import { searchRoutes } from './pages/search.js';
import { worklistRoutes } from './pages/worklist.js';
import { citizenRoutes } from './pages/citizen/index.js';
import type { WebTools } from './tools.js';
import {
  csrfFor,
  csrfValid,
  endSession,
  SESSION_COOKIE,
  SESSION_HOURS,
  sessionActor,
  sessionCookieOptions,
} from './session.js';

export interface WebOptions extends ServiceDeps {
  /** Filled in once the server listens (the redirect URI needs the port). */
  auth: {
    rp: OidcRelyingParty | null;
    publicUrl: string;
    /** The citizens' provider (MitID through the broker; the demo provider locally): the pages under /borger/. */
    citizenRp?: OidcRelyingParty | null;
    citizenCprClaim?: string;
  };
  today?: () => string;
}

const LOGIN_COOKIE = '__Host-medborger-login';
const ASSETS = path.resolve(fileURLToPath(new URL('../../public/', import.meta.url)));
// dkfds exports only its script (dist/js/dkfds.min.js); its dist/ folder holds the CSS, fonts and icons.
const DKFDS_DIST = path.resolve(path.dirname(createRequire(import.meta.url).resolve('dkfds')), '..');

declare module 'fastify' {
  // Null until the onRequest hook below, and left null for /assets/.
  interface FastifyRequest {
    web: { session: { actor: Actor; token: string } | null; csrf: string } | null;
  }
}

class CsrfError extends ServiceError {
  readonly status = 403;
  readonly kind = 'csrf';
  readonly code = 'csrf.expired';
}

class SignInRequired extends Error {}

function municipalityName(code: string): string | null {
  return MUNICIPALITIES.find((m) => m.code === code)?.name ?? null;
}

export async function webApp(app: FastifyInstance, options: WebOptions): Promise<void> {
  const cookieKey = options.vault.deriveKey('cookie');
  const csrfKey = options.vault.deriveKey('csrf');

  await app.register(cookie, { secret: cookieKey.toString('base64url') });
  await app.register(formbody, { bodyLimit: 200_000 });
  // The CSP and the other security headers are registered by the app for every route and every
  // 404 (src/web/security-headers.ts), so that error pages carry them too.
  await app.register(fastifyStatic, { root: DKFDS_DIST, prefix: '/assets/dkfds/', decorateReply: false, maxAge: '1d' });
  await app.register(fastifyStatic, { root: ASSETS, prefix: '/assets/', decorateReply: false, maxAge: '1h' });

  app.decorateRequest('web', null as never);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return;
    const session = await sessionActor(options.db, request);
    request.web = { session, csrf: csrfFor(csrfKey, session?.token ?? null) };
    if (session) request.actor = session.actor;
  });

  const tools: WebTools = {
    ctx(request) {
      const actor = tools.requireActor(request);
      // Bound to the actor: the database refuses an access-log row in anyone else's name.
      return serviceContext(options, actor, DEFAULT_PURPOSE[actor.role], options.today?.() ?? todayIso());
    },
    pageContext(request) {
      const actor = request.web?.session?.actor ?? null;
      return {
        actor,
        csrf: request.web?.csrf ?? '',
        municipalityName: actor ? municipalityName(actor.municipalityCode) : null,
        path: request.url.split('?')[0] ?? '/',
      };
    },
    requireActor(request) {
      const actor = request.web?.session?.actor;
      if (!actor) throw new SignInRequired();
      return actor;
    },
    checkCsrf(request) {
      const body = request.body as Record<string, unknown> | undefined;
      if (!csrfValid(csrfKey, request.web?.session?.token ?? null, body?._csrf))
        throw new CsrfError('The form has expired. Open the page again and resubmit.');
    },
    html(reply, status, body) {
      return reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body);
    },
  };

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof SignInRequired) {
      if (request.method === 'GET') return reply.redirect(`/login?returnTo=${encodeURIComponent(request.url)}`);
      return tools.html(reply, 401, page('Log ind igen', tools.pageContext(request), <ErrorPage status={401} />));
    }
    const status =
      error instanceof NotFoundError
        ? 404
        : error instanceof ForbiddenError || error instanceof CsrfError
          ? 403
          : error instanceof ConflictError
            ? 409
            : error instanceof ServiceError
              ? error.status
              : // A character PostgreSQL cannot store in text (NUL) that a form let through: the input's fault.
                ['22021', '22P05'].includes(String((error as { code?: unknown }).code))
                ? 400
                : // Two requests racing for one record (the same notice imported twice at once): the loser's conflict.
                  ['23505', '40001', '40P01'].includes(String((error as { code?: unknown }).code))
                  ? 409
                  : typeof (error as { statusCode?: number }).statusCode === 'number' &&
                      (error as { statusCode: number }).statusCode < 500
                    ? (error as { statusCode: number }).statusCode
                    : 500;
    if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url }, 'page error');
    return tools.html(
      reply,
      status,
      page(
        status === 404 ? 'Siden findes ikke' : 'Fejl',
        tools.pageContext(request),
        <ErrorPage status={status} csrf={error instanceof CsrfError} />,
      ),
    );
  });

  // ---- Sign-in and sign-out ----------------------------------------------------------------

  app.get('/login', async (request, reply) => {
    const host = request.headers.host ?? '';
    const returnTo = safeReturnTo((request.query as { returnTo?: unknown }).returnTo);
    const publicUrl = new URL(options.auth.publicUrl);
    if (host !== publicUrl.host)
      return reply.redirect(new URL(`/login?returnTo=${encodeURIComponent(returnTo)}`, publicUrl).href);
    const rp = options.auth.rp;
    if (!rp)
      return tools.html(
        reply,
        503,
        page(
          'Login er ikke klar',
          tools.pageContext(request),
          <ErrorPage status={500} message="Login er ikke sat op endnu. Prøv igen om lidt." />,
        ),
      );
    const { url, pending } = await rp.begin(returnTo);
    reply.setCookie(LOGIN_COOKIE, JSON.stringify(pending), { ...sessionCookieOptions(600), signed: true });
    return reply.redirect(url);
  });

  app.get('/auth/callback', async (request, reply) => {
    const raw = request.cookies[LOGIN_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    reply.clearCookie(LOGIN_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
    if (!unsigned?.valid || !unsigned.value)
      return tools.html(
        reply,
        400,
        page(
          'Login udløbet',
          tools.pageContext(request),
          <ErrorPage status={400} message="Login tog for lang tid eller blev startet i et andet vindue. Prøv igen." />,
        ),
      );
    let pending: PendingLogin;
    try {
      pending = JSON.parse(unsigned.value) as PendingLogin;
    } catch {
      return tools.html(
        reply,
        400,
        page(
          'Login udløbet',
          tools.pageContext(request),
          <ErrorPage status={400} message="Login tog for lang tid eller blev startet i et andet vindue. Prøv igen." />,
        ),
      );
    }
    let who;
    try {
      if (!options.auth.rp) throw new Error('no relying party');
      who = await options.auth.rp.finish(new URL(request.url, options.auth.publicUrl), pending);
    } catch (err) {
      request.log.warn({ err }, 'sign-in failed');
      return tools.html(
        reply,
        400,
        page(
          'Login mislykkedes',
          tools.pageContext(request),
          <ErrorPage status={400} message="Login hos identitetsudbyderen lykkedes ikke. Prøv igen." />,
        ),
      );
    }
    if (
      !(ROLES as readonly string[]).includes(who.role) ||
      who.role === 'citizen' ||
      !MUNICIPALITIES.some((m) => m.code === who.municipalityCode)
    ) {
      return tools.html(
        reply,
        403,
        page(
          'Ingen adgang',
          tools.pageContext(request),
          <ErrorPage status={403} message="Din bruger har ingen rolle i Medborger." />,
        ),
      );
    }
    // The user is the identity provider's (issuer, subject); the name is only a label.
    const session = await signIn(options.db, {
      issuer: who.issuer,
      subject: who.subject,
      name: who.name,
      municipalityCode: who.municipalityCode,
      role: who.role as Role,
      hours: SESSION_HOURS,
    });
    reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(SESSION_HOURS * 3600));
    return reply.redirect(safeReturnTo(pending.returnTo));
  });

  app.post('/logout', async (request, reply) => {
    tools.checkCsrf(request);
    if (request.web?.session) await endSession(options.db, request.web.session.token, reply);
    return reply.redirect('/logget-ud');
  });

  app.get('/logget-ud', async (request, reply) =>
    tools.html(
      reply,
      200,
      page(
        'Du er logget ud',
        { ...tools.pageContext(request), actor: null },
        <>
          <h1>Du er logget ud</h1>
          <p>
            <a href="/login">Log ind igen</a>
          </p>
        </>,
      ),
    ),
  );

  worklistRoutes(app, tools);
  householdRoutes(app, tools);
  arrivalRoutes(app, tools);
  registryRoutes(app, tools);
  householdFactsRoutes(app, tools);
  caseRoutes(app, tools);
  calendarRoutes(app, tools);
  searchRoutes(app, tools);
  policyRoutes(app, tools);
  indicatorRoutes(app, tools);
  governanceRoutes(app, tools);
  compareRoutes(app, tools);
  annualReportRoutes(app, tools);
  placementRoutes(app, tools);
  administrationRoutes(app, tools);
  // The citizen's own pages (issue 14): their own session, language and error pages.
  citizenRoutes(app, options);
}
