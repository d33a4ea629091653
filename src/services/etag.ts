// Entity tags for optimistic concurrency: a strong ETag from the row's version number, and the one
// If-Match rule every change of an existing record follows.
import { PreconditionFailedError, PreconditionRequiredError } from './errors.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * True when an If-Match header names the given version: `*`, or a list of entity tags one of
 * which is the current one by strong comparison (RFC 9110 §13.1.1): a weak tag `W/"n"` never
 * matches, so that a change cannot rest on a representation that is only "equivalent".
 */
export function matchesEtag(ifMatch: string, version: number): boolean {
  if (ifMatch.trim() === '*') return true;
  const current = etagOf(version);
  return ifMatch.split(',').some((tag) => tag.trim() === current);
}

/**
 * The If-Match rule of a change to an existing record: refused 428 without the header (no change
 * may overwrite one the client has not seen), 412 with the current ETag when it names another
 * version.
 */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined) throw new PreconditionRequiredError();
  if (!matchesEtag(ifMatch, version)) throw new PreconditionFailedError(etagOf(version));
}
