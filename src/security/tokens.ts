// API tokens: random, shown once, stored as a SHA-256 hash (they carry 256 bits of entropy, so
// a slow password hash adds nothing). The municipality code is part of the token so that its
// lookup runs inside that tenant, under row-level security, like every other query.
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PATTERN = /^mb_(\d{3})_([A-Za-z0-9_-]{43})$/;

export function newToken(municipalityCode: string): string {
  return `mb_${municipalityCode}_${randomBytes(32).toString('base64url')}`;
}

export function parseToken(token: string): { municipalityCode: string } | null {
  const municipalityCode = TOKEN_PATTERN.exec(token)?.[1];
  return municipalityCode === undefined ? null : { municipalityCode };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
