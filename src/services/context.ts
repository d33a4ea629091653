// What every service operation receives: the database, the CPR vault, who is acting and why.
import type { Kysely } from 'kysely';
import { can, canOnPerson, type Action, type Actor, type PersonScope } from '../domain/authorization.js';
import type { DB } from '../db/schema.js';
import { actingAs } from '../db/tenant.js';
import type { CprVault } from '../security/cpr-vault.js';
import { ForbiddenError, NotFoundError } from './errors.js';
// Registers the evaluation of a writing transaction's marks before it commits (tenant.ts), for every service.
import './obligation-store.js';

/** The database as the outer layers hold it (opened by the entry points, used by the services). */
export type Database = Kysely<DB>;
/** The CPR vault as the outer layers hold it. */
export type Vault = CprVault;

/** What an outer layer (a route, a page) holds to build service contexts. */
export interface ServiceDeps {
  db: Database;
  vault: Vault;
}

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
 * The context of one operation by an authenticated actor, the database bound to the actor: the
 * database refuses an access-log row in anyone else's name.
 */
export function serviceContext(deps: ServiceDeps, actor: Actor, purpose: string, today: string): Ctx {
  return { db: actingAs(deps.db, actor.userId), vault: deps.vault, actor, purpose, today };
}

/**
 * Authorizes an action. Records of another municipality are reported as not found (404), never
 * as forbidden, so that a token cannot probe for another tenant's ids.
 */
export function authorize(ctx: Ctx, municipalityCode: string, action: Action, personId?: string): void {
  if (municipalityCode !== ctx.actor.municipalityCode)
    throw new NotFoundError(
      personId ? 'person.not_found' : 'municipality.not_found',
      personId ? 'The person' : 'The municipality',
    );
  if (!can(ctx.actor, action, personId)) {
    if (ctx.actor.role === 'citizen' && personId !== undefined)
      throw new NotFoundError('person.not_found', 'The person');
    throw new ForbiddenError(`The role "${ctx.actor.role}" may not do this (${action}).`);
  }
}

/**
 * Authorizes an action on a loaded person: the role may do it and its work reaches this person
 * (see `reaches`). A person outside the actor's reach is reported as not found, like a person of
 * another municipality, so that ids cannot be probed.
 */
export function authorizeOnPerson(ctx: Ctx, action: Action, person: PersonScope): void {
  if (!canOnPerson(ctx.actor, action, person, ctx.today)) throw new NotFoundError('person.not_found', 'The person');
}
