// RFC 9457 problem details: every error leaves the API as application/problem+json with a
// status, a title, a human detail and, for bad input, the offending fields as JSON pointers.
// Never a stack trace: unexpected errors are logged server-side and answered with a plain 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_CODES, ServiceError, type ErrorCode, type FieldProblem } from '../services/errors.js';
import { OtherMunicipalityError } from './context.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.enum(ERROR_CODES).meta({
      description:
        'What went wrong, as a stable code to map (the detail is English, for developers, and may be reworded)',
    }),
    errors: z
      .array(
        z.object({
          pointer: z.string(),
          code: z.enum(ERROR_CODES).meta({ description: 'What is wrong with the field, as a stable code' }),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  431: 'Request header fields too large',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** The code of a problem raised without one (Fastify's and Node's own errors), by status. */
const STATUS_CODE: Partial<Record<number, ErrorCode>> = {
  401: 'auth.unauthenticated',
  403: 'role.forbidden',
  404: 'route.not_found',
  408: 'request.timeout',
  409: 'request.concurrent_change',
  412: 'precondition.failed',
  428: 'precondition.required',
  431: 'request.headers_too_large',
};

export interface ProblemExtra {
  kind?: string;
  /** Default: the general code of the status (400 request.malformed, 404 route.not_found, 5xx internal …). */
  code?: ErrorCode;
  errors?: FieldProblem[];
  /** false: no `instance` (a body that must not differ with the URL). Default: the request's path. */
  instance?: false;
}

export function problemBody(status: number, detail: string, extra: ProblemExtra & { path?: string } = {}) {
  return {
    type: extra.kind ? `/problems/${extra.kind}` : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code: extra.code ?? STATUS_CODE[status] ?? (status >= 500 ? 'internal' : 'request.malformed'),
    ...(extra.instance === false || extra.path === undefined ? {} : { instance: extra.path }),
    ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  detail: string,
  extra: ProblemExtra = {},
) {
  const body = problemBody(status, detail, { ...extra, path: request.url.split('?')[0] });
  return reply.status(status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/**
 * Errors of Node's HTTP parser, before Fastify sees a request (a header block over the limit:
 * 431; a malformed request line or header: 400; a request that took too long: 408), answered as
 * problem+json like every other error, and the connection closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail =
    status === 431
      ? "The request's headers are too large."
      : status === 408
        ? 'The request took too long to arrive.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify(problemBody(status, detail, { kind: 'bad-request' }));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      pointer: where === 'body' ? v.instancePath || '/' : `${where}:${v.instancePath || '/'}`,
      code: 'request.invalid' as const,
      detail: v.message ?? 'Invalid value.',
    }));
    return sendProblem(reply, request, 400, `The request's ${where} is not valid.`, {
      kind: 'validation-error',
      code: 'request.invalid',
      errors,
    });
  }
  if (error instanceof OtherMunicipalityError) {
    // One body whatever the rest of the URL: no `instance` (the path carries the id).
    return sendProblem(reply, request, error.status, error.message, {
      kind: error.kind,
      code: error.code,
      instance: false,
    });
  }
  const pgCode = (error as { code?: unknown }).code;
  if (pgCode === '22021' || pgCode === '22P05') {
    // A character PostgreSQL cannot store in text (NUL): input the schemas should have refused.
    request.log.warn(
      { route: request.routeOptions.url, code: pgCode },
      'text with a character the database cannot store',
    );
    return sendProblem(
      reply,
      request,
      400,
      'The request contains a character that cannot be stored (for example NUL).',
      { kind: 'bad-request', code: 'request.unstorable_character' },
    );
  }
  if (pgCode === '23505' || pgCode === '40001' || pgCode === '40P01') {
    // A unique key or serialization conflict with a change made at the same moment: nothing was
    // written by this request; the client may read again and retry. Logged with what conflicted
    // (the code and constraint, never a value), so that a conflict under load can be traced.
    const { constraint, table } = error as { constraint?: string; table?: string };
    request.log.warn(
      { route: request.routeOptions.url, code: pgCode, constraint, table },
      'a conflicting change at the same moment (409)',
    );
    return sendProblem(
      reply,
      request,
      409,
      'A conflicting change was made at the same moment (for example the same CPR number, user or record registered twice). Nothing was saved; read again and retry.',
      { kind: 'conflict', code: 'request.concurrent_change' },
    );
  }
  if (error instanceof ServiceError) {
    if (error.status === 412 && 'currentEtag' in error) reply.header('ETag', String(error.currentEtag));
    const errors = 'problems' in error ? (error.problems as FieldProblem[]) : undefined;
    return sendProblem(reply, request, error.status, error.message, {
      kind: error.kind,
      code: error.code,
      ...(errors ? { errors } : {}),
    });
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, wrong content type, body too large …).
    return sendProblem(reply, request, status, error.message || TITLES[status] || 'Bad request.', {
      kind: 'bad-request',
    });
  }
  request.log.error({ err: error, route: request.routeOptions.url }, 'unexpected error');
  return sendProblem(
    reply,
    request,
    500,
    'Something went wrong on our side. The error has been logged; please try again.',
  );
}
