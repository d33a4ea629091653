// The composition root of the one Fastify app: the API (zod validation, RFC 9457 errors, the OpenAPI
// document) and the web application, with the security headers and error pages of both. Wiring, imported
// by the entry points only; http does not know web and web does not know http.
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { shippedPolicies } from './policy/load.js';
import { page } from './web/components.js';
import { errorMessage } from './web/error-messages.js';
import { ErrorPage } from './web/pages/errors.js';
import { webApp, type WebOptions } from './web/plugin.js';
import { applySecurityHeaders, SECURITY_HEADERS } from './web/security-headers.js';
import { authenticateRequest, type AppDeps } from './http/context.js';
import { finishDocument, swaggerOptions } from './http/openapi.js';
import { clientErrorHandler, errorHandler, sendProblem } from './http/problem.js';
import { appointmentRoutes } from './http/routes/appointments.js';
import { attachmentRoutes, attachmentUploadRoutes } from './http/routes/attachments.js';
import { caseRecordRoutes } from './http/routes/case-records.js';
import { letterRoutes } from './http/routes/letters.js';
import { governanceRoutes } from './http/routes/governance.js';
import { indicatorRoutes } from './http/routes/indicators.js';
import { obligationRoutes } from './http/routes/obligations.js';
import { outcomeImportRoutes } from './http/routes/outcome-import.js';
import { arrivalRoutes } from './http/routes/arrivals.js';
import { outcomeRoutes } from './http/routes/outcomes.js';
import { recordChangeRoutes } from './http/routes/record-changes.js';
import { closureRoutes } from './http/routes/closures.js';
import { placementRoutes } from './http/routes/placement.js';
import { registryRoutes } from './http/routes/registries.js';
import { reportRoutes } from './http/routes/reports.js';
import { personRoutes } from './http/routes/persons.js';
import { systemRoutes } from './http/routes/system.js';
import { meRoutes } from './http/routes/me.js';

export interface BuildOptions extends AppDeps {
  engine: string;
  /** The caseworker web application (pages); absent for an API-only app. */
  web?: WebOptions;
  /** pino logger options; false in tests. */
  logger?: boolean | object;
}

/** A page of the web application rather than the API. */
function isWebPath(url: string): boolean {
  return !url.startsWith('/api/') && !url.startsWith('/health');
}

function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}

// An onSend hook without the done callback: Fastify waits for the promise it returns.
function noStore(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  reply.header('Cache-Control', 'no-store');
  return Promise.resolve(payload);
}

/** A JSON body longer than this (in characters) is sent as bytes (see `serializeResponse`). */
const LARGE_BODY = 16_384;

/**
 * The zod response serializer (validated, unknown fields stripped), a large body handed to
 * Fastify as bytes: encoded once, where a string was measured by Buffer.byteLength (which first
 * flattens the JSON text V8 builds in pieces) and encoded again by the socket's write. Measured on
 * a worklist page of 246 KB: 3.1 ms of the server's CPU per response as a string, 2.1–2.7 ms as
 * bytes. Fastify sends a Buffer from a serializer as it is.
 */
const serializeResponse: typeof serializerCompiler = (route) => {
  const serialize = serializerCompiler(route);
  return (data: unknown) => {
    const json = serialize(data);
    return json.length > LARGE_BODY ? (Buffer.from(json) as unknown as string) : json;
  };
};

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  shippedPolicies(); // a policy file that is wrong or loosens the law stops the start, with its reason
  const app = Fastify({
    logger: options.logger ?? false,
    // Request URLs can carry a search criterion (a name, a CPR number): never log them as is.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576,
    return503OnClosing: true,
    // HEAD would run the GET handler and log a read of personal data nobody saw.
    exposeHeadRoutes: false,
    // Errors raised before routing (a malformed percent-encoding, an over-long id) are problems
    // too, or a Danish page for a page of the web application.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 400;
      if (options.web && isWebPath(request.url)) {
        applySecurityHeaders(request.raw, reply.raw);
        void (reply as unknown as FastifyReply)
          .status(status)
          .type('text/html; charset=utf-8')
          .header('Cache-Control', 'no-store')
          .send(page('Fejl', { actor: null, csrf: '', municipalityName: null, path: '/' }, ErrorPage({ status })));
        return;
      }
      void sendProblem(reply, request, status, error.message, { kind: 'bad-request' });
    },
    // Node's HTTP parser errors (431 headers too large, 400 malformed request) as problem+json.
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorateRequest('actor', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializeResponse);
  app.setErrorHandler(errorHandler);
  // The same security headers on every response: API, pages, assets, and every 404 and error page.
  await app.register(helmet, SECURITY_HEADERS);
  // Every route that declares `security`: authenticated first (before the body is parsed or
  // anything validated), a URL naming another municipality refused before any query, and never
  // cached (personal data, tokens).
  const authenticate = async (request: FastifyRequest) => authenticateRequest(options, request);
  app.addHook('onRoute', (route) => {
    const security = (route.schema as { security?: unknown[] } | undefined)?.security;
    if (!security || security.length === 0) return;
    route.onRequest = [authenticate, ...hooksOf(route.onRequest)] as RouteOptions['onRequest'];
    route.onSend = [...hooksOf(route.onSend), noStore] as RouteOptions['onSend'];
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.web && isWebPath(request.url)) {
      const body = page(
        'Siden findes ikke',
        { actor: null, csrf: '', municipalityName: null, path: request.url.split('?')[0] ?? '/' },
        ErrorPage({ status: 404 }),
      );
      return reply.status(404).type('text/html; charset=utf-8').send(body);
    }
    return sendProblem(reply, request, 404, `There is no ${request.method} ${request.url.split('?')[0]}.`, {
      kind: 'no-such-route',
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(swagger, swaggerOptions);

  await app.register(systemRoutes(options));
  await app.register(personRoutes(options));
  await app.register(caseRecordRoutes(options));
  await app.register(obligationRoutes(options));
  await app.register(outcomeRoutes(options));
  await app.register(recordChangeRoutes(options));
  await app.register(appointmentRoutes(options));
  await app.register(letterRoutes(options));
  await app.register(attachmentUploadRoutes(options));
  await app.register(attachmentRoutes(options));
  await app.register(closureRoutes(options));
  // The import's problems carry the Danish text of their codes: the pages' catalogue, passed in here.
  await app.register(outcomeImportRoutes(options, errorMessage));
  await app.register(arrivalRoutes(options, errorMessage));
  await app.register(placementRoutes(options));
  await app.register(registryRoutes(options));
  await app.register(governanceRoutes(options));
  await app.register(indicatorRoutes(options));
  await app.register(reportRoutes(options));
  await app.register(meRoutes(options));
  if (options.web) {
    const web = options.web;
    await app.register(async (scope) => webApp(scope, web));
  }

  let document: unknown = null;
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => (document ??= finishDocument(app.swagger())));
  await app.ready();
  return app;
}
