// API tokens and browser sessions: the token just created (shown once), and a token as the
// admin's list shows it (holder, role, creator, expiry, status; never the token or its hash).
import type { TokenKind, UserKind } from '../../db/schema.js';
import type { listTokens, UserRow } from '../../repositories/identities.js';

export interface CreatedToken {
  token: string;
  tokenId: string;
  userId: string;
  userName: string;
  userKind: UserKind;
  expiresAt: Date;
}

/** The token or session just created for `user`; the only time the token itself is shown. */
export function presentCreatedToken(
  token: string,
  tokenId: string,
  user: Pick<UserRow, 'id' | 'name' | 'kind'>,
  expiresAt: Date,
): CreatedToken {
  return { token, tokenId, userId: user.id, userName: user.name, userKind: user.kind, expiresAt };
}

export interface TokenView {
  id: string;
  kind: TokenKind;
  user: { id: string; name: string; kind: UserKind };
  role: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: { id: string; name: string } | null;
  status: 'active' | 'expired' | 'revoked';
}

export type TokenRecord = Awaited<ReturnType<typeof listTokens>>[number];

/** A token or session as listed on `now` (active, expired or revoked). */
export function presentToken(row: TokenRecord, now: Date): TokenView {
  const expires = new Date(row.expires_at);
  return {
    id: row.id,
    kind: row.kind,
    user: { id: row.user_id, name: row.user_name, kind: row.user_kind },
    role: row.role,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    expiresAt: expires.toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    revokedBy: row.revoked_by ? { id: row.revoked_by, name: row.revoked_by_name ?? '' } : null,
    status: row.revoked_at ? 'revoked' : expires <= now ? 'expired' : 'active',
  };
}
