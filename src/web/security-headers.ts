// The security headers of every response (Content-Security-Policy with frame-ancestors,
// nosniff, referrer policy …): one set of helmet options. The app registers them for every
// route and every 404, so that an error page carries the same headers as any other page, and
// applies them to the pages answered before routing (a malformed URL).
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

export const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
  hsts: false, // set by the municipality's TLS front; the demo runs on http://localhost
} satisfies FastifyHelmetOptions;

// helmet passes next an Error, or nothing.
type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: Error) => void) => void;

// The helmet that @fastify/helmet itself uses (its own dependency), for responses sent outside a route.
const helmetOf = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (
  options: object,
) => Middleware;
let middleware: Middleware | null = null;

/** Sets the same headers as on every route, for a response sent before routing. */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  middleware ??= helmetOf(SECURITY_HEADERS);
  middleware(req, res, (err) => {
    if (err) throw err;
  });
}
