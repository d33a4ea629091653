// Errors the services raise; the HTTP layer maps each to an RFC 9457 problem. Messages are
// written for the API client (English); the web pages translate them by kind.

export interface FieldProblem { pointer: string; detail: string }

export abstract class ServiceError extends Error {
  abstract readonly status: number;
  abstract readonly kind: string;
}

export class NotFoundError extends ServiceError {
  readonly status = 404;
  readonly kind = 'not-found';
  constructor(what: string) { super(`${what} was not found.`); }
}

export class ForbiddenError extends ServiceError {
  readonly status = 403;
  readonly kind = 'forbidden';
  constructor(detail = 'Your role does not allow this.') { super(detail); }
}

export class UnprocessableError extends ServiceError {
  readonly status = 422;
  readonly kind = 'unprocessable';
  constructor(detail: string, readonly problems: FieldProblem[] = []) { super(detail); }
}

export class ConflictError extends ServiceError {
  readonly status = 409;
  readonly kind = 'conflict';
}

/** The resource changed since the client read it (If-Match did not match). */
export class PreconditionFailedError extends ServiceError {
  readonly status = 412;
  readonly kind = 'precondition-failed';
  constructor(readonly currentEtag: string) {
    super('The resource has changed since you read it. Read it again and repeat your change.');
  }
}

/** An update without If-Match: refused so that no change silently overwrites another. */
export class PreconditionRequiredError extends ServiceError {
  readonly status = 428;
  readonly kind = 'precondition-required';
  constructor() { super('This change needs an If-Match header with the ETag from your last read, so that it cannot overwrite a change you have not seen.'); }
}
