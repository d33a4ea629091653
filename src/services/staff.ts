// The municipality's staff who can be contact persons (caseworkers and team leaders).
import { inTenant } from '../db/tenant.js';
import type { Ctx } from './context.js';

export async function contactPersonCandidates(ctx: Ctx): Promise<{ id: string; name: string; role: string }[]> {
  return inTenant(ctx.db, ctx.actor.municipalityCode, (tx) =>
    tx.selectFrom('users').select(['id', 'name', 'role']).where('role', 'in', ['caseworker', 'team_lead']).orderBy('name').execute());
}
