// API tokens for a named user of a municipality: created by the CLI (when no server holds the
// embedded database) or by an admin through POST /api/v1/tokens; authenticated per request.
import type { Kysely } from 'kysely';
import { requiresPerson, type Actor, type Role } from '../domain/authorization.js';
import type { DB } from '../db/schema.js';
import { inTenant } from '../db/tenant.js';
import { hashToken, newToken, parseToken } from '../security/tokens.js';
import { ConflictError, UnprocessableError } from './errors.js';

export interface CreateTokenInput {
  municipalityCode: string;
  role: Role;
  userName: string;
  days: number;
  /** Overrides days: a browser session lasts hours. */
  hours?: number | undefined;
  /** The person a citizen token belongs to. */
  personId?: string | undefined;
  synthetic?: boolean;
}

export async function createToken(db: Kysely<DB>, input: CreateTokenInput): Promise<{ token: string; userId: string; expiresAt: Date }> {
  if (requiresPerson(input.role) !== (input.personId !== undefined)) {
    throw new UnprocessableError(input.role === 'citizen' ? 'A citizen token names the person it belongs to.' : 'Only a citizen token names a person.', [{ pointer: '/personId', detail: 'Required for citizens only.' }]);
  }
  const known = await db.selectFrom('municipalities').select('code').where('code', '=', input.municipalityCode).executeTakeFirst();
  if (!known) throw new UnprocessableError(`There is no municipality with code ${input.municipalityCode}.`, [{ pointer: '/municipality', detail: 'Unknown municipality code.' }]);
  const token = newToken(input.municipalityCode);
  const expiresAt = new Date(Date.now() + (input.hours !== undefined ? input.hours * 3_600_000 : input.days * 86_400_000));
  return inTenant(db, input.municipalityCode, async (tx) => {
    if (input.personId) {
      const person = await tx.selectFrom('persons').select('id').where('id', '=', input.personId).executeTakeFirst();
      if (!person) throw new UnprocessableError('The person is not registered in this municipality.', [{ pointer: '/personId', detail: 'Unknown person.' }]);
    }
    let user = await tx.selectFrom('users').select(['id', 'role', 'person_id']).where('name', '=', input.userName).executeTakeFirst();
    if (user && (user.role !== input.role || (user.person_id ?? undefined) !== input.personId)) {
      throw new ConflictError(`The user "${input.userName}" already exists in ${input.municipalityCode} with the role ${user.role}; a user has one role.`);
    }
    user ??= await tx.insertInto('users').values({
      municipality_code: input.municipalityCode, name: input.userName, role: input.role, person_id: input.personId ?? null, synthetic: input.synthetic ?? false,
    }).returning(['id', 'role', 'person_id']).executeTakeFirstOrThrow();
    await tx.insertInto('api_tokens').values({ municipality_code: input.municipalityCode, user_id: user.id, token_hash: hashToken(token), expires_at: expiresAt }).execute();
    return { token, userId: user.id, expiresAt };
  });
}

/** The actor a bearer token stands for, or null when it is unknown, revoked or expired. */
export async function authenticate(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  return inTenant(db, parsed.municipalityCode, async (tx) => {
    const row = await tx
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', (j) => j.onRef('u.municipality_code', '=', 't.municipality_code').onRef('u.id', '=', 't.user_id'))
      .select(['u.id', 'u.name', 'u.role', 'u.person_id', 't.expires_at', 't.revoked_at'])
      .where('t.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || new Date(row.expires_at) <= new Date()) return null;
    return { municipalityCode: parsed.municipalityCode, userId: row.id, userName: row.name, role: row.role as Role, personId: row.person_id };
  });
}
