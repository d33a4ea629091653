// The synthetic staff that the demo identity provider lists (src/web/idp/demo-accounts.ts):
// read at start-up, before anyone signs in, so without an actor and outside the access log (no
// person's data, only staff names and roles).
import type { Role } from '../domain/authorization.js';
import { inTenant } from '../db/tenant.js';
import { syntheticStaff } from '../repositories/identities.js';
import { DEMO_ISSUER } from '../security/identities.js';
import type { Database } from './context.js';

/** The demo staff of some municipalities: one tenant transaction per municipality (on PostgreSQL the server's login role sees no user outside a tenant). */
export async function demoStaff(db: Database, municipalityCodes: readonly string[], roles: readonly Role[]) {
  return (
    await Promise.all(
      municipalityCodes.map((code) => inTenant(db, code, (tx) => syntheticStaff(tx, DEMO_ISSUER, roles))),
    )
  ).flat();
}
