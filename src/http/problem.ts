// RFC 9457 problem details: every error leaves the API as application/problem+json with a
// status, a title, a human detail and, for bad input, the offending fields as JSON pointers.
// Never a stack trace: unexpected errors are logged server-side and answered with a plain 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ServiceError, type FieldProblem } from '../services/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
}).meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Not authenticated', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  406: 'Not acceptable', 409: 'Conflict', 412: 'Precondition failed', 413: 'Request too large', 414: 'URI too long', 415: 'Unsupported media type',
  422: 'Unprocessable content', 428: 'Precondition required', 429: 'Too many requests', 500: 'Internal server error', 503: 'Service unavailable',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, status: number, detail: string, extra: { kind?: string; errors?: FieldProblem[] } = {}) {
  const body = {
    type: extra.kind ? `/problems/${extra.kind}` : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0],
    ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
  };
  return reply.status(status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      pointer: where === 'body' ? v.instancePath || '/' : `${where}:${v.instancePath || '/'}`,
      detail: v.message ?? 'Invalid value.',
    }));
    return sendProblem(reply, request, 400, `The request's ${where} is not valid.`, { kind: 'validation-error', errors });
  }
  const pgCode = (error as { code?: unknown }).code;
  if (pgCode === '23505' || pgCode === '40001' || pgCode === '40P01') {
    // A unique key or serialization conflict with a change made at the same moment: nothing was
    // written by this request; the client may read again and retry.
    return sendProblem(reply, request, 409, 'A conflicting change was made at the same moment (for example the same CPR number, user or record registered twice). Nothing was saved; read again and retry.', { kind: 'conflict' });
  }
  if (error instanceof ServiceError) {
    if (error.status === 412 && 'currentEtag' in error) reply.header('ETag', String(error.currentEtag));
    const errors = 'problems' in error ? (error.problems as FieldProblem[]) : undefined;
    return sendProblem(reply, request, error.status, error.message, { kind: error.kind, ...(errors ? { errors } : {}) });
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, wrong content type, body too large …).
    return sendProblem(reply, request, status, error.message || TITLES[status] || 'Bad request.', { kind: 'bad-request' });
  }
  request.log.error({ err: error, route: request.routeOptions.url }, 'unexpected error');
  return sendProblem(reply, request, 500, 'Something went wrong on our side. The error has been logged; please try again.');
}
