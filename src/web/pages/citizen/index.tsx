// The citizen's own pages under /borger/ (issue 14): sign-in through OpenID Connect (MitID through
// the municipality's broker in production, the local demo provider in the demo), the person found
// by the CPR claim; a citizen session of its own; each page one service operation (which logs the
// persons it shows) rendered in the citizen's language; an .ics file per appointment. Registered
// in its own scope with its own error handler, so a citizen never sees a staff page or its texts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createEvent } from 'ics';
import { DEFAULT_PURPOSE, type Actor } from '../../../domain/authorization.js';
import { todayIso } from '../../../domain/dates.js';
import { MUNICIPALITIES } from '../../../domain/municipalities.js';
import { translate, type Lang, type MessageKey } from '../../../i18n/index.js';
import {
  citizenAccessLog,
  citizenActivities,
  citizenAppointmentFile,
  citizenAppointments,
  citizenChildren,
  citizenOffers,
  citizenPlan,
  citizenPolicy,
  citizenRepatriation,
  citizenRights,
  signInCitizen,
} from '../../../services/citizen.js';
import { serviceContext, type Ctx, type ServiceDeps } from '../../../services/context.js';
import { NotFoundError, ServiceError } from '../../../services/errors.js';
import {
  CITIZEN_LOGIN_COOKIE,
  CITIZEN_SESSION_HOURS,
  citizenSession,
  endCitizenSession,
  pageLanguage,
  setCitizenSession,
} from '../../citizen-session.js';
import type { OidcRelyingParty, PendingLogin } from '../../oidc.js';
import { safeReturnTo } from '../../return-to.js';
import { csrfFor, csrfValid, sessionCookieOptions } from '../../session.js';
import { citizenDocument, T, text, type CitizenPageContext } from './layout.js';
import {
  AccessLogPage,
  ActivitiesPage,
  AppointmentsPage,
  ChildrenPage,
  OffersPage,
  PlanPage,
  PolicyPage,
  RepatriationPage,
  RightsPage,
} from './pages.js';

export interface CitizenWebOptions extends ServiceDeps {
  auth: {
    /** The citizens' OpenID Connect provider; null until the server listens, or when none is configured. */
    citizenRp?: OidcRelyingParty | null;
    /** The claim that holds the CPR number (MEDBORGER_CITIZEN_OIDC_CPR_CLAIM; default `cpr`). */
    citizenCprClaim?: string;
    publicUrl: string;
  };
  today?: () => string;
}

interface CitizenPending extends PendingLogin {
  lang: Lang;
  /** The municipality the citizen chose, for a provider that does not say it (MitID). */
  municipality: string | null;
}

function municipalityName(code: string): string | null {
  return MUNICIPALITIES.find((m) => m.code === code)?.name ?? null;
}

/** Only a path under /borger/ is returned to after sign-in. */
function citizenReturnTo(value: unknown): string {
  const path = safeReturnTo(value);
  return path.startsWith('/borger/') ? path : '/borger/';
}

class CitizenSignInRequired extends Error {}

export function citizenRoutes(app: FastifyInstance, options: CitizenWebOptions): void {
  const csrfKey = options.vault.deriveKey('citizen-csrf');
  const today = () => options.today?.() ?? todayIso();

  const send = (reply: FastifyReply, status: number, html: string) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);

  const anonymous = (request: FastifyRequest, lang: Lang): CitizenPageContext => ({
    lang,
    path: request.url.split('?')[0] ?? '/borger/',
    signedIn: null,
  });

  const messagePage = (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    status: number,
    title: MessageKey,
    body: MessageKey,
    link = true,
  ) =>
    send(
      reply,
      status,
      citizenDocument(
        anonymous(request, lang),
        text(lang, title),
        <>
          <p>
            <T lang={lang} k={body} />
          </p>
          {link ? (
            <p>
              <a href="/borger/login">
                <T lang={lang} k="login.again" />
              </a>
            </p>
          ) : null}
        </>,
      ),
    );

  app.register((scope, _options, done) => {
    scope.setErrorHandler((error, request, reply) => {
      const lang = pageLanguage(request, reply);
      if (error instanceof CitizenSignInRequired) {
        if (request.method === 'GET')
          return reply.redirect(`/borger/login?returnTo=${encodeURIComponent(request.url)}`);
        return messagePage(request, reply, lang, 401, 'login.title', 'login.expired');
      }
      const status =
        error instanceof NotFoundError
          ? 404
          : error instanceof ServiceError
            ? error.status
            : typeof (error as { statusCode?: unknown }).statusCode === 'number' &&
                (error as { statusCode: number }).statusCode < 500
              ? (error as { statusCode: number }).statusCode
              : 500;
      if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url }, 'citizen page error');
      return messagePage(
        request,
        reply,
        lang,
        status,
        status === 404 ? 'error.notFound' : 'error.generic',
        status === 404 ? 'error.notFound' : 'error.generic',
        false,
      );
    });

    /** The signed-in citizen, their service context and the page context; else sign-in first. */
    const citizen = async (request: FastifyRequest, reply: FastifyReply) => {
      const session = await citizenSession(options.db, request);
      if (!session) throw new CitizenSignInRequired();
      const lang = pageLanguage(request, reply);
      const actor: Actor = session.actor;
      const ctx: Ctx = serviceContext(options, actor, DEFAULT_PURPOSE.citizen, today());
      const page = (givenName: string): CitizenPageContext => ({
        lang,
        path: request.url.split('?')[0] ?? '/borger/',
        signedIn: {
          givenName,
          municipalityName: municipalityName(actor.municipalityCode),
          csrf: csrfFor(csrfKey, session.token),
        },
      });
      return { ctx, lang, page, session };
    };

    scope.get('/borger', (_request, reply) => reply.redirect('/borger/'));

    // ---- Sign-in ----------------------------------------------------------------------------

    scope.get('/borger/login', async (request, reply) => {
      const lang = pageLanguage(request, reply);
      const query = request.query as { returnTo?: unknown; start?: unknown; kommune?: unknown };
      const returnTo = citizenReturnTo(query.returnTo);
      const publicUrl = new URL(options.auth.publicUrl);
      if ((request.headers.host ?? '') !== publicUrl.host)
        return reply.redirect(new URL(`/borger/login?returnTo=${encodeURIComponent(returnTo)}`, publicUrl).href);
      const rp = options.auth.citizenRp ?? null;
      if (query.start !== '1') {
        return send(
          reply,
          200,
          citizenDocument(
            anonymous(request, lang),
            text(lang, 'login.title'),
            <>
              <p>
                <T lang={lang} k="login.text" />
              </p>
              {/* A link, not a form: the Content-Security-Policy's form-action would refuse the redirect to the provider. */}
              {rp === null ? null : (
                <p>
                  <a class="c-button" href={`/borger/login?start=1&returnTo=${encodeURIComponent(returnTo)}`}>
                    <T lang={lang} k="login.button" />
                  </a>
                </p>
              )}
            </>,
          ),
        );
      }
      if (!rp) return messagePage(request, reply, lang, 503, 'login.title', 'login.failed', false);
      const { url, pending } = await rp.begin(returnTo);
      const kommune = typeof query.kommune === 'string' && /^\d{3}$/.test(query.kommune) ? query.kommune : null;
      const state: CitizenPending = { ...pending, lang, municipality: kommune };
      reply.setCookie(CITIZEN_LOGIN_COOKIE, JSON.stringify(state), { ...sessionCookieOptions(600), signed: true });
      return reply.redirect(url);
    });

    scope.get('/borger/auth/callback', async (request, reply) => {
      const raw = request.cookies[CITIZEN_LOGIN_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      reply.clearCookie(CITIZEN_LOGIN_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
      let pending: CitizenPending | null = null;
      try {
        pending = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as CitizenPending) : null;
      } catch {
        pending = null;
      }
      const lang = pending?.lang ?? pageLanguage(request, reply);
      if (!pending) return messagePage(request, reply, lang, 400, 'login.title', 'login.expired');
      const rp = options.auth.citizenRp ?? null;
      let who;
      try {
        if (!rp) throw new Error('no relying party for citizens');
        who = await rp.finishCitizen(
          new URL(request.url, options.auth.publicUrl),
          pending,
          options.auth.citizenCprClaim,
        );
      } catch (err) {
        request.log.warn({ err }, 'citizen sign-in failed');
        return messagePage(request, reply, lang, 400, 'login.title', 'login.failed');
      }
      const municipality = who.municipalityCode ?? pending.municipality;
      const session =
        municipality && MUNICIPALITIES.some((m) => m.code === municipality)
          ? await signInCitizen(options.db, options.vault, {
              municipalityCode: municipality,
              cpr: who.cpr,
              hours: CITIZEN_SESSION_HOURS,
            })
          : null;
      if (!session) return messagePage(request, reply, lang, 403, 'login.noMatch.title', 'login.noMatch.text', false);
      setCitizenSession(reply, session.token);
      return reply.redirect(citizenReturnTo(pending.returnTo));
    });

    scope.post('/borger/log-ud', async (request, reply) => {
      const session = await citizenSession(options.db, request);
      const lang = pageLanguage(request, reply);
      const body = request.body as Record<string, unknown> | undefined;
      if (session && csrfValid(csrfKey, session.token, body?._csrf))
        await endCitizenSession(options.db, session.token, reply);
      return messagePage(request, reply, lang, 200, 'login.title', 'login.signedOut');
    });

    // ---- The pages --------------------------------------------------------------------------

    scope.get('/borger/', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenPlan(ctx);
      return send(
        reply,
        200,
        citizenDocument(page(view.me.givenName), text(lang, 'nav.plan'), <PlanPage lang={lang} view={view} />),
      );
    });

    scope.get('/borger/aftaler', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenAppointments(ctx);
      return send(
        reply,
        200,
        citizenDocument(
          page(view.me.givenName),
          text(lang, 'nav.appointments'),
          <AppointmentsPage lang={lang} view={view} />,
        ),
      );
    });

    scope.get('/borger/aftaler/:file', async (request, reply) => {
      const { ctx, lang } = await citizen(request, reply);
      const file = (request.params as { file: string }).file;
      const m = /^([0-9a-f-]{36})\.ics$/i.exec(file);
      if (!m?.[1]) throw new NotFoundError('appointment.not_found', 'The appointment');
      const { appointment, status } = await citizenAppointmentFile(ctx, m[1]);
      const start = new Date(appointment.startsAt);
      const title = translate(lang, `purpose.${appointment.purpose}` as MessageKey);
      const interpreter = appointment.interpreterLanguage
        ? translate(lang, 'appointments.interpreter', {
            language:
              new Intl.DisplayNames([lang, 'da'], { type: 'language' }).of(appointment.interpreterLanguage) ?? '',
          })
        : translate(lang, 'appointments.noInterpreter');
      const { error, value } = createEvent({
        uid: `${appointment.id}@medborger`,
        productId: 'medborger/citizen',
        start: start.getTime(),
        startInputType: 'utc',
        startOutputType: 'utc',
        duration: { minutes: appointment.durationMinutes },
        title,
        location: appointment.placeKind === 'address' ? appointment.place : undefined,
        description: `${translate(lang, 'appointments.with', { name: appointment.with })}\n${interpreter}`,
        status: status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      });
      if (error || !value) throw new Error(`the calendar file could not be written: ${String(error)}`);
      return reply
        .status(200)
        .type('text/calendar; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="aftale-${appointment.startsAt.slice(0, 10)}.ics"`)
        .send(value);
    });

    scope.get('/borger/aktiviteter', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenActivities(ctx);
      return send(
        reply,
        200,
        citizenDocument(
          page(view.me.givenName),
          text(lang, 'nav.activities'),
          <ActivitiesPage lang={lang} view={view} />,
        ),
      );
    });

    scope.get('/borger/boern', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenChildren(ctx);
      return send(
        reply,
        200,
        citizenDocument(page(view.me.givenName), text(lang, 'nav.children'), <ChildrenPage lang={lang} view={view} />),
      );
    });

    scope.get('/borger/rettigheder', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenRights(ctx);
      return send(
        reply,
        200,
        citizenDocument(page(view.me.givenName), text(lang, 'nav.rights'), <RightsPage lang={lang} view={view} />),
      );
    });

    scope.get('/borger/tilbud', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenOffers(ctx);
      return send(
        reply,
        200,
        citizenDocument(page(view.me.givenName), text(lang, 'nav.offers'), <OffersPage lang={lang} view={view} />),
      );
    });

    scope.get('/borger/hjemrejse', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenRepatriation(ctx);
      return send(
        reply,
        200,
        citizenDocument(
          page(view.me.givenName),
          text(lang, 'nav.repatriation'),
          <RepatriationPage lang={lang} view={view} />,
        ),
      );
    });

    scope.get('/borger/indsigt', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenAccessLog(ctx);
      return send(
        reply,
        200,
        citizenDocument(
          page(view.me.givenName),
          text(lang, 'nav.accessLog'),
          <AccessLogPage lang={lang} view={view} />,
        ),
      );
    });

    scope.get('/borger/politik', async (request, reply) => {
      const { ctx, lang, page } = await citizen(request, reply);
      const view = await citizenPolicy(ctx);
      return send(
        reply,
        200,
        citizenDocument(page(view.me.givenName), text(lang, 'nav.policy'), <PolicyPage lang={lang} view={view} />),
      );
    });
    done();
  });
}
