// Users, their API tokens and browser sessions, and the administrative audit trail. Always inside
// a tenant transaction (RLS); the services decide, these queries only read and write.
import type { NotNull } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { AuditEvent, TokenKind, UserKind } from '../db/schema.js';

export interface UserRow {
  id: string;
  name: string;
  role: string;
  kind: UserKind;
  person_id: string | null;
}

const USER_COLUMNS = ['id', 'name', 'role', 'kind', 'person_id'] as const;

export async function userByIdentity(tx: Tx, issuer: string, subject: string): Promise<UserRow | undefined> {
  return tx
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

/** A user of the tenant by id (name, role, kind), or undefined. */
export async function userById(
  tx: Tx,
  id: string,
): Promise<{ id: string; name: string; role: string; kind: UserKind } | undefined> {
  return tx.selectFrom('users').select(['id', 'name', 'role', 'kind']).where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  tx: Tx,
  values: {
    municipalityCode: string;
    name: string;
    role: string;
    kind: UserKind;
    issuer: string | null;
    subject: string | null;
    personId: string | null;
    synthetic: boolean;
    createdBy: string | null;
  },
): Promise<UserRow> {
  return tx
    .insertInto('users')
    .values({
      municipality_code: values.municipalityCode,
      name: values.name,
      role: values.role,
      kind: values.kind,
      issuer: values.issuer,
      subject: values.subject,
      person_id: values.personId,
      synthetic: values.synthetic,
      created_by: values.createdBy,
    })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The identity provider is the authority on a person's name and role: both follow each sign-in. */
export async function updateUserLabel(tx: Tx, id: string, name: string, role: string): Promise<UserRow> {
  return tx
    .updateTable('users')
    .set({ name, role, updated_at: new Date() })
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function personExists(tx: Tx, personId: string): Promise<boolean> {
  return (await tx.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined;
}

export async function insertToken(
  tx: Tx,
  values: {
    municipalityCode: string;
    userId: string;
    hash: Buffer;
    expiresAt: Date;
    kind: TokenKind;
    createdBy: string | null;
  },
): Promise<{ id: string }> {
  return tx
    .insertInto('api_tokens')
    .values({
      municipality_code: values.municipalityCode,
      user_id: values.userId,
      token_hash: values.hash,
      expires_at: values.expiresAt,
      kind: values.kind,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function tokenHolderByHash(tx: Tx, hash: Buffer) {
  return tx
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', (j) =>
      j.onRef('u.municipality_code', '=', 't.municipality_code').onRef('u.id', '=', 't.user_id'),
    )
    .select([
      't.id as token_id',
      't.kind as token_kind',
      't.expires_at',
      't.revoked_at',
      'u.id',
      'u.name',
      'u.role',
      'u.kind',
      'u.person_id',
    ])
    .where('t.token_hash', '=', hash)
    .executeTakeFirst();
}

/** Marks a token revoked, unless it already is; returns it with its holder when this call revoked it. */
export async function revokeToken(tx: Tx, where: { id: string } | { hash: Buffer }, revokedBy: string | null) {
  const revoked = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: new Date(), revoked_by: revokedBy })
    .where('revoked_at', 'is', null)
    .where((eb) => ('id' in where ? eb('id', '=', where.id) : eb('token_hash', '=', where.hash)))
    .returning(['id', 'user_id', 'kind', 'expires_at'])
    .executeTakeFirst();
  if (!revoked) return undefined;
  const user = await tx
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('id', '=', revoked.user_id)
    .executeTakeFirstOrThrow();
  return { token: revoked, user };
}

export async function tokenExists(tx: Tx, id: string): Promise<boolean> {
  return (await tx.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Every token and session of the tenant with its holder and who created and revoked it; never the hash. */
export async function listTokens(
  tx: Tx,
  filter: { id?: string; kind?: TokenKind; includeInactive: boolean; now: Date; limit: number },
) {
  let q = tx
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', (j) =>
      j.onRef('u.municipality_code', '=', 't.municipality_code').onRef('u.id', '=', 't.user_id'),
    )
    .leftJoin('users as c', (j) =>
      j.onRef('c.municipality_code', '=', 't.municipality_code').onRef('c.id', '=', 't.created_by'),
    )
    .leftJoin('users as r', (j) =>
      j.onRef('r.municipality_code', '=', 't.municipality_code').onRef('r.id', '=', 't.revoked_by'),
    )
    .select([
      't.id',
      't.kind',
      't.created_at',
      't.expires_at',
      't.revoked_at',
      't.created_by',
      't.revoked_by',
      'u.id as user_id',
      'u.name as user_name',
      'u.kind as user_kind',
      'u.role',
      'c.name as created_by_name',
      'r.name as revoked_by_name',
    ]);
  if (filter.id !== undefined) q = q.where('t.id', '=', filter.id);
  if (filter.kind !== undefined) q = q.where('t.kind', '=', filter.kind);
  if (!filter.includeInactive) q = q.where('t.revoked_at', 'is', null).where('t.expires_at', '>', filter.now);
  return q.orderBy('t.created_at', 'desc').orderBy('t.id').limit(filter.limit).execute();
}

export interface AuditEntry {
  municipalityCode: string;
  event: AuditEvent;
  /** Who did it; null for the command line (an operator with access to the database). */
  actor: { userId: string; name: string; role: string } | null;
  actorLabel?: string;
  subject: UserRow;
  tokenId: string | null;
  expiresAt: Date | null;
}

export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      municipality_code: e.municipalityCode,
      event: e.event,
      actor_user_id: e.actor?.userId ?? null,
      actor_name: e.actor?.name ?? e.actorLabel ?? 'kommandolinje',
      actor_role: e.actor?.role ?? null,
      subject_user_id: e.subject.id,
      subject_name: e.subject.name,
      subject_kind: e.subject.kind,
      role: e.subject.role,
      token_id: e.tokenId,
      expires_at: e.expiresAt,
    })
    .execute();
}

export async function auditEvents(tx: Tx, limit: number) {
  return tx
    .selectFrom('audit_events')
    .select([
      'id',
      'at',
      'event',
      'actor_user_id',
      'actor_name',
      'actor_role',
      'subject_user_id',
      'subject_name',
      'subject_kind',
      'role',
      'token_id',
      'expires_at',
    ])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The synthetic staff the demo seed recorded under an issuer, with the given roles: name, role and subject. */
export async function syntheticStaff(tx: Tx, issuer: string, roles: readonly string[]) {
  return (
    tx
      .selectFrom('users')
      .select(['municipality_code', 'name', 'role', 'subject'])
      .where('synthetic', '=', true)
      .where('kind', '=', 'person')
      .where('issuer', '=', issuer)
      .where('role', 'in', [...roles])
      // A user with an issuer has a subject (users_issuer_subject_together).
      .$narrowType<{ subject: NotNull }>()
      .orderBy('role')
      .orderBy('name')
      .execute()
  );
}
