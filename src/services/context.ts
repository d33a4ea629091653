// What every service operation receives: the database, the CPR vault, who is acting and why.
import type { Kysely } from 'kysely';
import { can, canOnPerson, type Action, type Actor, type PersonScope } from '../domain/authorization.js';
import type { DB } from '../db/schema.js';
import type { CprVault } from '../security/cpr-vault.js';
import { ForbiddenError, NotFoundError } from './errors.js';

export interface Ctx {
  db: Kysely<DB>;
  vault: CprVault;
  actor: Actor;
  /** Recorded with every access-log row: X-Purpose, or the role's default. */
  purpose: string;
  /** Today's date (ISO) for validation; injectable for tests. */
  today: string;
}

/**
 * Authorizes an action. Records of another municipality are reported as not found (404), never
 * as forbidden, so that a token cannot probe for another tenant's ids.
 */
export function authorize(ctx: Ctx, municipalityCode: string, action: Action, personId?: string): void {
  if (municipalityCode !== ctx.actor.municipalityCode) throw new NotFoundError(personId ? 'The person' : 'The municipality');
  if (!can(ctx.actor, action, personId)) {
    if (ctx.actor.role === 'citizen' && personId !== undefined) throw new NotFoundError('The person');
    throw new ForbiddenError(`The role "${ctx.actor.role}" may not do this (${action}).`);
  }
}

/**
 * Authorizes an action on a loaded person: the role may do it and its work reaches this person
 * (see `reaches`). A person outside the actor's reach is reported as not found, like a person of
 * another municipality, so that ids cannot be probed.
 */
export function authorizeOnPerson(ctx: Ctx, action: Action, person: PersonScope): void {
  if (!canOnPerson(ctx.actor, action, person, ctx.today)) throw new NotFoundError('The person');
}
