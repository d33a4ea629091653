// Identities, API tokens and browser sessions.
//
// - A token created by the CLI or by an admin through POST /api/v1/tokens belongs to a new
//   integration client: a technical user created for that token, named "Integration: <client>",
//   never an existing person's account, whatever name is asked for. A citizen token belongs to
//   the one citizen user of that person (keyed to the person, not to a name).
// - Sign-in finds or creates the user by the identity provider's issuer and subject; the
//   display name and role are labels that follow the provider.
// - Every token and session created or revoked is written to the audit trail (audit_events) in
//   the same transaction: who, for which user, which role, until when.
import type { Kysely } from 'kysely';
import { requiresPerson, type Actor, type Role } from '../domain/authorization.js';
import type { DB, TokenKind } from '../db/schema.js';
import { inTenant } from '../db/tenant.js';
import {
  auditEvents,
  insertToken,
  insertUser,
  listTokens as listTokenRows,
  personExists,
  recordAudit,
  revokeToken as revokeTokenRow,
  tokenExists,
  tokenHolderByHash,
  updateUserLabel,
  userByIdentity,
  type UserRow,
} from '../repositories/identities.js';
import { municipalityExists } from '../repositories/municipalities.js';
import { integrationClientName, PERSON_ISSUER } from '../security/identities.js';
import { hashToken, newToken, parseToken } from '../security/tokens.js';
import { authorize, type Ctx } from './context.js';
import { NotFoundError, UnprocessableError } from './errors.js';
import { presentAuditEvent, type AuditEventView } from './presenters/audit-event.js';
import { presentCreatedToken, presentToken, type CreatedToken, type TokenView } from './presenters/token.js';

export type { AuditEventView, CreatedToken, TokenView };

export interface CreateTokenInput {
  municipalityCode: string;
  role: Role;
  /** The integration client the token is for (a new technical user each time); for a citizen token, the citizen user's label when it is first created. */
  userName: string;
  days: number;
  /** Overrides days (hours of validity). */
  hours?: number | undefined;
  /** The person a citizen token belongs to. */
  personId?: string | undefined;
  synthetic?: boolean;
  /** The admin creating it through the API; absent for the command line. */
  createdBy?: Actor | null;
  /** Who acts when there is no actor, e.g. "kommandolinje (token create)". */
  createdVia?: string;
}

export async function createToken(db: Kysely<DB>, input: CreateTokenInput): Promise<CreatedToken> {
  if (requiresPerson(input.role) !== (input.personId !== undefined)) {
    throw new UnprocessableError(
      input.role === 'citizen' ? 'token.person_required' : 'token.person_not_allowed',
      input.role === 'citizen'
        ? 'A citizen token names the person it belongs to.'
        : 'Only a citizen token names a person.',
      [
        {
          pointer: '/personId',
          code: input.role === 'citizen' ? 'token.person_required' : 'token.person_not_allowed',
          detail: 'Required for citizens only.',
        },
      ],
    );
  }
  if (input.userName.trim().length === 0)
    throw new UnprocessableError('token.client_name_required', 'Name the integration client the token is for.', [
      { pointer: '/user', code: 'token.client_name_required', detail: 'Required.' },
    ]);
  await knownMunicipality(db, input.municipalityCode);
  const token = newToken(input.municipalityCode);
  const expiresAt = new Date(
    Date.now() + (input.hours !== undefined ? input.hours * 3_600_000 : input.days * 86_400_000),
  );
  const creator = input.createdBy ?? null;
  return inTenant(db, input.municipalityCode, async (tx) => {
    let user: UserRow;
    if (input.personId !== undefined) {
      if (!(await personExists(tx, input.personId)))
        throw new UnprocessableError('token.person_unknown', 'The person is not registered in this municipality.', [
          { pointer: '/personId', code: 'token.person_unknown', detail: 'Unknown person.' },
        ]);
      user =
        (await userByIdentity(tx, PERSON_ISSUER, input.personId)) ??
        (await insertUser(tx, {
          municipalityCode: input.municipalityCode,
          name: input.userName.trim().slice(0, 200),
          role: 'citizen',
          kind: 'person',
          issuer: PERSON_ISSUER,
          subject: input.personId,
          personId: input.personId,
          synthetic: input.synthetic ?? false,
          createdBy: creator?.userId ?? null,
        }));
    } else {
      user = await insertUser(tx, {
        municipalityCode: input.municipalityCode,
        name: integrationClientName(input.userName),
        role: input.role,
        kind: 'integration_client',
        issuer: null,
        subject: null,
        personId: null,
        synthetic: input.synthetic ?? false,
        createdBy: creator?.userId ?? null,
      });
    }
    const { id } = await insertToken(tx, {
      municipalityCode: input.municipalityCode,
      userId: user.id,
      hash: hashToken(token),
      expiresAt,
      kind: 'api',
      createdBy: creator?.userId ?? null,
    });
    await recordAudit(tx, {
      municipalityCode: input.municipalityCode,
      event: 'token.created',
      actor: auditActor(creator),
      actorLabel: input.createdVia,
      subject: user,
      tokenId: id,
      expiresAt,
    });
    return presentCreatedToken(token, id, user, expiresAt);
  });
}

export interface SignInInput {
  /** The identity provider as Medborger records it (its issuer, or the demo's stable name). */
  issuer: string;
  subject: string;
  name: string;
  municipalityCode: string;
  role: Role;
  hours: number;
}

/**
 * A browser session after sign-in: the user is found (or created) by issuer and subject, never by
 * name; the name and role follow what the identity provider says now.
 */
export async function signIn(db: Kysely<DB>, input: SignInInput): Promise<CreatedToken> {
  if (input.role === 'citizen')
    throw new UnprocessableError('sign_in.citizen', 'Citizens do not sign in to the caseworker application.');
  if (input.issuer.length === 0 || input.subject.length === 0 || input.subject.length > 255)
    throw new UnprocessableError('sign_in.no_subject', 'The identity provider sent no usable subject.');
  await knownMunicipality(db, input.municipalityCode);
  const name = input.name.trim().replace(/\s+/g, ' ').slice(0, 200) || input.subject.slice(0, 200);
  const token = newToken(input.municipalityCode);
  const expiresAt = new Date(Date.now() + input.hours * 3_600_000);
  let relabelled = null as string | null;
  const created = await inTenant(db, input.municipalityCode, async (tx) => {
    let user = await userByIdentity(tx, input.issuer, input.subject);
    if (!user) {
      user = await insertUser(tx, {
        municipalityCode: input.municipalityCode,
        name,
        role: input.role,
        kind: 'person',
        issuer: input.issuer,
        subject: input.subject,
        personId: null,
        synthetic: false,
        createdBy: null,
      });
    } else if (user.name !== name || user.role !== input.role) {
      user = await updateUserLabel(tx, user.id, name, input.role);
      relabelled = user.id;
    }
    const { id } = await insertToken(tx, {
      municipalityCode: input.municipalityCode,
      userId: user.id,
      hash: hashToken(token),
      expiresAt,
      kind: 'session',
      createdBy: user.id,
    });
    await recordAudit(tx, {
      municipalityCode: input.municipalityCode,
      event: 'session.started',
      actor: { userId: user.id, name: user.name, role: user.role },
      subject: user,
      tokenId: id,
      expiresAt,
    });
    return presentCreatedToken(token, id, user, expiresAt);
  });
  // A new role or name from the identity provider holds for the user's other sessions at once.
  if (relabelled !== null) forgetAuthenticated({ userId: relabelled });
  return created;
}

/**
 * Authenticated tokens, for a few seconds: a client that sends many requests in a row (a page's
 * worklist, an integration) is not looked up again for each, which cost a transaction of four
 * statements per request. The tenant is still the token's own (from the token and its row), the
 * expiry is checked on every use, and a revocation, a sign-out or a changed role through this
 * process ends the entry at once; another process of the same installation sees a revocation at
 * the latest AUTH_CACHE_MS later. Keyed by the token's hash, never the token.
 */
const AUTH_CACHE_MS = 5_000;
const AUTH_CACHE_MAX = 10_000;
const authCache = new Map<string, { actor: Actor; tokenId: string; expiresAt: number; until: number }>();

function forgetAuthenticated(where: { tokenId?: string; userId?: string }): void {
  for (const [key, entry] of authCache)
    if (entry.tokenId === where.tokenId || entry.actor.userId === where.userId) authCache.delete(key);
}

/** The actor a bearer token stands for, or null when it is unknown, revoked or expired. */
export async function authenticate(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const hash = hashToken(token);
  const key = hash.toString('hex');
  const now = Date.now();
  const cached = authCache.get(key);
  if (cached && cached.until > now && cached.expiresAt > now) return cached.actor;
  authCache.delete(key);
  return inTenant(db, parsed.municipalityCode, async (tx) => {
    const row = await tokenHolderByHash(tx, hash);
    if (!row || row.revoked_at !== null || new Date(row.expires_at) <= new Date()) return null;
    const actor: Actor = {
      municipalityCode: parsed.municipalityCode,
      userId: row.id,
      userName: row.name,
      role: row.role as Role,
      personId: row.person_id,
    };
    if (authCache.size >= AUTH_CACHE_MAX) authCache.clear();
    authCache.set(key, {
      actor,
      tokenId: row.token_id,
      expiresAt: new Date(row.expires_at).getTime(),
      until: Date.now() + AUTH_CACHE_MS,
    });
    return actor;
  });
}

/** Sign-out: the session's token is revoked (by its holder) and the end is audited. */
export async function endSessionToken(db: Kysely<DB>, token: string): Promise<void> {
  const parsed = parseToken(token);
  if (!parsed) return;
  try {
    await endSession(db, parsed.municipalityCode, token);
  } finally {
    // After the commit, so that no lookup in between brings the revoked token back.
    authCache.delete(hashToken(token).toString('hex'));
  }
}

async function endSession(db: Kysely<DB>, municipalityCode: string, token: string): Promise<void> {
  await inTenant(db, municipalityCode, async (tx) => {
    const holder = await tokenHolderByHash(tx, hashToken(token));
    if (!holder) return;
    const revoked = await revokeTokenRow(tx, { hash: hashToken(token) }, holder.id);
    if (!revoked) return;
    await recordAudit(tx, {
      municipalityCode,
      event: revoked.token.kind === 'session' ? 'session.ended' : 'token.revoked',
      actor: { userId: holder.id, name: holder.name, role: holder.role },
      subject: revoked.user,
      tokenId: revoked.token.id,
      expiresAt: new Date(revoked.token.expires_at),
    });
  });
}

/** The municipality's tokens and sessions (admin): holder, role, creator, expiry; never the token or its hash. */
export async function listTokens(
  ctx: Ctx,
  options: { kind?: TokenKind | undefined; includeInactive?: boolean | undefined; limit?: number | undefined } = {},
): Promise<TokenView[]> {
  authorize(ctx, ctx.actor.municipalityCode, 'token.create');
  const now = new Date();
  const rows = await inTenant(ctx.db, ctx.actor.municipalityCode, (tx) =>
    listTokenRows(tx, {
      kind: options.kind,
      includeInactive: options.includeInactive ?? false,
      now,
      limit: options.limit ?? 500,
    }),
  );
  return rows.map((r) => presentToken(r, now));
}

/** Revokes one token or session of the admin's municipality; audited. Revoking a revoked token changes nothing. */
export async function revokeToken(ctx: Ctx, tokenId: string): Promise<TokenView> {
  authorize(ctx, ctx.actor.municipalityCode, 'token.create');
  const now = new Date();
  try {
    return await revokeInTenant(ctx, tokenId, now);
  } finally {
    forgetAuthenticated({ tokenId });
  }
}

async function revokeInTenant(ctx: Ctx, tokenId: string, now: Date): Promise<TokenView> {
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    if (!(await tokenExists(tx, tokenId))) throw new NotFoundError('token.not_found', 'The token');
    const revoked = await revokeTokenRow(tx, { id: tokenId }, ctx.actor.userId);
    if (revoked) {
      await recordAudit(tx, {
        municipalityCode: ctx.actor.municipalityCode,
        event: revoked.token.kind === 'session' ? 'session.ended' : 'token.revoked',
        actor: auditActor(ctx.actor),
        subject: revoked.user,
        tokenId,
        expiresAt: new Date(revoked.token.expires_at),
      });
    }
    const [row] = await listTokenRows(tx, { id: tokenId, includeInactive: true, now, limit: 1 });
    if (!row) throw new NotFoundError('token.not_found', 'The token');
    return presentToken(row, now);
  });
}

/** The administrative audit trail of the admin's municipality, newest first. */
export async function listAuditEvents(ctx: Ctx, limit = 500): Promise<AuditEventView[]> {
  authorize(ctx, ctx.actor.municipalityCode, 'token.create');
  const rows = await inTenant(ctx.db, ctx.actor.municipalityCode, (tx) => auditEvents(tx, limit));
  return rows.map(presentAuditEvent);
}

function auditActor(actor: Actor | null): { userId: string; name: string; role: string } | null {
  return actor ? { userId: actor.userId, name: actor.userName, role: actor.role } : null;
}

async function knownMunicipality(db: Kysely<DB>, code: string): Promise<void> {
  if (!(await municipalityExists(db, code)))
    throw new UnprocessableError('municipality.unknown', `There is no municipality with code ${code}.`, [
      { pointer: '/municipality', code: 'municipality.unknown', detail: 'Unknown municipality code.' },
    ]);
}
